import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../support/fake-upstream.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

const MASTER = 'sy-master-key-0123456789abcdef';
let upstream: FakeUpstream;
let gateway: TestGateway;

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  gateway = await startTestGateway(
    {
      auth: { master_key: '${SWITCHYARD_MASTER_KEY}' },
      providers: { local: { type: 'vllm', base_url: `${upstream.url}/v1` } },
      models: { m: { deployments: ['local/m'] } },
    },
    { SWITCHYARD_MASTER_KEY: MASTER },
  );
  upstream.reply({
    json: { id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] },
  });
});

afterAll(async () => {
  await gateway.close(1000);
  await upstream.close();
});

describe('client authentication', () => {
  it('accepts the configured key', async () => {
    const res = await gateway.client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    expect(res.choices[0]?.message.content).toBe('ok');
    // the client's key is never forwarded to the provider
    expect(JSON.stringify(upstream.lastRequest.headers)).not.toContain(MASTER);
  });

  it('refuses a wrong or missing key with 401 in the OpenAI shape', async () => {
    const wrong = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'sy-wrong', maxRetries: 0 });
    await expect(wrong.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const res = await fetch(`${gateway.url}/v1/models`);
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unauthorized');
    expect(body.error.message).not.toContain(MASTER);
  });

  it('leaves /health open', async () => {
    expect((await fetch(`${gateway.url}/health`)).status).toBe(200);
  });
});

describe('client authentication on every route', () => {
  it.each([
    ['POST', '/chat/completions'],
    ['POST', '/embeddings'],
    ['GET', '/models'],
    ['GET', '/v1/models/m'],
  ])('%s %s without the key → 401', async (method, path) => {
    const res = await fetch(`${gateway.url}${path}`, {
      method,
      ...(method === 'POST' && { body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }] }) }),
    });
    expect(res.status).toBe(401);
  });

  it('/metrics stays open for scrapers and carries no secret', async () => {
    const res = await fetch(`${gateway.url}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('switchyard_requests_total');
    expect(text).not.toContain(MASTER);
  });
});

describe('the first virtual key on an open gateway', () => {
  it('is honoured from its first request: its budget applies, however recent the key', async () => {
    const ADMIN = 'sy-admin-key-for-auth-tests-000000';
    const open = await startTestGateway({
      auth: { admin_key: ADMIN },
      providers: { local: { type: 'vllm', base_url: `${upstream.url}/v1`, prices: { m: { input: 1000, output: 1000 } } } },
      models: { m: { deployments: ['local/m'] } },
    });
    try {
      const ask = (apiKey: string) => new OpenAI({ baseURL: `${open.url}/v1`, apiKey, maxRetries: 0 }).chat.completions.create({ model: 'm', max_tokens: 1000, messages: [{ role: 'user', content: 'hi' }] });
      // anonymous while no key exists (the gateway remembers that for a moment)
      expect((await ask('anything')).choices[0]?.message.content).toBe('ok');
      const res = await fetch(`${open.url}/admin/keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ team: 't', budget_usd: 0.001 }),
      });
      const { key } = (await res.json()) as { key: string };
      // at once, not two seconds later: the worst case of 1,000 output tokens at $1,000/M exceeds $0.001
      await expect(ask(key)).rejects.toMatchObject({ status: 429, code: 'budget_exceeded' });
    } finally {
      await open.close(0);
    }
  });
});
