import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../support/fake-upstream.js';
import { openAIReply } from '../support/openai-replies.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

/**
 * The Responses door refuses what it cannot serve with OpenAI's error shape and the right status, the SDK
 * raises each, and none of it hurts the process; policy and budgets apply as on chat completions.
 */
const ADMIN = 'sy-admin-key-for-responses-tests-0123';
const MASTER = 'sy-master-key-for-responses-tests-0123';
let upstream: FakeUpstream;
let gateway: TestGateway;
let dbPath: string;

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  upstream.reply(openAIReply('fine'));
  dbPath = join(mkdtempSync(join(tmpdir(), 'sy-responses-errors-')), 'ledger.db');
  gateway = await startTestGateway({
    storage: `sqlite:${dbPath}`,
    // a master key: virtual keys are required from the first request, so the budget's key is never ignored
    auth: { admin_key: ADMIN, master_key: MASTER },
    limits: { max_body_bytes: 64 * 1024 },
    providers: {
      local: { type: 'vllm', base_url: `${upstream.url}/v1`, prices: { m: { input: 1, output: 1 } } },
      deepseek: { type: 'deepseek', api_key: 'k-000000', base_url: `${upstream.url}/v1` },
    },
    models: { m: { deployments: ['local/m'] }, 'deepseek-direct': { deployments: ['deepseek/deepseek-chat'] } },
    policies: { global: { rules: [{ name: 'cn-models-on-us-hosts', when: { origins: ['CN'] }, jurisdictions: { allow: ['US'] } }] } },
  });
});

afterAll(async () => {
  await gateway.close(1000);
  await upstream.close();
});

async function post(body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${gateway.url}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${MASTER}`, ...headers },
    body,
  });
  return { status: res.status, body: (await res.json()) as { error: { message: string; type: string; code: string; param: string | null } } };
}

async function sdkError(params: Record<string, unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  const err = await gateway.client.responses.create(params as never).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(OpenAI.APIError);
  return err as InstanceType<typeof OpenAI.APIError>;
}

describe('bad input on /v1/responses', () => {
  it('malformed JSON → 400 invalid_json', async () => {
    const r = await post('{"model": "m", "input": ');
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'invalid_json', type: 'invalid_request_error' });
  });

  it('a body that is not an object, or fields of the wrong type → 400 naming the field', async () => {
    expect((await post('[1,2]')).status).toBe(400);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ model: 'm' }, 'input'],
      [{ model: 'm', input: 5 }, 'input'],
      [{ model: 'm', input: [] }, 'input'],
      [{ model: 7, input: 'hi' }, 'model'],
      [{ model: 'm', input: [{ role: 'robot', content: 'hi' }] }, 'input[0].role'],
      [{ model: 'm', input: [{ role: 'user', content: [{ type: 'input_text', text: 3 }] }] }, 'input[0].content[0].text'],
      [{ model: 'm', input: [{ type: 'function_call_output', output: 'x' }] }, 'input[0].call_id'],
      [{ model: 'm', input: 'hi', max_output_tokens: 0 }, 'max_output_tokens'],
      [{ model: 'm', input: 'hi', temperature: 'hot' }, 'temperature'],
      [{ model: 'm', input: 'hi', stream: 'yes' }, 'stream'],
      [{ model: 'm', input: 'hi', store: 'no' }, 'store'],
      [{ model: 'm', input: 'hi', text: { format: { type: 'xml' } } }, 'text.format.type'],
      [{ model: 'm', input: 'hi', tool_choice: 'required' }, 'tool_choice'],
      [{ model: 'm', input: 'hi', tools: [{ type: 'function', name: 'f' }], tool_choice: { type: 'function', name: 'g' } }, 'tool_choice.name'],
      [{ model: 'm', input: 'hi', metadata: { n: 1 } }, 'metadata.n'],
      [{ model: 'm', input: [{ role: 'user', content: [] }] }, 'input[0].content'],
    ];
    for (const [body, param] of cases) {
      const r = await post(JSON.stringify(body));
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.param, JSON.stringify(body)).toBe(param);
      expect(r.body.error.message).toContain(param);
    }
  });

  it('previous_response_id and conversation → 400: the gateway is stateless', async () => {
    for (const field of ['previous_response_id', 'conversation'] as const) {
      const err = await sdkError({ model: 'm', input: 'hi', [field]: field === 'conversation' ? 'conv_1' : 'resp_123' });
      expect(err.status).toBe(400);
      expect(err.code).toBe('unsupported_parameter');
      expect(err.param).toBe(field);
      expect(err.message).toContain('stateless: send the whole conversation in input');
    }
  });

  it('a built-in tool type → 400 naming the type', async () => {
    const err = await sdkError({ model: 'm', input: 'hi', tools: [{ type: 'web_search' }] });
    expect(err.status).toBe(400);
    expect(err.param).toBe('tools[0].type');
    expect(err.message).toContain("'web_search'");
    const fileSearch = await sdkError({ model: 'm', input: 'hi', tools: [{ type: 'function', name: 'f' }, { type: 'file_search', vector_store_ids: ['vs_1'] }] });
    expect(fileSearch.param).toBe('tools[1].type');
    expect(fileSearch.message).toContain("'file_search'");
  });

  it('an unknown model → 404 model_not_found', async () => {
    const err = await sdkError({ model: 'no-such-model', input: 'hi' });
    expect(err.status).toBe(404);
    expect(err.code).toBe('model_not_found');
  });

  it('an oversized body → 413', async () => {
    const r = await post(JSON.stringify({ model: 'm', input: 'x'.repeat(70 * 1024) }));
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('payload_too_large');
  });

  it('no upstream request was sent for any of them, and the process keeps serving', async () => {
    expect(upstream.requests).toHaveLength(0);
    const res = await gateway.client.responses.create({ model: 'm', input: 'still there?', store: true, include: ['reasoning.encrypted_content'], prompt_cache_key: 'k1' });
    expect(res.output_text).toBe('fine');
    // OpenAI-only fields are not forwarded
    expect(upstream.lastRequest.json).toEqual({ model: 'm', messages: [{ role: 'user', content: 'still there?' }] });
  });
});

describe('policy and budgets on /v1/responses', () => {
  it('a policy refusal → 403 policy_denied, raised by the SDK, with its ledger row', async () => {
    const before = upstream.requests.length;
    const err = await sdkError({ model: 'deepseek-direct', input: 'hi' });
    expect(err).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(err.code).toBe('policy_denied');
    expect(err.headers?.get('x-switchyard-route')).toContain('policy:global:rule=cn-models-on-us-hosts');
    expect(upstream.requests.length).toBe(before);
    const db = new Database(dbPath, { readonly: true });
    try {
      const row = db.prepare("SELECT status, error_code, requested_model FROM requests WHERE requested_model = 'deepseek-direct'").get();
      expect(row).toEqual({ status: 403, error_code: 'policy_denied', requested_model: 'deepseek-direct' });
    } finally {
      db.close();
    }
  });

  it('a budget refusal → 429 budget_exceeded, streaming or not; within budget the cost is charged', async () => {
    const created = await fetch(`${gateway.url}/admin/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}` },
      body: JSON.stringify({ team: 'resp', budget_usd: 0.0005, budget_period: 'day' }),
    });
    expect(created.status).toBe(200);
    const { key } = (await created.json()) as { key: string };
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: key, maxRetries: 0 });
    // 10 input + 5 output tokens at $1 per million: well within the budget
    const ok = await client.responses.create({ model: 'm', input: 'hi', max_output_tokens: 100 });
    expect(ok.usage).toMatchObject({ input_tokens: 10, output_tokens: 5, total_tokens: 15, cost: 0.000015 });
    // a worst case of 1000 output tokens ($0.001) cannot fit in what is left
    for (const stream of [false, true]) {
      const err = await client.responses.create({ model: 'm', input: 'hi', max_output_tokens: 1000, stream }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OpenAI.RateLimitError);
      expect((err as InstanceType<typeof OpenAI.APIError>).code).toBe('budget_exceeded');
    }
  });
});
