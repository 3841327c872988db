import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueKey } from '../../src/auth/issue-key.js';
import { openSqlite } from '../../src/ledger/sqlite/open-sqlite.js';
import { SqliteKeyStore } from '../../src/ledger/sqlite/sqlite-key-store.js';
import { FakeUpstream } from '../support/fake-upstream.js';
import { openAIReply } from '../support/openai-replies.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

/**
 * `policies.keys` names a key by its id or by the prefix `switchyard keys list` prints (with or without
 * its "…"); every form applies. The policy here (`closed_models: deny`) refuses the only deployment, a
 * model the catalog does not know, so a key bound by it gets 403 and a key without it gets an answer.
 */
describe('key policies by id or printed prefix', () => {
  let upstream: FakeUpstream;
  let gateway: TestGateway;
  const keys: Record<'byPrintedPrefix' | 'byPrefix' | 'byId' | 'free', string> = { byPrintedPrefix: '', byPrefix: '', byId: '', free: '' };

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    upstream.reply(openAIReply());
    const db = join(mkdtempSync(join(tmpdir(), 'sy-key-policies-')), 'ledger.db');
    const sqlite = openSqlite(db);
    const store = new SqliteKeyStore(sqlite);
    const policies: Record<string, unknown> = {};
    for (const name of Object.keys(keys) as Array<keyof typeof keys>) {
      const { key, record } = await issueKey(store, { team: 't' });
      keys[name] = key;
      if (name === 'byPrintedPrefix') policies[`${record.prefix}…`] = { closed_models: 'deny' };
      if (name === 'byPrefix') policies[record.prefix] = { closed_models: 'deny' };
      if (name === 'byId') policies[record.id] = { closed_models: 'deny' };
    }
    sqlite.close();
    gateway = await startTestGateway({
      storage: `sqlite:${db}`,
      providers: { local: { type: 'vllm', base_url: `${upstream.url}/v1` } },
      models: { m: { deployments: ['local/house-model'] } },
      policies: { keys: policies },
    });
  });
  afterAll(async () => {
    await gateway?.close(0);
    await upstream?.close();
  });

  const ask = (key: string) =>
    new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: key, maxRetries: 0 }).chat.completions
      .create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })
      .then(
        (r) => r.choices[0]?.message.content,
        (e: { status: number; code: string }) => `${e.status} ${e.code}`,
      );

  it('applies a policy written under the printed prefix, the bare prefix or the id', async () => {
    expect(await ask(keys.byPrintedPrefix)).toBe('403 policy_denied');
    expect(await ask(keys.byPrefix)).toBe('403 policy_denied');
    expect(await ask(keys.byId)).toBe('403 policy_denied');
    expect(await ask(keys.free)).toBe('ok');
    expect(upstream.requests).toHaveLength(1);
  });
});
