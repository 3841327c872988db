import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../support/fake-upstream.js';
import { openAIReply } from '../support/openai-replies.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

/**
 * A key's life over the admin API and the official SDK (issue 20, item 7): its models checked when it is
 * made, an expiry, a rename, a rotation that keeps its id and budget, its spend in the listing, and
 * revocation by a reference that names one key or says which it could mean.
 */
const ADMIN = 'sy-admin-lifecycle-0123456789abcdef';
let upstream: FakeUpstream;
let gateway: TestGateway;

interface KeyAnswer {
  key: string;
  id: string;
  prefix: string;
  name?: string;
  budgetUsd?: number;
  rpm?: number;
  expiresAt?: number;
  revokedAt?: number;
  spend?: { period: string; since: number; usd: number };
}

const admin = (path: string, init: RequestInit = {}) =>
  fetch(`${gateway.url}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN}`, ...init.headers } });

async function createKey(body: Record<string, unknown>): Promise<KeyAnswer> {
  const res = await admin('/admin/keys', { method: 'POST', body: JSON.stringify(body) });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as KeyAnswer;
}

async function listed(id: string): Promise<KeyAnswer> {
  const list = (await (await admin('/admin/keys')).json()) as { data: KeyAnswer[] };
  return list.data.find((k) => k.id === id)!;
}

const sdk = (key: string) => new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: key, maxRetries: 0 });
const ask = (key: string, model = 'cheap') => sdk(key).chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }], max_tokens: 10 });
const errorOf = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as InstanceType<typeof OpenAI.APIError>);

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  upstream.reply(openAIReply('ok', { prompt_tokens: 1000, completion_tokens: 1000 }));
  gateway = await startTestGateway({
    auth: { admin_key: ADMIN },
    providers: { local: { type: 'vllm', base_url: `${upstream.url}/v1`, prices: { a: { input: 1, output: 1 } } } },
    models: { cheap: { deployments: ['local/a'] } },
  });
});

afterAll(async () => {
  await gateway.close(1000);
  await upstream.close();
});

describe('a key over its life', () => {
  it("refuses a key whose models the gateway does not serve, naming the model; accepts models, routes and <provider>/<model>", async () => {
    const res = await admin('/admin/keys', { method: 'POST', body: JSON.stringify({ team: 't', models: ['cheap', 'nosuchmodel'] }) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; param: string; code: string } };
    expect(body.error.param).toBe('models');
    expect(body.error.message).toMatch(/unknown model 'nosuchmodel': this gateway serves cheap, or <provider>\/<model> for its providers \(local\)/);
    const other = await admin('/admin/keys', { method: 'POST', body: JSON.stringify({ team: 't', models: ['nosuchprovider/x'] }) });
    expect(other.status).toBe(400);
    await createKey({ team: 't', models: ['cheap', 'local/other'] });
  });

  it('an expired key gets 401 saying when it expired; an expiry in the past or unreadable is refused', async () => {
    const at = new Date(Date.now() + 1_500).toISOString();
    const { key, expiresAt } = await createKey({ team: 't', expires: at });
    expect(expiresAt).toBe(Date.parse(at));
    expect((await ask(key)).choices[0]?.message.content).toBe('ok');
    await new Promise((r) => setTimeout(r, 1_600));
    const err = await errorOf(ask(key));
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(err?.message).toContain(`This API key expired at ${at}`);
    for (const expires of ['2020-01-01', 'soon', '30x']) {
      const res = await admin('/admin/keys', { method: 'POST', body: JSON.stringify({ team: 't', expires }) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { param: string } }).error.param).toBe('expires');
    }
    const later = await createKey({ team: 't', expires: '30d' });
    expect(later.expiresAt! - Date.now()).toBeGreaterThan(29.9 * 86_400_000);
  });

  it('renames a key', async () => {
    const { id, prefix } = await createKey({ team: 't', name: 'old' });
    const res = await admin(`/admin/keys/${prefix}`, { method: 'PATCH', body: JSON.stringify({ name: 'new' }) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as KeyAnswer).name).toBe('new');
    expect((await listed(id)).name).toBe('new');
    const unknownField = await admin(`/admin/keys/${id}`, { method: 'PATCH', body: JSON.stringify({ team: 'x' }) });
    expect(unknownField.status).toBe(400);
  });

  it('rotates a key: a new secret, shown once, with the same id, budget and spend; the old one stops working', async () => {
    const old = await createKey({ team: 't', budget_usd: 10, budget_period: 'day', rpm: 100 });
    await ask(old.key);
    const spentBefore = (await listed(old.id)).spend!;
    expect(spentBefore.period).toBe('day');
    expect(spentBefore.usd).toBeCloseTo(0.002, 9);
    const res = await admin(`/admin/keys/${old.prefix}/rotate`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(200);
    const rotated = (await res.json()) as KeyAnswer;
    expect(rotated.key).toMatch(/^sy-[0-9A-Za-z]{32}$/);
    expect(rotated.key).not.toBe(old.key);
    expect(rotated.id).toBe(old.id);
    expect(rotated.prefix).toBe(rotated.key.slice(0, 10));
    expect(rotated.budgetUsd).toBe(10);
    expect(rotated.rpm).toBe(100);
    expect(JSON.stringify(await (await admin('/admin/keys')).json())).not.toContain(rotated.key);
    // the new secret spends against the same budget: the spend carries over
    await ask(rotated.key);
    expect((await listed(old.id)).spend!.usd).toBeCloseTo(0.004, 9);
    await new Promise((r) => setTimeout(r, 2_100));
    await expect(ask(old.key)).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    expect((await ask(rotated.key)).choices[0]?.message.content).toBe('ok');
  });

  it('revokes by one key only: an ambiguous reference lists the candidates; a revoked key says when, and is not rotated', async () => {
    const a = await createKey({ team: 'amb', name: 'first' });
    const b = await createKey({ team: 'amb', name: 'second' });
    const ambiguous = await admin('/admin/keys/sy-', { method: 'DELETE' });
    expect(ambiguous.status).toBe(400);
    const message = ((await ambiguous.json()) as { error: { message: string } }).error.message;
    expect(message).toMatch(/'sy-' is ambiguous: it matches \d+ keys/);
    expect(message).toContain(`${a.prefix}… 'first'`);
    expect(message).toContain(`${b.prefix}… 'second'`);
    expect((await admin('/admin/keys/sy-NoSuchKey', { method: 'DELETE' })).status).toBe(404);
    const revoked = (await (await admin(`/admin/keys/${a.prefix}`, { method: 'DELETE' })).json()) as KeyAnswer;
    expect(revoked.revokedAt).toBeGreaterThan(0);
    const again = (await (await admin(`/admin/keys/${a.id}`, { method: 'DELETE' })).json()) as KeyAnswer;
    expect(again.revokedAt).toBe(revoked.revokedAt);
    const rotate = await admin(`/admin/keys/${a.id}/rotate`, { method: 'POST', body: '{}' });
    expect(rotate.status).toBe(400);
    expect(((await rotate.json()) as { error: { message: string } }).error.message).toMatch(/was revoked at .*cannot be rotated/);
  });
});
