import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/ledger/sqlite/open-sqlite.js';
import { SqliteControlStore } from '../../src/ledger/sqlite/sqlite-control-store.js';
import { killTargetText } from '../../src/routing/policies/kill-switch.js';
import { runCli } from '../support/run-cli.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

const ADMIN = 'sy-admin-key-for-tests-0123456789';

/**
 * Kill targets are checked against the config and the catalog: a switch on a name nothing knows would stop
 * nothing, so it is refused (exit 2, or a 400) unless forced; and one thing gets one switch however its
 * name is spelled, releasable by any spelling.
 */
// each CLI run starts a process: room for a loaded machine
describe('switchyard kill: unknown targets', { timeout: 40_000 }, () => {
  let configFile: string;
  let db: string;
  // what the store holds, read directly (each CLI run costs a process start)
  const inStore = async <T>(fn: (store: SqliteControlStore) => Promise<T>): Promise<T> => {
    const sqlite = openSqlite(db);
    try {
      return await fn(new SqliteControlStore(sqlite));
    } finally {
      sqlite.close();
    }
  };
  const kills = () => inStore(async (store) => (await store.listKills()).map((k) => killTargetText(k.target)));

  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'sy-kill-targets-'));
    db = join(dir, 'ledger.db');
    configFile = join(dir, 'switchyard.yaml');
    openSqlite(db).close(); // the gateway's store, as its first start leaves it
    // the provider's key is not set in the CLI's shell: only names are needed to check a target
    writeFileSync(
      configFile,
      [
        `storage: "sqlite:${db}"`,
        'providers:',
        '  ds: { type: deepseek, api_key: "${DS_KEY_NOT_IN_THIS_SHELL}" }',
        '  local: { type: vllm, base_url: "http://127.0.0.1:8000/v1" }',
        'models:',
        '  house: { deployments: [local/my-finetune] }',
        '',
      ].join('\n'),
    );
  });

  it('refuses provider:nosuch, origin:XX and model:typo with exit code 2 and stores nothing', async () => {
    const provider = await runCli(['kill', 'provider:nosuch', '-c', configFile]);
    expect(provider.code).toBe(2);
    expect(provider.stderr).toContain('provider:nosuch names no provider');
    expect(provider.stderr).toContain('ds, ');
    expect(provider.stderr).toContain('--force');
    const origin = await runCli(['kill', 'origin:XX', '-c', configFile]);
    expect(origin.code).toBe(2);
    expect(origin.stderr).toContain('not an ISO 3166-1 alpha-2 country code');
    const model = await runCli(['kill', 'model:typo', '-c', configFile]);
    expect(model.code).toBe(2);
    expect(model.stderr).toContain('model:typo names no model');
    expect(await kills()).toEqual([]);
  });

  it('takes names the config knows, and --force for a name not known yet', async () => {
    for (const t of ['provider:DS', 'model:my-finetune']) {
      const r = await runCli(['kill', t, '-c', configFile]);
      expect(r.code, `${t}: ${r.stderr}`).toBe(0);
    }
    const forced = await runCli(['kill', 'provider:NewCloud', '--force', '-c', configFile]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(await kills()).toEqual(['provider:ds', 'model:my-finetune', 'provider:newcloud']);
    await inStore(async (store) => {
      for (const k of await store.listKills()) await store.unkill(k.target, 'test', undefined, Date.now());
    });
  });

  it('makes one switch per developer however spelled, and any spelling releases it', async () => {
    expect((await runCli(['kill', 'developer:moonshot', '-c', configFile])).code).toBe(0);
    const again = await runCli(['kill', 'developer:Moonshot AI', '-c', configFile]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Killed developer:moonshotai');
    expect(await kills()).toEqual(['developer:moonshotai']);
    const released = await runCli(['unkill', 'developer:kimi', '-c', configFile]);
    expect(released.code, released.stderr).toBe(0);
    expect(await kills()).toEqual([]);
  });

  it('matches a switch stored under an older spelling rather than adding a second one', async () => {
    await inStore((store) => store.kill({ kind: 'developer', value: 'moonshot ai' }, 'cli:old', 'before canonical names', Date.now()));
    expect((await runCli(['kill', 'developer:moonshotai', '-c', configFile])).code).toBe(0);
    expect(await kills()).toEqual(['developer:moonshot ai']);
    expect((await runCli(['unkill', 'developer:MOONSHOT', '-c', configFile])).code).toBe(0);
    expect(await kills()).toEqual([]);
  });
});

describe('POST /admin/kills: unknown targets', () => {
  let gateway: TestGateway;
  const admin = (path: string, init: RequestInit = {}) =>
    fetch(`${gateway.url}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' } });
  const pull = (body: unknown) => admin('/admin/kills', { method: 'POST', body: JSON.stringify(body) });

  beforeAll(async () => {
    gateway = await startTestGateway({
      auth: { admin_key: ADMIN },
      providers: { local: { type: 'vllm', base_url: 'http://127.0.0.1:9/v1' } },
      models: { m: { deployments: ['local/m'] } },
    });
  });
  afterAll(async () => {
    await gateway?.close(0);
  });

  it('answers 400 naming the target for a name nothing knows, and takes it with "force": true', async () => {
    for (const target of ['provider:nosuch', 'origin:XX', 'model:typo', 'developer:nobody']) {
      const res = await pull({ target });
      expect(res.status, target).toBe(400);
      const { error } = (await res.json()) as { error: { type: string; param: string; message: string } };
      expect(error).toMatchObject({ type: 'invalid_request_error', param: 'target' });
      expect(error.message).toContain(target);
    }
    const forced = await pull({ target: 'provider:NoSuch', force: true });
    expect(forced.status).toBe(200);
    expect(await forced.json()).toMatchObject({ target: 'provider:nosuch' });
    expect((await admin('/admin/kills/provider:nosuch', { method: 'DELETE' })).status).toBe(200);
  });

  it('keeps one switch per developer and releases it by another spelling', async () => {
    expect((await pull({ target: 'developer:Moonshot AI' })).status).toBe(200);
    expect((await pull({ target: 'developer:kimi' })).status).toBe(200);
    const list = (await (await admin('/admin/kills')).json()) as { data: Array<{ target: string }> };
    expect(list.data.map((k) => k.target)).toEqual(['developer:moonshotai']);
    expect((await admin('/admin/kills/developer:moonshot', { method: 'DELETE' })).status).toBe(200);
    expect(((await (await admin('/admin/kills')).json()) as { data: unknown[] }).data).toEqual([]);
  });
});
