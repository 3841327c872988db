import Anthropic from '@anthropic-ai/sdk';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeUpstream, type RecordedRequest, type Reply } from '../support/fake-upstream.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

/**
 * The response cache through a real gateway on loopback, with the official SDKs: hit, miss and bypass for
 * chat (whole and streamed, filled either way), Messages, Responses and embeddings; the client's
 * Cache-Control; tenant isolation; kill switches; rate limits; the ledger row and `report savings`.
 */
const ADMIN = 'sy-admin-key-for-cache-tests-0123456789';
let upstream: FakeUpstream;
let gateway: TestGateway;
let calls = 0;

const ANSWER = 'The capital of France is Paris, a city on the Seine with a long history of art and science.';

function reply(req: RecordedRequest): Reply {
  calls++;
  if (req.url.endsWith('/embeddings')) {
    return { json: { object: 'list', model: 'e', data: [{ object: 'embedding', index: 0, embedding: [0.5, -0.25, 0.125] }], usage: { prompt_tokens: 4, total_tokens: 4 } } };
  }
  const usage = { prompt_tokens: 12, completion_tokens: 20, total_tokens: 32 };
  if (req.json?.stream) {
    const chunk = (delta: unknown, finish: string | null = null) =>
      `data: ${JSON.stringify({ id: 'u', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    return {
      sse: [
        chunk({ role: 'assistant', content: '' }),
        chunk({ content: ANSWER.slice(0, 30) }),
        chunk({ content: ANSWER.slice(30) }),
        chunk({}, 'stop'),
        `data: ${JSON.stringify({ id: 'u', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [], usage })}\n\n`,
        'data: [DONE]\n\n',
      ],
    };
  }
  return {
    json: { id: 'u', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: ANSWER }, finish_reason: 'stop' }], usage },
  };
}

const admin = (path: string, init: RequestInit = {}) =>
  fetch(`${gateway.url}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', ...init.headers } });

async function createKey(body: Record<string, unknown>): Promise<string> {
  const res = await admin('/admin/keys', { method: 'POST', body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { key: string }).key;
}

const sdk = (key: string) => new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: key, maxRetries: 0 });

let key: string;

async function chat(apiKey: string, content: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const { data, response } = await sdk(apiKey)
    .chat.completions.create({ model: 'm', temperature: 0, messages: [{ role: 'user', content }], ...extra } as OpenAI.ChatCompletionCreateParamsNonStreaming, { headers })
    .withResponse();
  return { data, cache: response.headers.get('x-switchyard-cache'), cost: response.headers.get('x-switchyard-cost'), id: response.headers.get('x-switchyard-request-id')! };
}

async function streamed(apiKey: string, content: string) {
  const { data: stream, response } = await sdk(apiKey)
    .chat.completions.create({ model: 'm', temperature: 0, stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content }] })
    .withResponse();
  let text = '';
  let chunks = 0;
  let usage: OpenAI.CompletionUsage | undefined;
  let finish: string | null = null;
  for await (const c of stream) {
    chunks++;
    text += c.choices[0]?.delta.content ?? '';
    finish = c.choices[0]?.finish_reason ?? finish;
    if (c.usage) usage = c.usage;
  }
  return { text, chunks, usage, finish, cache: response.headers.get('x-switchyard-cache'), id: response.headers.get('x-switchyard-request-id')! };
}

async function row(id: string): Promise<Record<string, unknown>> {
  const res = await admin(`/admin/requests/${encodeURIComponent(id)}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  upstream.reply(reply);
  const dir = mkdtempSync(join(tmpdir(), 'sy-cache-'));
  gateway = await startTestGateway({
    storage: `sqlite:${join(dir, 'ledger.db')}`,
    auth: { admin_key: ADMIN },
    baseline: 'openai/gpt-5',
    providers: {
      local: { type: 'vllm', base_url: `${upstream.url}/v1`, prices: { a: { input: 1, output: 2 }, e: { input: 0.1, output: 0 } } },
      spare: { type: 'vllm', base_url: `${upstream.url}/v1`, prices: { a: { input: 1, output: 2 } } },
    },
    models: { m: { deployments: ['local/a', 'spare/a'] }, e: { deployments: ['local/e'] } },
    cache: { enabled: true },
  });
  key = await createKey({ team: 'alpha', name: 'first' });
});

afterAll(async () => {
  await gateway.close(1000);
  await upstream.close();
});

beforeEach(() => {
  calls = 0;
});

describe('response cache: chat completions', () => {
  it('answers a repeated deterministic request from the cache: same answer, no upstream call, $0, cached usage', async () => {
    const first = await chat(key, 'capital of France?');
    expect(first.cache).toBe('miss');
    expect(calls).toBe(1);
    const second = await chat(key, 'capital of France?');
    expect(second.cache).toBe('hit');
    expect(calls).toBe(1);
    expect(second.data.choices[0]?.message.content).toBe(ANSWER);
    expect(second.data.choices[0]?.finish_reason).toBe('stop');
    expect(second.cost).toBe('0');
    expect(second.data.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 20, prompt_tokens_details: { cached_tokens: 12 } });
    expect(second.data.id).not.toBe(first.data.id);

    const missRow = await row(first.id);
    expect(missRow).toMatchObject({ cache: 'miss', cost_usd: (12 * 1 + 20 * 2) / 1e6 });
    const hitRow = await row(second.id);
    expect(hitRow).toMatchObject({ cache: 'hit', cost_usd: 0, provider: 'local', input_tokens: 12, output_tokens: 20 });
    expect(hitRow.cache_saved_usd).toBeCloseTo((12 * 1 + 20 * 2) / 1e6, 12);
  });

  it('streams a cached answer (re-chunked) and fills the cache from a stream', async () => {
    const a = await streamed(key, 'stream me');
    expect(a.cache).toBe('miss');
    expect(a.text).toBe(ANSWER);
    await new Promise((r) => setTimeout(r, 50));
    const b = await streamed(key, 'stream me');
    expect(b.cache).toBe('hit');
    expect(calls).toBe(1);
    expect(b.text).toBe(ANSWER);
    expect(b.finish).toBe('stop');
    expect(b.chunks).toBeGreaterThan(2);
    expect(b.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 20 });
    // the same question asked whole is the same entry
    const c = await chat(key, 'stream me');
    expect(c.cache).toBe('hit');
    expect(c.data.choices[0]?.message.content).toBe(ANSWER);
    expect(calls).toBe(1);
    expect(await row(b.id)).toMatchObject({ cache: 'hit', stream: true, cost_usd: 0 });
  });

  it('bypasses requests that are not deterministic, and what the client opts out of', async () => {
    const { response } = await sdk(key).chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'creative' }] }).withResponse();
    expect(response.headers.get('x-switchyard-cache')).toBe('bypass');
    const seeded = await chat(key, 'seeded', { temperature: 0.9, seed: 7 });
    expect(seeded.cache).toBe('miss');
    await chat(key, 'opt out');
    expect((await chat(key, 'opt out', {}, { 'cache-control': 'no-store' })).cache).toBe('bypass');
    expect((await chat(key, 'opt out', {}, { 'x-switchyard-cache': 'bypass' })).cache).toBe('bypass');
    // no-cache: a fresh answer, stored
    expect((await chat(key, 'opt out', {}, { 'cache-control': 'no-cache' })).cache).toBe('miss');
    expect(calls).toBe(6);
    expect((await chat(key, 'opt out')).cache).toBe('hit');
    expect(calls).toBe(6);
    const bad = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'x-switchyard-cache': 'sometimes' },
      body: JSON.stringify({ model: 'm', temperature: 0, messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('x-switchyard-cache');
  });

  it('keeps an entry only as long as the client or the config allows (max-age, x-switchyard-cache-ttl)', async () => {
    await chat(key, 'short-lived', {}, { 'x-switchyard-cache-ttl': '1' });
    expect((await chat(key, 'short-lived')).cache).toBe('hit');
    await new Promise((r) => setTimeout(r, 1100));
    expect((await chat(key, 'short-lived')).cache).toBe('miss');
    expect((await chat(key, 'short-lived', {}, { 'cache-control': 'max-age=0' })).cache).toBe('miss');
    expect((await chat(key, 'short-lived', {}, { 'cache-control': 'max-age=60' })).cache).toBe('hit');
  });

  it('never shares entries between keys (scope key, the default)', async () => {
    const other = await createKey({ team: 'alpha', name: 'second' });
    await chat(key, 'tenant question');
    expect((await chat(other, 'tenant question')).cache).toBe('miss');
    expect(calls).toBe(2);
  });

  it('does not serve an answer from a deployment since killed', async () => {
    await chat(key, 'kill me');
    expect((await chat(key, 'kill me')).cache).toBe('hit');
    const pulled = await admin('/admin/kills', { method: 'POST', body: JSON.stringify({ target: 'provider:local', reason: 'test' }) });
    expect(pulled.status).toBe(200);
    try {
      const after = await chat(key, 'kill me');
      expect(after.cache).toBe('miss');
      expect(calls).toBe(2);
      expect((await row(after.id)).provider).toBe('spare');
    } finally {
      await admin('/admin/kills/provider:local?reason=done', { method: 'DELETE' });
    }
  });

  it('counts hits toward rate limits by default, without spending', async () => {
    const limited = await createKey({ team: 'beta', rpm: 2, budget_usd: 1 });
    await chat(limited, 'rpm');
    expect((await chat(limited, 'rpm')).cache).toBe('hit');
    const third = await chat(limited, 'rpm').catch((e: unknown) => e);
    expect(third).toBeInstanceOf(OpenAI.RateLimitError);
  });

  it('report savings shows the cache saving beside the comparison', async () => {
    const report = (await (await admin('/admin/reports/savings?since=1d')).json()) as { cache: { hits: number; savedUsd: number }; notes: string[] };
    expect(report.cache.hits).toBeGreaterThanOrEqual(5);
    expect(report.cache.savedUsd).toBeGreaterThan(0);
    expect(report.notes.join('\n')).toMatch(/answered from the response cache/);
  });
});

describe('response cache: the other doors', () => {
  it('Anthropic Messages: a repeated request is a hit through the official SDK', async () => {
    const client = new Anthropic({ baseURL: gateway.url, apiKey: key, maxRetries: 0 });
    // This SDK version's types do not list `temperature`, though the Messages API takes it; the body is sent as given.
    const params = { model: 'm', max_tokens: 100, temperature: 0, messages: [{ role: 'user' as const, content: 'messages door' }] };
    const ask = () => client.messages.create(params).withResponse();
    const a = await ask();
    const b = await ask();
    expect(a.response.headers.get('x-switchyard-cache')).toBe('miss');
    expect(b.response.headers.get('x-switchyard-cache')).toBe('hit');
    expect(calls).toBe(1);
    expect(b.data.content[0]).toMatchObject({ type: 'text', text: ANSWER });
  });

  it('OpenAI Responses: a repeated request is a hit', async () => {
    const ask = () => sdk(key).responses.create({ model: 'm', temperature: 0, input: 'responses door' }).withResponse();
    const a = await ask();
    const b = await ask();
    expect(a.response.headers.get('x-switchyard-cache')).toBe('miss');
    expect(b.response.headers.get('x-switchyard-cache')).toBe('hit');
    expect(calls).toBe(1);
    expect(b.data.output_text).toBe(ANSWER);
  });

  it('embeddings: a repeated request is a hit with the same vectors', async () => {
    const ask = () => sdk(key).embeddings.create({ model: 'e', input: 'embed me', encoding_format: 'float' }).withResponse();
    const a = await ask();
    const b = await ask();
    expect(a.response.headers.get('x-switchyard-cache')).toBe('miss');
    expect(b.response.headers.get('x-switchyard-cache')).toBe('hit');
    expect(calls).toBe(1);
    expect(b.data.data[0]?.embedding).toEqual([0.5, -0.25, 0.125]);
    expect(b.response.headers.get('x-switchyard-cost')).toBe('0');
  });
});
