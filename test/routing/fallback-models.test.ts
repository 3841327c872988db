import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../support/fake-upstream.js';
import { openAIReply } from '../support/openai-replies.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

/**
 * OpenRouter's `models` is a fallback list: an unknown requested model falls back to it (the route header
 * and the ledger say so), a name in it the gateway does not know is a 400 naming the entry, and an unknown
 * model with nothing to fall back to stays a 404.
 */
const dir = mkdtempSync(join(tmpdir(), 'sy-fallback-models-'));
const dbPath = join(dir, 'ledger.db');
let upstream: FakeUpstream;
let gateway: TestGateway;

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  gateway = await startTestGateway({
    storage: `sqlite:${dbPath}`,
    providers: { local: { type: 'vllm', base_url: `${upstream.url}/v1`, prices: { small: { input: 1, output: 2 }, big: { input: 3, output: 6 } } } },
    models: { 'gpt-5': { deployments: ['local/big'] }, mini: { deployments: ['local/small'] } },
  });
});

afterAll(async () => {
  await gateway.close(1000);
  await upstream.close();
});

const hello = [{ role: 'user' as const, content: 'Hello' }];

function ledgerRow(id: string): Record<string, unknown> | undefined {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT * FROM requests WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  } finally {
    db.close();
  }
}

async function post(path: string, body: unknown) {
  const res = await fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, route: res.headers.get('x-switchyard-route'), body: (await res.json()) as any };
}

describe('an unknown requested model with a models list', () => {
  it('falls back to the first model of the list, and the route header and ledger say why', async () => {
    upstream.reply(openAIReply('from the fallback'));
    const res = await gateway.client.chat.completions.create({ model: 'nonexistent', models: ['gpt-5', 'mini'], messages: hello } as never).withResponse();
    const answer = res.data as unknown as { id: string; model: string; choices: Array<{ message: { content: string } }> };
    expect(answer.choices[0]?.message.content).toBe('from the fallback');
    expect(answer.model).toBe('big');
    expect(upstream.requests.map((r) => r.json.model)).toEqual(['big']);
    const route = res.response.headers.get('x-switchyard-route');
    expect(route).toBe('model=nonexistent; fallback=gpt-5 (unknown_model); served=local/big');
    const row = ledgerRow(answer.id);
    expect(row).toMatchObject({ requested_model: 'nonexistent', served_model: 'big', status: 200, route });
  });

  it('goes on down the list when the first fallback fails', async () => {
    upstream.reply((req) => (req.json.model === 'big' ? { status: 503, json: { error: { message: 'down' } } } : openAIReply('from mini')(req)));
    const r = await post('/v1/chat/completions', { model: 'nonexistent', models: ['gpt-5', 'mini'], messages: hello });
    expect(r.status).toBe(200);
    expect(r.body.choices[0].message.content).toBe('from mini');
    expect(r.route).toBe('model=nonexistent; fallback=gpt-5 (unknown_model); served=local/small; tried=local/big:upstream_unavailable');
  });

  it('falls back the same way on the Messages and Responses doors', async () => {
    upstream.reply(openAIReply('fine'));
    const messages = await post('/v1/messages', { model: 'nonexistent', models: ['mini'], max_tokens: 16, messages: hello });
    expect(messages.status, JSON.stringify(messages.body)).toBe(200);
    expect(messages.route).toBe('model=nonexistent; fallback=mini (unknown_model); served=local/small');
    const responses = await post('/v1/responses', { model: 'nonexistent', models: ['mini'], input: 'Hello' });
    expect(responses.status, JSON.stringify(responses.body)).toBe(200);
    expect(responses.route).toBe('model=nonexistent; fallback=mini (unknown_model); served=local/small');
  });
});

describe('an unknown name in models', () => {
  it('is a 400 naming the entry, whatever the requested model, and nothing is sent', async () => {
    upstream.reply(openAIReply('fine'));
    for (const model of ['gpt-5', 'nonexistent']) {
      const r = await post('/v1/chat/completions', { model, models: ['mini', 'gtp-5'], messages: hello });
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ type: 'invalid_request_error', param: 'models[1]' });
      expect(r.body.error.message).toMatch(/'models\[1\]'.*'gtp-5' does not exist on this gateway/);
    }
    expect(upstream.requests).toHaveLength(0);
  });

  it('reaches an OpenAI SDK client as a BadRequestError', async () => {
    const err = await gateway.client.chat.completions.create({ model: 'gpt-5', models: ['nope'], messages: hello } as never).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 400, param: 'models[0]' });
  });
});

describe('an unknown model with nothing known to fall back to', () => {
  it('stays a 404 model_not_found, with no list or an empty one', async () => {
    for (const extra of [{}, { models: [] }]) {
      const r = await post('/v1/chat/completions', { model: 'nonexistent', messages: hello, ...extra });
      expect(r.status).toBe(404);
      expect(r.body.error).toMatchObject({ code: 'model_not_found', param: 'model' });
    }
  });
});
