import { execFileSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPinned, waitForPort } from './lib/processes.js';

/** One thing the load is pointed at. `start` launches it (on the gateway's CPU) unless it is the upstream itself. */
export interface Target {
  name: 'direct' | 'floor' | 'switchyard' | 'portkey';
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
    {
      name: 'switchyard',
      label: 'Switchyard (virtual key with budget and rate limit, ledger, a fallback route, health, metrics, info logs)',
      port: 9202,
      headers: {},
      async start(ctx) {
        const config = join(ctx.workDir, 'switchyard.yaml');
        writeFileSync(
          config,
          [
            'listen: 127.0.0.1:9202',
            'log_level: info',
            `storage: "sqlite:${join(ctx.workDir, 'switchyard.db')}"`,
            `auth: { admin_key: "${MASTER_KEY}" }`,
            'providers:',
            `  up: { type: openai-compatible, base_url: "http://127.0.0.1:${ctx.upstreamPort}/v1", api_key: "upstream-key" }`,
            `  spare: { type: openai-compatible, base_url: "http://127.0.0.1:${ctx.upstreamPort}/v1", api_key: "upstream-key" }`,
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
          [join(ctx.repoRoot, 'bin/switchyard.js'), 'keys', 'create', '--team', 'bench', '--budget', '1000000', '--rpm', '100000000', '--config', config],
          { encoding: 'utf8' },
        ).trim();
        this.headers = { authorization: `Bearer ${key}` };
        const child = startPinned(ctx.cpu, process.execPath, [join(ctx.repoRoot, 'bin/switchyard.js'), 'start', '--config', config], {
          log: join(ctx.workDir, 'switchyard.log'),
        });
        await waitForPort(9202);
        return child;
      },
    },
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
