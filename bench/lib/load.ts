import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPinned } from './processes.js';

export interface LoadResult {
  rps: number;
  requests: number;
  errors: number;
  p50: number;
  p90: number;
  p99: number;
}

export interface LoadSpec {
  url: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  seconds: number;
  cpu: number;
  workDir: string;
}

export const hasWrk = spawnSync('wrk', ['--version']).error === undefined;

/** A fixed-rate-free closed-loop load (wrk when installed, autocannon otherwise); latencies in ms. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return hasWrk ? runWrk(spec) : runAutocannon(spec);
}

async function runWrk(spec: LoadSpec): Promise<LoadResult> {
  const lua = join(spec.workDir, 'request.lua');
  const headers = Object.entries({ 'content-type': 'application/json', ...spec.headers })
    .map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`)
    .join('\n');
  writeFileSync(lua, `wrk.method = "POST"\n${headers}\nwrk.body = ${JSON.stringify(spec.body)}\n`);
  const out = await runPinned(
    spec.cpu,
    'wrk',
    ['-t1', `-c${spec.connections}`, `-d${spec.seconds}s`, '--timeout', '10s', '--latency', '-s', lua, spec.url],
    (spec.seconds + 30) * 1000,
  );
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? NaN);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const socketErrors = socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
  const pct = (p: number) => toMs(new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s)`, 'm').exec(out));
  return { rps, requests, errors: non2xx + socketErrors, p50: pct(50), p90: pct(90), p99: pct(99) };
}

function toMs(match: RegExpExecArray | null): number {
  if (!match) return NaN;
  const value = Number(match[1]);
  return match[2] === 'us' ? value / 1000 : match[2] === 's' ? value * 1000 : value;
}

async function runAutocannon(spec: LoadSpec): Promise<LoadResult> {
  const script = join(spec.workDir, '..', '..', '..', 'build-bench', 'bench', 'autocannon-run.js');
  const out = await runPinned(
    spec.cpu,
    process.execPath,
    [script, JSON.stringify(spec)],
    (spec.seconds + 30) * 1000,
  );
  return JSON.parse(out) as LoadResult;
}
