import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, freePort, waitForHealth } from '../support/run-cli.js';

export interface SignalledStart {
  /** The started command's exit code (null when a signal ended it). */
  code: number | null;
  /** Whether 127.0.0.1:port still accepted a connection once the command had exited. */
  stillListening: boolean;
  output: string;
}

/** A config on a free loopback port with its own SQLite file, so nothing lands in the working folder. */
export async function writeStartConfig(): Promise<{ file: string; port: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'sy-signal-'));
  const port = await freePort();
  const file = join(dir, 'switchyard.yaml');
  writeFileSync(
    file,
    `listen: 127.0.0.1:${port}\nstorage: "sqlite:${join(dir, 'switchyard.db')}"\nproviders:\n  local: { type: vllm, base_url: "http://127.0.0.1:9/v1" }\nmodels:\n  m: { deployments: [local/m] }\n`,
  );
  return { file, port };
}

/**
 * Environment for npm itself: a registry that cannot answer (nothing is ever fetched), a scratch cache, and no
 * update check, so an npm wrapper under test never reaches beyond loopback.
 */
export function npmEnv(): NodeJS.ProcessEnv {
  return cleanEnv({
    npm_config_registry: 'http://127.0.0.1:9',
    npm_config_cache: mkdtempSync(join(tmpdir(), 'sy-npm-cache-')),
    npm_config_update_notifier: 'false',
  });
}

/**
 * Start a command that runs the gateway on `port`, wait until /health answers, send `signal` to that command's
 * process only (as a supervisor does), and report how it exited and whether the port was still open after.
 * The command runs in its own process group, so whatever it left behind is killed at the end.
 */
export async function startThenSignal(opts: {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  port: number;
  signal: NodeJS.Signals;
}): Promise<SignalledStart> {
  const child = spawn(opts.command, opts.args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await waitForHealth(`http://127.0.0.1:${opts.port}/health`, 15_000).catch((err: Error) => {
      throw new Error(`${err.message}\n${output}`);
    });
    child.kill(opts.signal);
    const code = await Promise.race([
      exited,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no exit 10 s after ${opts.signal}\n${output}`)), 10_000)),
    ]);
    return { code, stillListening: await accepts(opts.port), output };
  } finally {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // the whole group has already gone
    }
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(2_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(true);
    });
  });
}
