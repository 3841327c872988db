import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultCatalog } from '../../src/catalog/load-catalog.js';
import { FakeUpstream, framesFromChunks } from '../support/fake-upstream.js';
import { cassetteReply, readCassette } from '../support/read-cassette.js';
import { readSharedFixture, sharedFixturesDir, sharedFixturesSkipReason } from '../support/shared-fixtures.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

/**
 * Recorded provider answers, replayed through the gateway: the cost in the response, in the header and in
 * the ledger equals the price worked out by hand from the catalog's rates (USD per million tokens, from
 * src/catalog/data/catalog.json: LiteLLM's price list of 2026-07-24).
 */
const RATES = {
  deepseekV32: { input: 0.28, cachedInput: 0.028, output: 0.42 },
  gpt5nano: { input: 0.05, cachedInput: 0.005, output: 0.4 },
  sonnet46: { input: 3, cachedInput: 0.3, cacheWrite: 3.75, output: 15 },
};

const dbPath = join(mkdtempSync(join(tmpdir(), 'sy-costs-')), 'ledger.db');
let upstream: FakeUpstream;
let gateway: TestGateway;

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  gateway = await startTestGateway({
    storage: `sqlite:${dbPath}`,
    providers: {
      ds: { type: 'deepseek', api_key: 'sk-ds-test-0001', base_url: `${upstream.url}/v1` },
      oa: { type: 'openai', api_key: 'sk-oa-test-0001', base_url: `${upstream.url}/v1` },
      an: { type: 'anthropic', api_key: 'sk-an-test-0001', base_url: `${upstream.url}/v1` },
    },
    models: {
      reasoner: { deployments: ['ds/deepseek-reasoner'] },
      nano: { deployments: ['oa/gpt-5-nano'] },
      sonnet: { deployments: ['an/claude-sonnet-4-6'] },
    },
  });
});

afterAll(async () => {
  await gateway.close(1000);
  await upstream.close();
});

function ledgerRow(id: string): Record<string, unknown> {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT * FROM requests WHERE id = ?').get(id) as Record<string, unknown>;
  } finally {
    db.close();
  }
}

describe('the catalog rates these tests rely on', () => {
  it('are the ones in the catalog', () => {
    const catalog = loadDefaultCatalog();
    expect(catalog.resolve('deepseek', 'deepseek-reasoner').offer?.price).toMatchObject(RATES.deepseekV32);
    expect(catalog.resolve('openai', 'gpt-5-nano').offer?.price).toMatchObject(RATES.gpt5nano);
    expect(catalog.resolve('anthropic', 'claude-sonnet-4-6').offer?.price).toMatchObject(RATES.sonnet46);
  });
});

describe.skipIf(!sharedFixturesDir)(`costs of recorded answers${sharedFixturesDir ? '' : ` (${sharedFixturesSkipReason})`}`, () => {
  it('DeepSeek with cache hits: 19 uncached + 320 cached input, 92 output (48 of them reasoning, not priced apart)', async () => {
    upstream.reply({ json: JSON.parse(readSharedFixture('vercel-ai/packages/deepseek/src/chat/__fixtures__/deepseek-tool-call.json')) });
    const res = await gateway.client.chat.completions.create({ model: 'reasoner', messages: [{ role: 'user', content: 'Weather in SF?' }] }).withResponse();
    const expected = (19 * 0.28 + 320 * 0.028 + 92 * 0.42) / 1e6;
    const usage = res.data.usage as unknown as { cost: number };
    expect(usage.cost).toBeCloseTo(expected, 12);
    expect(Number(res.response.headers.get('x-switchyard-cost'))).toBeCloseTo(expected, 12);
    const row = ledgerRow(res.data.id);
    expect(row).toMatchObject({ input_tokens: 339, cached_input_tokens: 320, output_tokens: 92, reasoning_tokens: 48, cost_estimated: 0 });
    expect(row.cost_usd as number).toBeCloseTo(expected, 12);
    expect(row).toMatchObject({ model_origin: 'CN', developer: 'DeepSeek', provider_jurisdiction: 'CN', catalog_model: 'deepseek-v3.2' });
  });

  it('OpenAI (envoy cassette, gpt-5-nano): 8 input, 377 output', async () => {
    upstream.reply(cassetteReply(readCassette('envoy-ai-gateway/tests/internal/testopenai/cassettes/chat-basic.yaml')));
    const res = await gateway.client.chat.completions.create({ model: 'nano', messages: [{ role: 'user', content: 'Hello!' }] });
    const expected = (8 * 0.05 + 377 * 0.4) / 1e6;
    expect((res.usage as unknown as { cost: number }).cost).toBeCloseTo(expected, 12);
    expect(ledgerRow(res.id).cost_usd as number).toBeCloseTo(expected, 12);
    expect(ledgerRow(res.id)).toMatchObject({ model_origin: 'US', provider_jurisdiction: 'US' });
  });

  it('Anthropic stream with a cache read: 3 input + 18,639 cached, 1 output', async () => {
    const text = readSharedFixture('vercel-ai/_history/packages/anthropic/src/__fixtures__/anthropic-issue-5942-cache-read.chunks.txt');
    upstream.reply({ sse: framesFromChunks(text, { events: true }) });
    const stream = await gateway.client.chat.completions.create({
      model: 'sonnet',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Hello' }],
    });
    let id = '';
    let usage: { prompt_tokens?: number; cost?: number; prompt_tokens_details?: { cached_tokens: number } } | undefined;
    for await (const chunk of stream) {
      id = chunk.id;
      if (chunk.usage) usage = chunk.usage as typeof usage;
    }
    const expected = (3 * 3 + 18639 * 0.3 + 1 * 15) / 1e6;
    expect(usage?.prompt_tokens).toBe(18642);
    expect(usage?.prompt_tokens_details?.cached_tokens).toBe(18639);
    expect(usage?.cost).toBeCloseTo(expected, 12);
    const row = ledgerRow(id);
    expect(row).toMatchObject({ input_tokens: 18642, cached_input_tokens: 18639, output_tokens: 1, stream: 1 });
    expect(row.cost_usd as number).toBeCloseTo(expected, 12);
  });
});

describe('costs from our own fixtures (always run)', () => {
  it('no usage reported: the ledger keeps tokens unknown and marks the cost as estimated from the text', async () => {
    upstream.reply({ json: { id: 'x', object: 'chat.completion', created: 1, model: 'deepseek-chat', choices: [{ index: 0, message: { role: 'assistant', content: 'x'.repeat(400) }, finish_reason: 'stop' }] } });
    const res = await gateway.client.chat.completions.create({ model: 'reasoner', messages: [{ role: 'user', content: 'y'.repeat(400) }] });
    const usage = res.usage as unknown as { cost: number; cost_estimated: boolean; prompt_tokens?: number };
    expect(usage.prompt_tokens).toBeUndefined();
    expect(usage.cost_estimated).toBe(true);
    // 400 chars / 4 + 4 per message = 104 input tokens, 400 / 4 = 100 output tokens
    expect(usage.cost).toBeCloseTo((104 * 0.28 + 100 * 0.42) / 1e6, 12);
    const row = ledgerRow(res.id);
    expect(row).toMatchObject({ input_tokens: null, output_tokens: null, cost_estimated: 1 });
  });

  it('a self-hosted model with no price: cost unknown (null, header "unknown"), never 0', async () => {
    const local = await startTestGateway({
      providers: { box: { type: 'vllm', base_url: `${upstream.url}/v1` } },
      models: { q: { deployments: ['box/Qwen/Qwen3-32B'] } },
    });
    try {
      upstream.reply({ json: { id: 'x', choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: 1 } } });
      const res = await local.client.chat.completions.create({ model: 'q', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
      expect((res.data.usage as unknown as { cost: null }).cost).toBeNull();
      expect(res.response.headers.get('x-switchyard-cost')).toBe('unknown');
      // recognised by name all the same: its origin is known
      const models = (await (await fetch(`${local.url}/v1/models`)).json()) as { data: Array<{ id: string; origin?: string; developer?: string }> };
      expect(models.data.find((m) => m.id === 'q')).toMatchObject({ origin: 'CN', developer: 'Alibaba' });
    } finally {
      await local.close(500);
    }
  });
});
