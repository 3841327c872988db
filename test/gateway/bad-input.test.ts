import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../support/fake-upstream.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

/** Every bad input gets its status and an OpenAI-shaped error, and none of them hurts the process. */
let upstream: FakeUpstream;
let gateway: TestGateway;

const okReply = {
  json: {
    id: 'x',
    object: 'chat.completion',
    created: 1,
    model: 'm',
    choices: [{ index: 0, message: { role: 'assistant', content: 'fine' }, finish_reason: 'stop' }],
  },
};

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  gateway = await startTestGateway({
    limits: { max_body_bytes: 64 * 1024 },
    providers: {
      local: { type: 'openai-compatible', base_url: `${upstream.url}/v1` },
      claude: { type: 'anthropic', api_key: 'sk-ant-test-secret', base_url: `${upstream.url}/v1` },
    },
    models: {
      'qwen/qwen3-32b': { deployments: ['local/Qwen/Qwen3-32B'] },
      claude: { deployments: ['claude/claude-sonnet-4-5'] },
    },
  });
});

afterAll(async () => {
  await gateway.close(1000);
  await upstream.close();
});

async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, body: (await res.json()) as { error: { message: string; type: string; code: string; param: string | null } } };
}

const chat = (body: unknown) => post('/v1/chat/completions', JSON.stringify(body));
const hello = [{ role: 'user', content: 'Hello' }];

describe('bad input', () => {
  it('malformed JSON → 400 invalid_json', async () => {
    const r = await post('/v1/chat/completions', '{"model": "x", ');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_json');
    expect(r.body.error.message).toMatch(/not valid JSON/);
    expect(r.body.error.type).toBe('invalid_request_error');
  });

  it('an empty body → 400', async () => {
    const r = await post('/v1/chat/completions', '');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_json');
  });

  it('a body that is not an object → 400', async () => {
    const r = await chat([1, 2]);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/must be a JSON object/);
  });

  it('missing messages → 400 naming the field', async () => {
    const r = await chat({ model: 'qwen/qwen3-32b' });
    expect(r.status).toBe(400);
    expect(r.body.error.param).toBe('messages');
    expect(r.body.error.message).toMatch(/'messages'.*required/);
  });

  it('missing model → 400 naming the field', async () => {
    const r = await chat({ messages: hello });
    expect(r.status).toBe(400);
    expect(r.body.error.param).toBe('model');
  });

  it.each([
    [{ temperature: 'hot' }, 'temperature', /expected a number/],
    [{ temperature: 3 }, 'temperature', /at most 2/],
    [{ max_tokens: 1.5 }, 'max_tokens', /integer/],
    [{ stream: 'yes' }, 'stream', /boolean/],
    [{ messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role', /expected one of/],
    [{ messages: [{ role: 'user', content: 42 }] }, 'messages[0].content', /string or an array/],
    [{ messages: [{ role: 'user', content: [{ type: 'input_audio' }] }] }, 'messages[0].content[0].type', /not supported/],
    [{ messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].tool_call_id', /expected a string/],
    [{ tools: [{ type: 'function', function: { name: 'has space' } }] }, 'tools[0].function.name', /letters/],
    [{ tool_choice: { type: 'function', function: { name: 'nope' } } }, 'tool_choice.function.name', /no tool named/],
    [{ response_format: { type: 'yaml' } }, 'response_format.type', /json_schema/],
    [{ stop: [1] }, 'stop', /strings/],
  ])('wrong type %j → 400 at %s', async (patch, param, message) => {
    const r = await chat({ model: 'qwen/qwen3-32b', messages: hello, ...patch });
    expect(r.status).toBe(400);
    expect(r.body.error.param).toBe(param);
    expect(r.body.error.message).toMatch(message);
  });

  it('n > 1 → 400 unsupported_parameter', async () => {
    const r = await chat({ model: 'qwen/qwen3-32b', messages: hello, n: 3 });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('unsupported_parameter');
    expect(r.body.error.param).toBe('n');
  });

  it('unknown model → 404 saying how to list models', async () => {
    const r = await chat({ model: 'gpt-17', messages: hello });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('model_not_found');
    expect(r.body.error.message).toMatch(/GET \/v1\/models/);
  });

  it('an oversized body → 413', async () => {
    const r = await chat({ model: 'qwen/qwen3-32b', messages: [{ role: 'user', content: 'x'.repeat(80 * 1024) }] });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('payload_too_large');
  });

  it('a parameter the provider cannot take → 400 naming it and the provider, nothing sent upstream', async () => {
    upstream.reply(okReply);
    const r = await chat({ model: 'claude', messages: hello, logit_bias: { '42': 1 } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('unsupported_parameter');
    expect(r.body.error.param).toBe('logit_bias');
    expect(r.body.error.message).toMatch(/'claude'/);
    expect(upstream.requests).toHaveLength(0);
  });

  it('an unknown path → 404 in the OpenAI shape', async () => {
    const r = await post('/v1/completions-typo', '{}');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
  });

  it('a non-JSON content type is still read as JSON', async () => {
    upstream.reply(okReply);
    const r = await post('/v1/chat/completions', JSON.stringify({ model: 'qwen/qwen3-32b', messages: hello }), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(r.status).toBe(200);
  });

  it('model names containing / reach the right deployment', async () => {
    upstream.reply(okReply);
    const r = await chat({ model: 'qwen/qwen3-32b', messages: hello });
    expect(r.status).toBe(200);
    expect(upstream.lastRequest.json.model).toBe('Qwen/Qwen3-32B');
    expect(upstream.lastRequest.url).toBe('/v1/chat/completions');
  });

  it('is still serving after all of the above', async () => {
    const res = await fetch(`${gateway.url}/health`);
    expect(res.status).toBe(200);
  });
});
