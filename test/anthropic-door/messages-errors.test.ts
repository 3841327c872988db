import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../support/fake-upstream.js';
import { openAIReply } from '../support/openai-replies.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';
import { anthropicClient } from './anthropic-door-kit.js';

/**
 * The Messages door's refusals: bad input, keys, budgets and policy answer in Anthropic's error shape with
 * Anthropic's status, so the SDK raises its matching error class; none of them hurts the process.
 */
const ADMIN = 'sy-admin-key-for-door-tests-0123456789';
let upstream: FakeUpstream;
let gateway: TestGateway;
let key: string;

async function createKey(body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${gateway.url}/admin/keys`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { key: string }).key;
}

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  upstream.reply(openAIReply('fine', { prompt_tokens: 9, completion_tokens: 1 }));
  gateway = await startTestGateway({
    auth: { admin_key: ADMIN },
    limits: { max_body_bytes: 64 * 1024 },
    providers: { local: { type: 'openai-compatible', base_url: `${upstream.url}/v1`, prices: { 'up-model': { input: 1, output: 2 } } } },
    models: { 'claude-sonnet-4-5': { deployments: ['local/up-model'] }, 'claude-haiku-4-5': { deployments: ['local/up-model'] } },
  });
  key = await createKey({ team: 'agents', name: 'claude-code' });
});

afterAll(async () => {
  await gateway?.close(1000);
  await upstream?.close();
});

type AnthropicErrorBody = { type: string; error: { type: string; message: string } };

async function post(body: string, headers: Record<string, string> = {}, path = '/v1/messages') {
  const res = await fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key, ...headers }, body });
  return { status: res.status, body: (await res.json()) as AnthropicErrorBody };
}

const ok = { model: 'claude-sonnet-4-5', max_tokens: 20, messages: [{ role: 'user', content: 'hi' }] };

function expectError(r: { status: number; body: AnthropicErrorBody }, status: number, type: string, message: RegExp): void {
  expect(r.status).toBe(status);
  expect(r.body.type).toBe('error');
  expect(r.body.error.type).toBe(type);
  expect(r.body.error.message).toMatch(message);
  expect(Object.keys(r.body).sort()).toEqual(['error', 'type']);
}

describe('Messages door: bad input', () => {
  it('malformed JSON → 400 invalid_request_error', async () => {
    expectError(await post('{"model": "x", '), 400, 'invalid_request_error', /not valid JSON/);
  });

  it('turns that hold nothing → 400, never an empty request upstream', async () => {
    const before = upstream.requests.length;
    expectError(await post(JSON.stringify({ ...ok, messages: [{ role: 'assistant', content: [] }] })), 400, 'invalid_request_error', /no content to answer/);
    expect(upstream.requests.length).toBe(before);
  });

  it('missing max_tokens → 400 naming it', async () => {
    expectError(await post(JSON.stringify({ ...ok, max_tokens: undefined })), 400, 'invalid_request_error', /'max_tokens'.*required/);
  });

  it('wrong types → 400 naming the field', async () => {
    expectError(await post(JSON.stringify({ ...ok, max_tokens: '20' })), 400, 'invalid_request_error', /'max_tokens'.*number/);
    expectError(await post(JSON.stringify({ ...ok, messages: 'hi' })), 400, 'invalid_request_error', /'messages'/);
    expectError(await post(JSON.stringify({ ...ok, messages: [{ role: 'system', content: 'x' }] })), 400, 'invalid_request_error', /'messages\[0\]\.role'/);
    expectError(await post(JSON.stringify({ ...ok, system: 7 })), 400, 'invalid_request_error', /'system'/);
    expectError(await post(JSON.stringify({ ...ok, temperature: 1.5 })), 400, 'invalid_request_error', /'temperature'.*at most 1/);
    expectError(await post(JSON.stringify({ ...ok, thinking: { type: 'enabled', budget_tokens: 50 } })), 400, 'invalid_request_error', /'thinking\.budget_tokens'/);
    expectError(await post(JSON.stringify({ ...ok, tool_choice: { type: 'tool', name: 'nope' } })), 400, 'invalid_request_error', /'tool_choice\.name'/);
    expectError(await post(JSON.stringify({ ...ok, metadata: { user_id: 5 } })), 400, 'invalid_request_error', /'metadata\.user_id'/);
  });

  it('an unsupported tool type or content block → 400 naming it', async () => {
    const search = await post(JSON.stringify({ ...ok, tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 3 }] }));
    expectError(search, 400, 'invalid_request_error', /web_search_20250305.*not supported/);
    const doc = { ...ok, messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'x' } }] }] };
    expectError(await post(JSON.stringify(doc)), 400, 'invalid_request_error', /'document' are not supported/);
  });

  it('an unknown model → 404 not_found_error, raised by the SDK as NotFoundError', async () => {
    const client = anthropicClient(gateway, key);
    const failure = await client.messages.create({ ...ok, model: 'claude-nonexistent' } as Anthropic.MessageCreateParamsNonStreaming).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Anthropic.NotFoundError);
    expect((failure as InstanceType<typeof Anthropic.NotFoundError>).error).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
  });

  it('an oversized body → 413 request_too_large', async () => {
    const big = JSON.stringify({ ...ok, messages: [{ role: 'user', content: 'x'.repeat(70 * 1024) }] });
    expectError(await post(big), 413, 'request_too_large', /./);
  });

  it('missing max_tokens through the SDK → BadRequestError', async () => {
    const client = anthropicClient(gateway, key);
    const failure = await client.messages.create({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'hi' }] } as unknown as Anthropic.MessageCreateParamsNonStreaming).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Anthropic.BadRequestError);
  });

  it('still serves after all of the above', async () => {
    const msg = await anthropicClient(gateway, key).messages.create(ok as Anthropic.MessageCreateParamsNonStreaming);
    expect(msg.content).toEqual([{ type: 'text', text: 'fine' }]);
  });
});

describe('Messages door: keys, budgets and policy', () => {
  it('takes a virtual key from x-api-key or Authorization: Bearer, and refuses a missing or unknown one with 401', async () => {
    const viaApiKey = await anthropicClient(gateway, key).messages.create(ok as Anthropic.MessageCreateParamsNonStreaming);
    expect(viaApiKey.content).toEqual([{ type: 'text', text: 'fine' }]);
    const bearer = new Anthropic({ baseURL: gateway.url, apiKey: null, authToken: key, maxRetries: 0 });
    expect((await bearer.messages.create(ok as Anthropic.MessageCreateParamsNonStreaming)).content).toEqual([{ type: 'text', text: 'fine' }]);

    const failure = await anthropicClient(gateway, 'sy-notakey').messages.create(ok as Anthropic.MessageCreateParamsNonStreaming).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Anthropic.AuthenticationError);
    expectError(await post(JSON.stringify(ok), { 'x-api-key': '' }), 401, 'authentication_error', /./);
  });

  it('refuses a request the budget cannot cover with 429 rate_limit_error', async () => {
    const poor = await createKey({ team: 'agents', name: 'poor', budget_usd: 0.0001 });
    const client = anthropicClient(gateway, poor);
    const failure = await client.messages.create({ ...ok, max_tokens: 100_000 } as Anthropic.MessageCreateParamsNonStreaming).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Anthropic.RateLimitError);
    expect((failure as InstanceType<typeof Anthropic.RateLimitError>).error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    expect(String((failure as Error).message)).toMatch(/budget/);
  });

  it('refuses a model the key may not use with 403 permission_error', async () => {
    const narrow = await createKey({ team: 'agents', name: 'narrow', models: ['claude-haiku-4-5'] });
    const client = anthropicClient(gateway, narrow);
    expect((await client.messages.create({ ...ok, model: 'claude-haiku-4-5' } as Anthropic.MessageCreateParamsNonStreaming)).content[0]).toEqual({ type: 'text', text: 'fine' });
    const failure = await client.messages.create(ok as Anthropic.MessageCreateParamsNonStreaming).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Anthropic.PermissionDeniedError);
  });
});

describe('POST /v1/messages/count_tokens', () => {
  it('answers the gateway estimate of the input, more for a longer request, without asking the upstream', async () => {
    const client = anthropicClient(gateway, key);
    upstream.reply(openAIReply('fine'));
    const short = await client.messages.countTokens({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'hi' }] });
    const long = await client.messages.countTokens({
      model: 'claude-sonnet-4-5',
      system: 'You are a careful assistant who answers in full sentences.',
      messages: [{ role: 'user', content: 'Explain how the Rhine reaches the North Sea, in detail, with every country it crosses.' }],
      tools: [{ name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
    });
    expect(Number.isInteger(short.input_tokens) && short.input_tokens > 0).toBe(true);
    expect(long.input_tokens).toBeGreaterThan(short.input_tokens);
    expect(upstream.requests).toHaveLength(0);
  });

  it('refuses bad input in Anthropic shape', async () => {
    expectError(await post(JSON.stringify({ model: 'claude-sonnet-4-5' }), {}, '/v1/messages/count_tokens'), 400, 'invalid_request_error', /'messages'/);
    expectError(await post('{', {}, '/v1/messages/count_tokens'), 400, 'invalid_request_error', /JSON/);
  });

  it("is a request like any other: the key's models and rate limit, unknown models, and a ledger row", async () => {
    const limited = await createKey({ team: 'agents', models: ['claude-haiku-4-5'], rpm: 2 });
    const count = (model: string) =>
      fetch(`${gateway.url}/v1/messages/count_tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': limited },
        body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
      });
    const other = await count('claude-sonnet-4-5');
    expect(other.status).toBe(403);
    expect(((await other.json()) as AnthropicErrorBody).error.type).toBe('permission_error');
    const unknown = await count('no-such-model');
    expect(unknown.status).toBe(404);
    const first = await count('claude-haiku-4-5');
    expect(first.status).toBe(200);
    const id = first.headers.get('x-switchyard-request-id');
    expect(id).toMatch(/^msg_count_/);
    // two a minute: the refused ones above counted nothing, this is the second, the next is refused
    expect((await count('claude-haiku-4-5')).status).toBe(200);
    const third = await count('claude-haiku-4-5');
    expect(third.status).toBe(429);
    expect(((await third.json()) as AnthropicErrorBody).error.type).toBe('rate_limit_error');
  });
});
