import { execFileSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPinned, waitForPort } from './lib/processes.js';

/** A made-up price for the upstream's models (USD per million tokens). */
const PRICES = '{ bench-model: { input: 0.2, output: 0.6 }, slow-stream: { input: 0.2, output: 0.6 } }';

/** One thing the load is pointed at. `start` launches it (on the gateway's CPU) unless it is the upstream itself. */
export interface Target {
  name: 'direct' | 'floor' | 'switchyard' | 'switchyard-slow-disk' | 'switchyard-pg' | 'switchyard-2w' | 'switchyard-cache' | 'portkey';
  label: string;
  port: number;
  headers: Record<string, string>;
  /** Model names to send for the short and the long streams. */
  start?: (ctx: StartContext) => Promise<ChildProcess>;
}

export interface StartContext {
  cpu: number;
  upstreamPort: number;
  workDir: string;
  repoRoot: string;
}

export const MASTER_KEY = 'sy-bench-master-key-0123456789abcdef';

export function makeTargets(upstreamPort: number): Target[] {
  return [
    { name: 'direct', label: 'direct to upstream', port: upstreamPort, headers: {} },
    {
      name: 'floor',
      label: 'bare proxy (node:http + undici)',
      port: 9201,
      headers: {},
      async start(ctx) {
        const child = startPinned(ctx.cpu, process.execPath, [join(ctx.repoRoot, 'build-bench/bench/floor-proxy.js'), '9201', `http://127.0.0.1:${ctx.upstreamPort}`], {
          log: join(ctx.workDir, 'floor.log'),
        });
        await waitForPort(9201);
        return child;
      },
    },
    switchyardTarget('switchyard', 'Switchyard (virtual key with budget and rate limit, ledger, a fallback route, health, metrics, info logs)', 9202, 1, () => [
      `storage: "sqlite:${'${WORK}'}/switchyard.db"`,
    ]),
    slowDisk(
      switchyardTarget('switchyard-slow-disk', 'Switchyard as above, beside a neighbour that appends and fdatasyncs 64 KiB in a loop on the same disk', 9206, 1, () => [
        `storage: "sqlite:${'${WORK}'}/switchyard-slow-disk.db"`,
      ]),
    ),
    // the bench sends one body again and again: with the cache on (for every request, deterministic or not)
    // every request after the first is a hit, so this measures answering from the cache
    switchyardTarget('switchyard-cache', 'Switchyard as above with the response cache on: every request after the first a hit', 9207, 1, () => [
      `storage: "sqlite:${'${WORK}'}/switchyard-cache.db"`,
      'cache: { enabled: true, deterministic_only: false }',
    ]),
    switchyardTarget('switchyard-pg', 'Switchyard on PostgreSQL + Redis (one process, same features)', 9204, 1, sharedStores),
    switchyardTarget('switchyard-2w', 'Switchyard, 2 workers (--workers 2) on PostgreSQL + Redis, pinned to the same CPU', 9205, 2, sharedStores),
    {
      name: 'portkey',
      label: '@portkey-ai/gateway 1.15.2',
      port: 9203,
      headers: {
        'x-portkey-provider': 'openai',
        'x-portkey-custom-host': `http://127.0.0.1:${upstreamPort}/v1`,
        authorization: 'Bearer upstream-key',
      },
      async start(ctx) {
        const child = startPinned(
          ctx.cpu,
          process.execPath,
          [
            '--import',
            join(ctx.repoRoot, 'bench/portkey-loopback.mjs'),
            join(ctx.repoRoot, 'node_modules/@portkey-ai/gateway/build/start-server.js'),
            '--port=9203',
            '--headless',
          ],
          { env: { NODE_ENV: 'production' }, log: join(ctx.workDir, 'portkey.log') },
        );
        await waitForPort(9203, 30_000);
        return child;
      },
    },
  ];
}

/**
 * A target whose disk is kept busy syncing: an fsync-heavy neighbour (bench/fsync-neighbour.ts, on the
 * load generator's CPU, in the same work folder) runs for as long as the gateway does.
 */
function slowDisk(target: Target): Target {
  const start = target.start!;
  return {
    ...target,
    async start(ctx) {
      const child = await start.call(this, ctx);
      startPinned(ctx.cpu === 0 ? 1 : 0, process.execPath, [join(ctx.repoRoot, 'build-bench/bench/fsync-neighbour.js'), ctx.workDir, String(child.pid)], {
        log: join(ctx.workDir, `${target.name}-neighbour.log`),
      });
      return child;
    },
  };
}

/** The shared stores of the development machine: a fresh bench database, a Redis key prefix of this run. */
const PG_URL = process.env.SWITCHYARD_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
const REDIS_URL = process.env.SWITCHYARD_BENCH_REDIS ?? 'redis://127.0.0.1:6379';

function sharedStores(name: string): string[] {
  const db = `switchyard_bench_${name.replace(/\W/g, '_')}`;
  execFileSync('psql', [`${PG_URL}/postgres`, '-q', '-c', `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`, '-c', `CREATE DATABASE ${db}`], { stdio: 'ignore' });
  return [`storage: "${PG_URL}/${db}"`, `spool_dir: "${'${WORK}'}/spool-${name}"`, `redis: "${REDIS_URL}"`, `redis_prefix: "switchyard-bench:${process.pid}:${name}:"`];
}

/** Switchyard with production features on storage from `storage` (lines of config; ${WORK} is the work folder). */
function switchyardTarget(name: Target['name'], label: string, port: number, workers: number, storage: (name: string) => string[]): Target {
  return {
    name,
    label,
    port,
    headers: {},
    async start(ctx) {
      const config = join(ctx.workDir, `${name}.yaml`);
      writeFileSync(
        config,
        [
          `listen: 127.0.0.1:${port}`,
          'log_level: info',
          ...storage(name).map((l) => l.replace('${WORK}', ctx.workDir)),
          `auth: { admin_key: "${MASTER_KEY}" }`,
          'providers:',
          // priced, as a key with a budget is only ever sent to deployments whose cost it can count
          `  up: { type: openai-compatible, base_url: "http://127.0.0.1:${ctx.upstreamPort}/v1", api_key: "upstream-key", prices: ${PRICES} }`,
          `  spare: { type: openai-compatible, base_url: "http://127.0.0.1:${ctx.upstreamPort}/v1", api_key: "upstream-key", prices: ${PRICES} }`,
          // routes with a fallback, so every request is planned and health-checked
          'routes:',
          '  bench-model: { strategy: fallback, targets: [up/bench-model, spare/bench-model] }',
          '  slow-stream: { strategy: fallback, targets: [up/slow-stream, spare/slow-stream] }',
          '',
        ].join('\n'),
      );
      // a virtual key with a budget and a rate limit, so every request goes through admission and settlement
      const key = execFileSync(
        process.execPath,
        [join(ctx.repoRoot, 'bin/switchyard.js'), 'keys', 'create', '--team', 'bench', '--budget', '1000000', '--rpm', '100000000', '--config', config, '--create-store'],
        { encoding: 'utf8' },
      ).trim();
      this.headers = { authorization: `Bearer ${key}` };
      const child = startPinned(ctx.cpu, process.execPath, [join(ctx.repoRoot, 'bin/switchyard.js'), 'start', '--config', config, '--workers', String(workers)], {
        log: join(ctx.workDir, `${name}.log`),
      });
      await waitForPort(port, 30_000);
      return child;
    },
  };
}
