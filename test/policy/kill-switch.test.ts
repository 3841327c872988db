import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/ledger/sqlite/open-sqlite.js';
import { SqliteControlStore } from '../../src/ledger/sqlite/sqlite-control-store.js';
import { KillSwitchWatcher } from '../../src/routing/policies/kill-switch-watcher.js';
import { FakeUpstream, type RecordedRequest } from '../support/fake-upstream.js';
import { openAIReply } from '../support/openai-replies.js';
import { runCli } from '../support/run-cli.js';
import { waitUntil } from '../support/wait-until.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';
import { controlStoreContract } from './control-store.contract.js';

controlStoreContract('SQLite', async () => {
  const db = openSqlite(':memory:');
  return { store: new SqliteControlStore(db), close: async () => void db.close() };
});

const ADMIN = 'sy-admin-key-for-tests-0123456789';

/**
 * The kill switch under load: a gateway whose model has two deployments (a, preferred; b, fallback) on a
 * SQLite file serves a steady stream of requests; `switchyard kill provider:a`, run as its own process on
 * the same file, cuts a over. No request fails (b is compliant), none reaches a after the cut-over second,
 * the requests in flight at a finish, and the audit log says who, when and why.
 */
describe('kill switch under load', () => {
  let a: FakeUpstream;
  let b: FakeUpstream;
  let gateway: TestGateway;
  let dir: string;
  let configFile: string;
  const arrivals: Record<'a' | 'b', number[]> = { a: [], b: [] };

  beforeAll(async () => {
    a = await FakeUpstream.start();
    b = await FakeUpstream.start();
    const reply = openAIReply();
    a.reply((req: RecordedRequest) => {
      arrivals.a.push(Date.now());
      return { ...reply(req), delayMs: 40 };
    });
    b.reply((req: RecordedRequest) => {
      arrivals.b.push(Date.now());
      return reply(req);
    });
    dir = mkdtempSync(join(tmpdir(), 'sy-kill-'));
    const db = join(dir, 'ledger.db');
    configFile = join(dir, 'switchyard.yaml');
    const config = {
      storage: `sqlite:${db}`,
      auth: { admin_key: ADMIN },
      providers: { a: { type: 'vllm', base_url: `${a.url}/v1` }, b: { type: 'vllm', base_url: `${b.url}/v1` } },
      models: { m: { deployments: ['a/m', 'b/m'] } },
    };
    // the CLI checks kill targets against the same config the gateway runs (JSON is YAML)
    writeFileSync(configFile, JSON.stringify(config));
    gateway = await startTestGateway(config);
  });

  afterAll(async () => {
    await gateway?.close(0);
    await a?.close();
    await b?.close();
  });

  it('cuts a provider over within a second in another process, failing nothing', async () => {
    const failures: unknown[] = [];
    let served = 0;
    let stop = false;
    const worker = async () => {
      while (!stop) {
        try {
          const r = await gateway.client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
          if (r.choices[0]?.message.content === 'ok') served++;
        } catch (err) {
          failures.push(err);
        }
      }
    };
    const workers = Array.from({ length: 6 }, worker);
    let cutOver = 0;
    try {
      // counts, not times: a loaded machine makes this slower, never wrong
      await waitUntil(() => arrivals.a.length >= 10, 30_000, '10 requests at a before the kill');
      const result = await runCli(['kill', 'provider:a', '--reason', 'sanctions drill', '--actor', 'alice', '-c', configFile]);
      cutOver = Date.now();
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('Killed provider:a');
      await new Promise((r) => setTimeout(r, 1_000));
      const settled = arrivals.b.length;
      await waitUntil(() => arrivals.b.length >= settled + 10, 30_000, '10 requests at b a second after the kill');
    } finally {
      stop = true;
      await Promise.all(workers);
    }

    expect(failures).toEqual([]);
    expect(served).toBeGreaterThan(20);
    expect(arrivals.a.filter((t) => t > cutOver + 1000)).toEqual([]);

    const audit = await runCli(['kills', '--audit', '--format', 'json', '-c', configFile]);
    const listed = JSON.parse(audit.stdout) as { kills: Array<{ target: string; actor: string; reason: string }>; audit: Array<{ action: string; target: string; actor: string; reason: string; ts: number }> };
    expect(listed.kills).toEqual([expect.objectContaining({ target: 'provider:a', actor: 'cli:alice', reason: 'sanctions drill' })]);
    expect(listed.audit[0]).toEqual(expect.objectContaining({ action: 'kill', target: 'provider:a', actor: 'cli:alice', reason: 'sanctions drill' }));
    expect(listed.audit[0]!.ts).toBeLessThanOrEqual(cutOver);
  }, 90_000);

  it('the admin API lists, releases and pulls switches; a release is audited', async () => {
    const admin = (path: string, init: RequestInit = {}) =>
      fetch(`${gateway.url}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' } });
    expect(((await (await admin('/admin/kills')).json()) as { data: unknown[] }).data).toHaveLength(1);
    const released = await admin('/admin/kills/provider:a?reason=drill%20over', { method: 'DELETE' });
    expect(released.status).toBe(200);
    const before = arrivals.a.length;
    await gateway.client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    expect(arrivals.a.length).toBe(before + 1);

    const pulled = await admin('/admin/kills', { method: 'POST', body: JSON.stringify({ target: 'model:m', reason: 'bad model' }) });
    expect(pulled.status).toBe(200);
    expect(await pulled.json()).toEqual(expect.objectContaining({ target: 'model:m', actor: 'admin-api', reason: 'bad model' }));
    // both deployments serve upstream model `m`: nothing is left, and the answer says why
    const denied = await gateway.client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }).catch((e: { status: number; code: string }) => e);
    expect(denied).toMatchObject({ status: 403, code: 'policy_denied' });

    const bad = await admin('/admin/kills', { method: 'POST', body: JSON.stringify({ target: 'vendor:x' }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { param: string } }).error.param).toBe('target');
    expect((await admin('/admin/kills/provider:nobody', { method: 'DELETE' })).status).toBe(404);

    const audit = (await (await admin('/admin/audit?limit=3')).json()) as { data: Array<{ action: string; target: string; actor: string; reason?: string }> };
    expect(audit.data.map((e) => `${e.action} ${e.target} ${e.actor} ${e.reason ?? ''}`)).toEqual([
      'kill model:m admin-api bad model',
      'unkill provider:a admin-api drill over',
      'kill provider:a cli:alice sanctions drill',
    ]);
    await admin('/admin/kills/model:m', { method: 'DELETE' });
  });
});

describe('KillSwitchWatcher', () => {
  it('keeps the last switches when the store cannot be read', async () => {
    const db = openSqlite(':memory:');
    const store = new SqliteControlStore(db);
    await store.kill({ kind: 'origin', value: 'CN' }, 't', undefined, 1);
    const errors: unknown[] = [];
    const watcher = new KillSwitchWatcher(store, (e) => errors.push(e), 10_000);
    await watcher.start();
    expect(watcher.kills.size).toBe(1);
    db.close();
    await watcher.refresh(true);
    expect(errors).toHaveLength(1);
    expect(watcher.kills.size).toBe(1);
    watcher.stop();
  });
});

describe('a kill switch pulled while a request is in flight', () => {
  it('stops its failover to the killed provider', async () => {
    const x = await FakeUpstream.start();
    const y = await FakeUpstream.start();
    x.reply({ status: 503, json: { error: { message: 'overloaded' } }, delayMs: 600 });
    y.reply(openAIReply());
    const gateway = await startTestGateway({
      auth: { admin_key: ADMIN },
      providers: { x: { type: 'vllm', base_url: `${x.url}/v1` }, y: { type: 'vllm', base_url: `${y.url}/v1` } },
      models: { m: { deployments: ['x/m', 'y/m'] } },
    });
    try {
      const pending = gateway.client.chat.completions
        .create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })
        .catch((e: { status: number; code: string; error: { rules?: string[] } }) => e);
      await new Promise((r) => setTimeout(r, 150));
      const res = await fetch(`${gateway.url}/admin/kills`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ target: 'provider:y' }),
      });
      expect(res.status).toBe(200);
      const outcome = await pending;
      // x failed after the kill; y, planned as its fallback, was never sent the request
      expect(outcome).toMatchObject({ status: 403, code: 'policy_denied' });
      expect(y.requests).toHaveLength(0);
      expect(x.requests).toHaveLength(1);
    } finally {
      await gateway.close(0);
      await x.close();
      await y.close();
    }
  });
});
