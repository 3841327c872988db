import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../support/fake-upstream.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

/** Virtual keys through the admin API and the official SDK: 401, 403, 429 and a revocation. */
const ADMIN = 'sy-admin-key-for-tests-0123456789';
let upstream: FakeUpstream;
let gateway: TestGateway;

const admin = (path: string, init: RequestInit = {}) =>
  fetch(`${gateway.url}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN}`, ...init.headers } });

async function createKey(body: Record<string, unknown>): Promise<{ key: string; id: string; prefix: string }> {
  const res = await admin('/admin/keys', { method: 'POST', body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return (await res.json()) as { key: string; id: string; prefix: string };
}

const sdk = (key: string) => new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: key, maxRetries: 0 });
const ask = (key: string, model = 'cheap') => sdk(key).chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  upstream.reply({
    json: {
      id: 'x',
      object: 'chat.completion',
      created: 1,
      model: 'm',
      choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 },
    },
  });
  gateway = await startTestGateway({
    auth: { admin_key: ADMIN },
    providers: { local: { type: 'vllm', base_url: `${upstream.url}/v1` } },
    models: { cheap: { deployments: ['local/a'] }, dear: { deployments: ['local/b'] } },
  });
});

afterAll(async () => {
  await gateway.close(1000);
  await upstream.close();
});

describe('virtual keys', () => {
  it('a created key works, is shown once and stored only as a hash', async () => {
    const { key, prefix } = await createKey({ team: 'search', name: 'ci' });
    expect(key).toMatch(/^sy-[0-9A-Za-z]{32}$/);
    expect((await ask(key)).choices[0]?.message.content).toBe('ok');
    const list = (await (await admin('/admin/keys')).json()) as { data: Array<Record<string, unknown>> };
    expect(JSON.stringify(list)).not.toContain(key);
    expect(list.data.some((k) => k.prefix === prefix && k.team === 'search')).toBe(true);
  });

  it('once keys exist, a missing or unknown key is 401', async () => {
    await expect(ask('sy-notakey')).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const res = await fetch(`${gateway.url}/v1/chat/completions`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
  });

  it('a model the key may not use is 403', async () => {
    const { key } = await createKey({ team: 'a', models: ['cheap'] });
    await ask(key, 'cheap');
    const err = await ask(key, 'dear').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect((err as InstanceType<typeof OpenAI.APIError>).code).toBe('model_not_allowed');
    // nor through OpenRouter's fallback list
    const res = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      body: JSON.stringify({ model: 'cheap', models: ['dear'], messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.status).toBe(403);
  });

  it('requests per minute: 429 with Retry-After past the limit', async () => {
    const { key } = await createKey({ team: 'b', rpm: 3 });
    for (let i = 0; i < 3; i++) await ask(key);
    const err = (await ask(key).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(err.status).toBe(429);
    expect(err.code).toBe('rate_limited');
    expect(Number(err.headers?.get('retry-after'))).toBeGreaterThan(0);
  });

  it('tokens per minute: refused once the minute holds the limit', async () => {
    const { key } = await createKey({ team: 'c', tpm: 10 });
    await ask(key);
    await ask(key); // 12 tokens counted now
    const err = (await ask(key).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(err.status).toBe(429);
  });

  it('a revoked key is refused within two seconds', async () => {
    const { key, id } = await createKey({ team: 'd' });
    await ask(key);
    const res = await admin(`/admin/keys/${id}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 2100));
    await expect(ask(key)).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it('the admin API needs the admin key', async () => {
    const res = await fetch(`${gateway.url}/admin/keys`);
    expect(res.status).toBe(401);
    const wrong = await fetch(`${gateway.url}/admin/keys`, { headers: { authorization: 'Bearer nope-nope-nope-nope' } });
    expect(wrong.status).toBe(401);
  });
});
