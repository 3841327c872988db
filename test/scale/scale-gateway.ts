import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { FakeUpstream } from '../support/fake-upstream.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres-test-db.js';
import { exited, freePort, spawnCli, waitForHealth } from '../support/run-cli.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { TEST_REDIS_URL } from '../support/test-services.js';

export const ADMIN = 'sy-admin-key-for-scale-tests-0123456789';
const REDIS_URL = new URL(TEST_REDIS_URL);

/** Every answer: 20 input + 1000 output tokens at $1 per million each = $0.00102. */
export const ANSWER = {
  id: 'x',
  object: 'chat.completion',
  created: 1,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'length' }],
  usage: { prompt_tokens: 20, completion_tokens: 1000, total_tokens: 1020 },
};

/**
 * The real CLI with `--workers N` on a free port, on a database of its own on the shared PostgreSQL and a
 * key prefix of its own on the shared Redis, each reached through a proxy the test can cut.
 */
export class ScaleGateway {
  private constructor(
    readonly url: string,
    readonly child: ReturnType<typeof spawnCli>,
    readonly db: TestDatabase,
    readonly pool: pg.Pool,
    readonly pgProxy: TcpProxy,
    readonly redisProxy: TcpProxy,
    readonly upstream: FakeUpstream,
    private readonly dir: string,
    private readonly prefix: string,
  ) {}

  static async start(workers: number, extraConfig = ''): Promise<ScaleGateway> {
    const dir = mkdtempSync(join(tmpdir(), 'sy-scale-'));
    const upstream = await FakeUpstream.start();
    upstream.reply({ json: ANSWER, delayMs: 20 });
    const db = await createTestDatabase('scale');
    const pgProxy = await TcpProxy.start(Number(new URL(db.url()).port || 5432));
    const redisProxy = await TcpProxy.start(Number(REDIS_URL.port || 6379));
    const prefix = `sytest:${process.pid}:${randomBytes(4).toString('hex')}:`;
    const port = await freePort();
    const config = join(dir, 'config.yaml');
    writeFileSync(
      config,
      [
        `listen: 127.0.0.1:${port}`,
        'log_level: error',
        `storage: "${db.url(pgProxy.port)}"`,
        `spool_dir: "${join(dir, 'spool')}"`,
        `redis: "redis://127.0.0.1:${redisProxy.port}"`,
        `redis_prefix: "${prefix}"`,
        `auth: { admin_key: ${ADMIN} }`,
        'providers:',
        `  local: { type: vllm, base_url: "${upstream.url}/v1", prices: { m: { input: 1, output: 1 } } }`,
        'models:',
        '  m: { deployments: [local/m] }',
        extraConfig,
      ].join('\n'),
    );
    const child = spawnCli(['start', '--config', config, '--workers', String(workers)]);
    const url = `http://127.0.0.1:${port}`;
    await waitForHealth(`${url}/health`, 20_000);
    const pool = new pg.Pool({ connectionString: db.url(), max: 2 });
    const gateway = new ScaleGateway(url, child, db, pool, pgProxy, redisProxy, upstream, dir, prefix);
    await gateway.waitForWorkers(workers);
    return gateway;
  }

  /** The worker processes' pids. */
  workerPids(): number[] {
    try {
      return execFileSync('pgrep', ['-P', String(this.child.pid)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
    } catch {
      return [];
    }
  }

  async waitForWorkers(n: number, timeoutMs = 20_000): Promise<number[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const pids = this.workerPids();
      if (pids.length === n) {
        // every worker up: a burst of health checks reaches each of them through the shared port
        await Promise.all(Array.from({ length: 4 * n }, () => fetch(`${this.url}/health`)));
        return pids;
      }
      if (Date.now() > deadline) throw new Error(`expected ${n} workers, found ${pids.length}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async createKey(fields: Record<string, unknown>): Promise<string> {
    const res = await fetch(`${this.url}/admin/keys`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` }, body: JSON.stringify(fields) });
    if (res.status !== 200) throw new Error(`key creation: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { key: string }).key;
  }

  /** One chat request; `id` is the response's id, which is also its ledger row's id. */
  async chat(key: string): Promise<{ status: number; id?: string; code?: string; cost?: number }> {
    const res = await fetch(`${this.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      signal: AbortSignal.timeout(15_000),
      body: JSON.stringify({ model: 'm', max_tokens: 1000, messages: [{ role: 'user', content: 'Hello' }] }),
    });
    const body = (await res.json()) as { id?: string; usage?: { cost: number }; error?: { code: string } };
    return { status: res.status, ...(body.id && { id: body.id }), ...(body.error && { code: body.error.code }), ...(body.usage && { cost: body.usage.cost }) };
  }

  /** Ledger ids in PostgreSQL (read directly, not through the proxy). */
  async ledgerIds(): Promise<string[]> {
    return (await this.pool.query<{ id: string }>('SELECT id FROM requests')).rows.map((r) => r.id);
  }

  /** Wait until every id in `ids` has reached PostgreSQL (the spools drain), up to `timeoutMs`. */
  async waitForRows(ids: string[], timeoutMs = 15_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const stored = await this.ledgerIds();
      const have = new Set(stored);
      if (ids.every((id) => have.has(id)) || Date.now() > deadline) return stored;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async stop(): Promise<number | null> {
    this.child.kill('SIGTERM');
    const code = await exited(this.child, 20_000);
    await this.pool.end();
    const redis = new Redis(REDIS_URL.href);
    const keys = await redis.keys(`${this.prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await this.db.drop();
    await this.pgProxy.close();
    await this.redisProxy.close();
    await this.upstream.close();
    rmSync(this.dir, { recursive: true, force: true });
    return code;
  }
}

/** Clients sending requests in a loop until `stop.done`; `completed` collects the ids of the answers received whole. */
export async function load(gateway: ScaleGateway, key: string, clients: number, stop: { done: boolean }, completed: string[]): Promise<void> {
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (!stop.done) {
        try {
          const r = await gateway.chat(key);
          if (r.status === 200 && r.id) completed.push(r.id);
        } catch {
          // the worker serving it died: not received complete
        }
      }
    }),
  );
}
