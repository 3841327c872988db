import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueKey } from '../../src/auth/issue-key.js';
import { loadDefaultCatalog } from '../../src/catalog/load-catalog.js';
import { openSqlite } from '../../src/ledger/sqlite/open-sqlite.js';
import { SqliteKeyStore } from '../../src/ledger/sqlite/sqlite-key-store.js';
import { FakeUpstream } from '../support/fake-upstream.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

/**
 * `GET /v1/models` through a running gateway and the official SDK shows each caller what it can reach: a
 * route (`auto`) describes itself as a route, not as its first deployment, and a model's headline price,
 * owner and origin come from the deployments the caller's policy allows.
 */
type Listed = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const catalog = loadDefaultCatalog();
const priceOf = (provider: string, model: string) => {
  const price = catalog.resolve(provider, model).offer?.price;
  if (!price) throw new Error(`the catalog has no price for ${provider}/${model}`);
  return price;
};
const deepseekChat = priceOf('deepseek', 'deepseek-chat');
const fireworksV3 = priceOf('fireworks', 'accounts/fireworks/models/deepseek-v3p1');
const qwenTogether = priceOf('together', 'Qwen/Qwen3-235B-A22B-Instruct-2507-tput');
const gpt5 = priceOf('openai', 'gpt-5');

let upstream: FakeUpstream;
let gateway: TestGateway;
const keys = { open: '', usHosts: '', noCn: '' };
const client = (key: string) => new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: key, maxRetries: 0 });
const list = async (key: string) => {
  const page = await client(key).models.list();
  return new Map(page.data.map((m) => [m.id, m as unknown as Listed]));
};

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  const db = join(mkdtempSync(join(tmpdir(), 'sy-models-list-')), 'ledger.db');
  const sqlite = openSqlite(db);
  const store = new SqliteKeyStore(sqlite);
  keys.open = (await issueKey(store, { team: 'open' })).key;
  keys.usHosts = (await issueKey(store, { team: 'us-hosts' })).key;
  keys.noCn = (await issueKey(store, { team: 'no-cn' })).key;
  sqlite.close();
  const base = `${upstream.url}/v1`;
  gateway = await startTestGateway({
    storage: `sqlite:${db}`,
    providers: Object.fromEntries(['deepseek', 'together', 'fireworks', 'openai'].map((p) => [p, { type: p, api_key: 'k-000000', base_url: base }])),
    models: {
      'deepseek-v3': { deployments: ['deepseek/deepseek-chat', 'fireworks/accounts/fireworks/models/deepseek-v3p1'] },
      'qwen3-235b': { deployments: ['together/Qwen/Qwen3-235B-A22B-Instruct-2507-tput'] },
      'gpt-5': { deployments: ['openai/gpt-5'] },
    },
    routes: { smart: { strategy: 'cost-quality', weak: ['qwen3-235b'], strong: ['gpt-5'], threshold: { strong_share: 0.3 } } },
    policies: {
      teams: {
        'us-hosts': { jurisdictions: { allow: ['US'] } },
        'no-cn': { origins: { deny: ['CN'] } },
      },
    },
  });
});

afterAll(async () => {
  await gateway?.close(0);
  await upstream?.close();
});

describe('GET /v1/models: what the caller can reach', () => {
  it('describes auto as a route owned by switchyard, with the origins and price range it may reach', async () => {
    const models = await list(keys.open);
    for (const id of ['auto', 'smart']) {
      const route = models.get(id)!;
      expect(route).toMatchObject({
        id,
        owned_by: 'switchyard',
        route: { strategy: 'cost-quality' },
        origins: ['CN', 'US'],
        price_range: {
          unit: 'USD per million tokens',
          input: { min: Math.min(qwenTogether.input, gpt5.input), max: Math.max(qwenTogether.input, gpt5.input) },
          output: { min: Math.min(qwenTogether.output, gpt5.output), max: Math.max(qwenTogether.output, gpt5.output) },
        },
      });
      // no single deployment speaks for a route
      for (const field of ['pricing', 'origin', 'developer', 'catalog_id']) expect(route).not.toHaveProperty(field);
      expect(route.deployments.map((d: Listed) => [d.provider, d.origin])).toEqual([
        ['together', 'CN'],
        ['openai', 'US'],
      ]);
    }
  });

  it("headlines a model with the first deployment the caller's policy allows", async () => {
    const open = (await list(keys.open)).get('deepseek-v3')!;
    expect(open).toMatchObject({ owned_by: 'deepseek', pricing: { input: deepseekChat.input, output: deepseekChat.output }, origin: 'CN' });
    expect(open.deployments.map((d: Listed) => d.provider)).toEqual(['deepseek', 'fireworks']);

    // DeepSeek's own API is hosted in CN: a team allowed only US hosts reaches Fireworks alone
    const usHosts = await client(keys.usHosts).models.retrieve('deepseek-v3');
    expect(usHosts).toMatchObject({
      owned_by: 'fireworks',
      pricing: { input: fireworksV3.input, output: fireworksV3.output },
      origin: 'CN',
      deployments: [{ provider: 'fireworks', jurisdiction: 'US' }],
    });
    expect((usHosts as unknown as Listed).deployments).toHaveLength(1);
  });

  it('narrows a route to the origins the policy allows, and leaves a wholly excluded model without a headline', async () => {
    const models = await list(keys.noCn);
    expect(models.get('auto')).toMatchObject({
      owned_by: 'switchyard',
      origins: ['US'],
      price_range: { input: { min: gpt5.input, max: gpt5.input }, output: { min: gpt5.output, max: gpt5.output } },
      deployments: [{ provider: 'openai', origin: 'US' }],
    });
    const qwen = models.get('qwen3-235b')!;
    expect(qwen.deployments).toEqual([]);
    expect(qwen.owned_by).toBe('switchyard');
    for (const field of ['pricing', 'origin', 'catalog_id']) expect(qwen).not.toHaveProperty(field);
    // the listing agrees with what a request meets: the policy's refusal
    const refused = await client(keys.noCn)
      .chat.completions.create({ model: 'qwen3-235b', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: { status: number; code: string }) => e);
    expect(refused).toMatchObject({ status: 403, code: 'policy_denied' });
  });
});
