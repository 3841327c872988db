import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../support/fake-upstream.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

/** Provider failures keep a status that tells the client whether a retry may help, and never leak keys. */
const SECRET = 'sk-live-upstream-secret-123456';
let upstream: FakeUpstream;
let gateway: TestGateway;

const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  gateway = await startTestGateway({
    // one deployment, no retries, a breaker that never opens: each test sees the provider's own answer
    health: { failure_threshold: 1000, window_size: 1000, min_requests: 1000 },
    providers: {
      ds: { type: 'deepseek', api_key: SECRET, base_url: `${upstream.url}/v1`, retries: 0 },
      dead: { type: 'openai-compatible', base_url: 'http://127.0.0.1:9/v1', timeouts: { connect_ms: 2000 }, retries: 0 },
      // its own provider: a Retry-After pauses a deployment for that long, which would hold up the other tests
      rl: { type: 'deepseek', api_key: SECRET, base_url: `${upstream.url}/v1`, retries: 0 },
      slow: { type: 'openai-compatible', base_url: `${upstream.url}/v1`, timeouts: { first_byte_ms: 300 }, retries: 0 },
    },
    models: {
      ds: { deployments: ['ds/deepseek-chat'] },
      rl: { deployments: ['rl/deepseek-chat'] },
      dead: { deployments: ['dead/m'] },
      slow: { deployments: ['slow/m'] },
    },
  });
});

afterAll(async () => {
  await gateway.close(1000);
  await upstream.close();
});

async function status(model: string): Promise<InstanceType<typeof OpenAI.APIError>> {
  try {
    await gateway.client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });
  } catch (err) {
    if (err instanceof OpenAI.APIError) return err;
    throw err;
  }
  throw new Error('expected the request to fail');
}

describe('upstream failures before any content', () => {
  it('the provider rejecting our key → 502, its message kept, the key never shown', async () => {
    upstream.reply({ status: 401, json: { error: { message: `Incorrect API key provided: ${SECRET}`, type: 'authentication_error' } } });
    const err = await status('ds');
    expect(err.status).toBe(502);
    expect(err.message).toMatch(/rejected the gateway's credentials/);
    expect(err.message).toMatch(/Incorrect API key provided/);
    expect(JSON.stringify(err.error)).not.toContain(SECRET);
    expect(upstream.lastRequest.headers.authorization).toBe(`Bearer ${SECRET}`);
  });

  it('429 stays 429 with Retry-After', async () => {
    upstream.reply({ status: 429, headers: { 'retry-after': '7' }, json: { error: { message: 'Rate limit reached' } } });
    const err = await status('rl');
    expect(err.status).toBe(429);
    expect(err.headers?.get('retry-after')).toBe('7');
    expect(err.message).toMatch(/Rate limit reached/);
    // the deployment cools down for those seconds, but it is the model's only one: the next request is
    // still sent (the panic rule) and answered by the provider, here served
    upstream.reply({ json: { id: 'c', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] } });
    const served = await gateway.client.chat.completions.create({ model: 'rl', messages: [{ role: 'user', content: 'hi' }] });
    expect(served.choices[0]!.message.content).toBe('ok');
    expect(upstream.requests).toHaveLength(1);
  });

  it('a provider 400 stays 400 with its message', async () => {
    upstream.reply({ status: 400, json: { error: { message: 'This model maximum context length is 65536 tokens' } } });
    const err = await status('ds');
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/maximum context length/);
  });

  it('500 → 502, 503 → 503', async () => {
    upstream.reply({ status: 500, body: 'Internal Server Error' });
    expect((await status('ds')).status).toBe(502);
    upstream.reply({ status: 503, json: { error: { message: 'Server overloaded' } } });
    const err = await status('ds');
    expect(err.status).toBe(503);
    expect(err.message).toMatch(/overloaded/);
  });

  it('a provider that cannot be reached → 502 upstream_connection_failed', async () => {
    const err = await status('dead');
    expect(err.status).toBe(502);
    expect(err.code).toBe('upstream_connection_failed');
  });

  it('a provider that does not answer in time → 504', async () => {
    upstream.reply({ delayMs: 1500, json: {} });
    const err = await status('slow');
    expect(err.status).toBe(504);
    expect(err.code).toBe('upstream_timeout');
  });

  it('a 200 that is not JSON → 502 upstream_invalid_response', async () => {
    upstream.reply({ status: 200, body: '<html>oops</html>' });
    const err = await status('ds');
    expect(err.status).toBe(502);
    expect(err.code).toBe('upstream_invalid_response');
  });

  it('a stream refused before it starts keeps the provider status', async () => {
    upstream.reply({ status: 400, json: { error: { message: 'bad things' } } });
    await expect(
      gateway.client.chat.completions.create({ model: 'ds', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    ).rejects.toMatchObject({ status: 400 });
  });
});

describe('upstream failures mid-stream', () => {
  it('a provider dying mid-stream ends the stream with an error event, never [DONE]', async () => {
    upstream.reply({
      sse: [chunk({ role: 'assistant', content: 'Hel' }), chunk({ content: 'lo' }), chunk({ content: ' world' })],
      frameDelayMs: 20,
      cutAfterFrames: 2,
    });
    const res = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'ds', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('"content":"Hel"');
    expect(text).toContain('"content":"lo"');
    expect(text).not.toContain('[DONE]');
    const last = text.trim().split('\n\n').pop() ?? '';
    const event = JSON.parse(last.replace(/^data: /, '')) as { error: { code: string; message: string } };
    expect(event.error.code).toMatch(/upstream_connection_failed|stream_interrupted/);
    expect(event.error.message).toMatch(/ds/);
  });

  it('the openai SDK surfaces that as an error, not a short success', async () => {
    upstream.reply({ sse: [chunk({ role: 'assistant', content: 'Hel' }), chunk({ content: 'lo' })], cutAfterFrames: 2 });
    const stream = await gateway.client.chat.completions.create({
      model: 'ds',
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    let text = '';
    await expect(
      (async () => {
        for await (const c of stream) text += c.choices[0]?.delta.content ?? '';
      })(),
    ).rejects.toBeInstanceOf(OpenAI.APIError);
    expect(text).toBe('Hello');
  });

  it('an in-band error object mid-stream ends the stream with that error', async () => {
    upstream.reply({
      sse: [chunk({ role: 'assistant', content: 'Hi' }), `data: ${JSON.stringify({ error: { message: 'model overloaded', code: 503 } })}\n\n`],
    });
    const res = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'ds', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    const text = await res.text();
    expect(text).not.toContain('[DONE]');
    expect(text).toMatch(/model overloaded/);
  });

  it('the process keeps serving', async () => {
    expect((await fetch(`${gateway.url}/health`)).status).toBe(200);
  });
});
