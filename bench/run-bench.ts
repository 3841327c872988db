/**
 * `npm run bench`: the gateway's overhead, throughput, long streams and memory, measured in one run beside
 * going direct to the upstream, a bare pass-through proxy (the floor) and Portkey. Everything on loopback;
 * the gateway under test pinned to CPU 0, the fake upstream and the load generator to CPU 1 (when taskset
 * exists). Every step is bounded in time. `--quick` runs short versions of every step.
 * Writes bench/results/latest.json and latest.md, and prints the tables.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasWrk, runLoad, type LoadResult } from './lib/load.js';
import { cpuSeconds, hasTaskset, RssSampler, runPinned, sleep, startPinned, stop, waitForPort } from './lib/processes.js';
import { renderReport, type BenchReport, type LongStreamResult, type ProbeResult } from './report.js';
import { makeTargets, type Target } from './targets.js';

const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const workDir = join(repoRoot, 'bench', 'results', 'work');
const GATEWAY_CPU = 0;
const LOAD_CPU = cpus().length > 1 ? 1 : 0;
const UPSTREAM_PORT = 9200;
const settings = {
  quick,
  warmupSeconds: quick ? 1 : 2,
  runSeconds: quick ? 3 : 10,
  connections: [10, 50, 200],
  probeRequests: quick ? 300 : 1000,
  longStreams: quick ? 500 : 5000,
  longChunks: quick ? 50 : 200,
  longIntervalMs: 100,
};
const WATCHDOG_MS = quick ? 6 * 60_000 : 25 * 60_000;

const messages = [
  { role: 'system', content: 'You are a helpful assistant.' },
  { role: 'user', content: 'Write one sentence about foxes.' },
];
const jsonBody = JSON.stringify({ model: 'bench-model', messages, max_tokens: 64, temperature: 0.7 });
const streamBody = JSON.stringify({ model: 'bench-model', stream: true, messages, max_tokens: 64, temperature: 0.7 });
const longBody = JSON.stringify({ model: 'slow-stream', stream: true, messages });

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error(`benchmark ran past ${WATCHDOG_MS / 60_000} minutes: stopping`);
    process.exit(2);
  }, WATCHDOG_MS);
  watchdog.unref();
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  console.log(`pinning: ${hasTaskset ? `gateway on CPU ${GATEWAY_CPU}, upstream and load on CPU ${LOAD_CPU}` : 'taskset not found, unpinned'}`);
  console.log(`load generator: ${hasWrk ? 'wrk' : 'autocannon'}; ${settings.runSeconds} s per run after ${settings.warmupSeconds} s warm-up`);

  const upstream = startPinned(LOAD_CPU, process.execPath, [join(repoRoot, 'build-bench/bench/upstream-server.js'), String(UPSTREAM_PORT)], {
    log: join(workDir, 'upstream.log'),
    env: { SLOW_CHUNKS: String(settings.longChunks), SLOW_INTERVAL_MS: String(settings.longIntervalMs) },
  });
  const report: BenchReport = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '?', node: process.version, pinned: hasTaskset, loadGenerator: hasWrk ? 'wrk' : 'autocannon' },
    settings,
    loads: [],
    probes: [],
    longStreams: [],
    micro: [],
  };
  try {
    await waitForPort(UPSTREAM_PORT);
    for (const target of makeTargets(UPSTREAM_PORT)) {
      if (only && !only.includes(target.name)) continue;
      await measureTarget(target, report);
    }
    console.log('micro-benchmark of the per-request work');
    report.micro = JSON.parse(await runPinned(GATEWAY_CPU, process.execPath, [join(repoRoot, 'build-bench/bench/micro.js'), '--json'], 120_000));
  } finally {
    await stop(upstream);
  }
  const md = renderReport(report);
  const resultsDir = join(repoRoot, 'bench', 'results');
  writeFileSync(join(resultsDir, 'latest.json'), JSON.stringify(report, null, 2));
  writeFileSync(join(resultsDir, 'latest.md'), md);
  console.log(`\n${md}`);
  console.log(`written: bench/results/latest.json, bench/results/latest.md`);
}

async function measureTarget(target: Target, report: BenchReport): Promise<void> {
  console.log(`== ${target.label}`);
  const child = target.start ? await target.start({ cpu: GATEWAY_CPU, upstreamPort: UPSTREAM_PORT, workDir, repoRoot }) : undefined;
  const pid = child?.pid;
  const url = `http://127.0.0.1:${target.port}/v1/chat/completions`;
  try {
    for (const stream of [false, true]) {
      for (const connections of settings.connections) {
        const spec = { url, headers: target.headers, body: stream ? streamBody : jsonBody, connections, cpu: LOAD_CPU, workDir };
        await runLoad({ ...spec, seconds: settings.warmupSeconds });
        const rss = pid ? new RssSampler(pid) : undefined;
        const cpuBefore = pid ? cpuSeconds(pid) : 0;
        const result: LoadResult = await runLoad({ ...spec, seconds: settings.runSeconds });
        const cpu = pid ? ((cpuSeconds(pid) - cpuBefore) / settings.runSeconds) * 100 : undefined;
        const peakRssMb = rss?.stop();
        report.loads.push({ target: target.name, stream, connections, ...result, ...(cpu !== undefined && { cpuPercent: cpu }), ...(peakRssMb !== undefined && { peakRssMb }) });
        console.log(`   ${stream ? 'stream' : 'json  '} c=${String(connections).padEnd(3)} ${result.rps.toFixed(0).padStart(7)} req/s  p50 ${result.p50.toFixed(2)} ms  p99 ${result.p99.toFixed(2)} ms${result.errors ? `  errors ${result.errors}` : ''}`);
      }
    }
    for (const stream of [false, true]) {
      const out = await runPinned(
        LOAD_CPU,
        process.execPath,
        [join(repoRoot, 'build-bench/bench/probe-client.js'), url, JSON.stringify(target.headers), stream ? streamBody : jsonBody, String(settings.probeRequests)],
        120_000,
      );
      const probe = { target: target.name, stream, ...(JSON.parse(out) as Omit<ProbeResult, 'target' | 'stream'>) };
      report.probes.push(probe);
      console.log(`   probe ${stream ? 'stream' : 'json  '} ttfb p50 ${probe.ttfbP50.toFixed(3)} ms  total p50 ${probe.totalP50.toFixed(3)} ms`);
    }
    if ((target.name === 'switchyard' || target.name === 'floor') && pid) await measureLongStreams(target, pid, report);
  } finally {
    if (child) await stop(child);
  }
}

async function measureLongStreams(target: Target, pid: number, report: BenchReport): Promise<void> {
  const url = `http://127.0.0.1:${target.port}/v1/chat/completions`;
  const lagBefore = await scrapeLag(target);
  const rss = new RssSampler(pid);
  const cpuBefore = cpuSeconds(pid);
  const started = performance.now();
  const timeoutMs = settings.longChunks * settings.longIntervalMs + 60_000;
  const out = await runPinned(
    LOAD_CPU,
    process.execPath,
    [join(repoRoot, 'build-bench/bench/long-stream-client.js'), url, JSON.stringify(target.headers), longBody, String(settings.longStreams), String(settings.longChunks), String(timeoutMs)],
    timeoutMs + 30_000,
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuPercent = ((cpuSeconds(pid) - cpuBefore) / seconds) * 100;
  const lag = await scrapeLag(target);
  const result: LongStreamResult = {
    target: target.name,
    ...(JSON.parse(out) as Omit<LongStreamResult, 'target' | 'peakRssMb' | 'eventLoopP99Ms' | 'cpuPercent'>),
    peakRssMb: rss.stop(),
    cpuPercent,
    ...(lag !== undefined && lagBefore !== undefined && { eventLoopP99Ms: lag }),
  };
  report.longStreams.push(result);
  console.log(
    `   long streams: ${result.completed}/${result.streams} complete, ${result.failed} failed, peak RSS ${result.peakRssMb.toFixed(0)} MB` +
      (result.eventLoopP99Ms !== undefined ? `, event-loop delay p99 ${result.eventLoopP99Ms.toFixed(1)} ms` : ''),
  );
  await sleep(500);
}

/** The gateway's event-loop delay p99 since the last scrape (prom-client resets it at each scrape), ms. */
async function scrapeLag(target: Target): Promise<number | undefined> {
  if (target.name !== 'switchyard') return undefined;
  const res = await fetch(`http://127.0.0.1:${target.port}/metrics`);
  const match = /^nodejs_eventloop_lag_p99_seconds (\S+)$/m.exec(await res.text());
  return match ? Number(match[1]) * 1000 : undefined;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
