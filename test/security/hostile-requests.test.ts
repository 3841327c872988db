import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../support/fake-upstream.js';
import { openAIReply } from '../support/openai-replies.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

/**
 * Requests an attacker would send to an open loopback gateway (no keys) and to a keyed one: none may end
 * the process, and each gets a clear answer in OpenAI's shape (issue 12, findings 1, 7, 8, 10, 11, 15).
 */
const ADMIN = 'sy-admin-key-hostile-0123456789';
let upstream: FakeUpstream;
let open: TestGateway;

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  upstream.reply(openAIReply('ok'));
  open = await startTestGateway({
    providers: { local: { type: 'vllm', base_url: `${upstream.url}/v1` } },
    models: { m: { deployments: ['local/m'] } },
  });
});

afterAll(async () => {
  await open.close(1000);
  await upstream.close();
});

const post = (gw: TestGateway, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${gw.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const hello = [{ role: 'user', content: 'hi' }];

async function stillServing(gw: TestGateway): Promise<void> {
  expect((await fetch(`${gw.url}/health`)).status).toBe(200);
}

describe('a model name a client chose never breaks a response header', () => {
  it.each([
    ['a name beyond Latin-1', 'local/模型'],
    ['an emoji (a surrogate pair)', 'local/m😀'],
  ])('%s is served, and the header carries it percent-encoded (chat)', async (_what, model) => {
    const res = await post(open, '/v1/chat/completions', { model, messages: hello });
    expect(res.status).toBe(200);
    const header = res.headers.get('x-switchyard-model')!;
    expect(decodeURIComponent(header)).toBe(model.slice('local/'.length));
    await stillServing(open);
  });

  it('streaming and embeddings too', async () => {
    const stream = await post(open, '/v1/chat/completions', { model: 'local/模型', messages: hello, stream: true });
    expect(stream.status).toBe(200);
    expect(await stream.text()).toContain('[DONE]');
    upstream.reply({ json: { object: 'list', data: [{ object: 'embedding', index: 0, embedding: [0.1] }], model: 'e' } });
    const emb = await post(open, '/v1/embeddings', { model: 'local/埋め込み', input: 'x' });
    expect(emb.status).toBe(200);
    expect(emb.headers.get('x-switchyard-model')).toMatch(/^%E5%9F%8B/);
    upstream.reply(openAIReply('ok'));
    await stillServing(open);
  });

  it.each([
    ['a trailing newline', 'local/m\n'],
    ['a carriage return', 'local/m\rx-evil: 1'],
    ['a NUL', 'local/m\u0000'],
    ['a line separator', 'local/m\u2028'],
  ])('%s in the name → 400 naming the field, nothing sent upstream', async (_what, model) => {
    upstream.requests.length = 0;
    for (const path of ['/v1/chat/completions', '/v1/embeddings']) {
      const res = await post(open, path, { model, messages: hello, input: 'x' });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { param: string; message: string } };
      expect(body.error.param).toBe('model');
      expect(body.error.message).toMatch(/control character|line break/);
    }
    expect(upstream.requests).toHaveLength(0);
    await stillServing(open);
  });

  it('a 10 MB model name → 400 without repeating it, and no metrics label grows from it', async () => {
    const model = `local/${'x'.repeat(10 * 1024 * 1024)}`;
    const res = await fetch(`${open.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model, messages: hello }) });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text.length).toBeLessThan(500);
    expect(text).toMatch(/at most 256/);
    const metrics = await (await fetch(`${open.url}/metrics`)).text();
    expect(metrics).not.toContain('xxxxxxxxxx');
  });
});

describe('what reaches a provider', () => {
  it("a client's credentials, cookies and forwarding headers are never passed on", async () => {
    upstream.reply(openAIReply('ok'));
    const res = await post(open, '/v1/chat/completions', { model: 'm', messages: hello }, {
      authorization: 'Bearer sy-client-secret-0123456789',
      cookie: 'session=client-cookie-0123456789',
      'x-forwarded-for': '203.0.113.9',
      'x-api-key': 'client-x-api-key-0123456789',
    });
    expect(res.status).toBe(200);
    const sent = JSON.stringify(upstream.lastRequest.headers);
    for (const leaked of ['sy-client-secret', 'client-cookie', '203.0.113.9', 'client-x-api-key']) expect(sent).not.toContain(leaked);
  });
});

describe('metrics', () => {
  it('model names clients made up do not become labels; the scrape stays small', async () => {
    await Promise.all(
      Array.from({ length: 300 }, (_, i) => post(open, '/v1/chat/completions', { model: `nope-${i}`, messages: hello }).then((r) => r.text())),
    );
    const metrics = await (await fetch(`${open.url}/metrics`)).text();
    expect(metrics).not.toContain('nope-');
    expect(metrics).toMatch(/switchyard_requests_total\{route="\/v1\/chat\/completions",model="",provider="",status="404"\} 300/);
  });
});

describe('the fallback list', () => {
  it('more than 10 fallback models → 400 before anything is sent', async () => {
    upstream.requests.length = 0;
    const models = Array.from({ length: 1000 }, (_, i) => `local/f${i}`);
    const res = await post(open, '/v1/chat/completions', { model: 'local/x', models, messages: hello });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { param: string } }).error.param).toBe('models');
    expect(upstream.requests).toHaveLength(0);
  });

  it('a fallback with a control character is refused by its index', async () => {
    const res = await post(open, '/v1/chat/completions', { model: 'm', models: ['m', 'local/a\n'], messages: hello });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { param: string } }).error.param).toBe('models[1]');
  });
});

describe('cross-site requests and DNS rebinding', () => {
  it('a "simple" cross-site POST (text/plain, another Origin) is refused before anything is sent', async () => {
    upstream.requests.length = 0;
    const res = await fetch(`${open.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
      body: JSON.stringify({ model: 'm', messages: hello }),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    expect(upstream.requests).toHaveLength(0);
  });

  it('a browser marking the request cross-site without an Origin is refused too', async () => {
    const res = await post(open, '/v1/chat/completions', { model: 'm', messages: hello }, { 'sec-fetch-site': 'cross-site' });
    expect(res.status).toBe(403);
  });

  it('a Host that is not a loopback name (a rebound DNS name) is refused', async () => {
    const { request } = await import('undici');
    const res = await request(`${open.url}/v1/models`, { headers: { host: 'attacker.example:4000' } });
    expect(res.statusCode).toBe(403);
    await res.body.text();
    const ok = await request(`${open.url}/v1/models`, { headers: { host: 'localhost:4000' } });
    expect(ok.statusCode).toBe(200);
    await ok.body.text();
  });

  it('a gateway on [::1] answers to its own address and to allowed_hosts written with brackets', async () => {
    const gw = await startTestGateway({ listen: '[::1]:0', allowed_hosts: ['[::1]', 'gw.internal'], providers: {} });
    try {
      const { request } = await import('undici');
      for (const [hostHeader, status] of [['[::1]:4000', 200], ['gw.internal', 200], ['localhost', 403]] as const) {
        const res = await request(`${gw.url}/health`, { headers: { host: hostHeader } });
        expect(res.statusCode).toBe(status);
        await res.body.text();
      }
    } finally {
      await gw.close(1000);
    }
  });

  it('a page on the gateway itself (same origin) and clients without Origin still work', async () => {
    const same = await post(open, '/v1/chat/completions', { model: 'm', messages: hello }, { origin: open.url });
    expect(same.status).toBe(200);
    expect((await post(open, '/v1/chat/completions', { model: 'm', messages: hello })).status).toBe(200);
  });

  it('an origin named in allowed_origins gets CORS headers and a preflight answer', async () => {
    const gw = await startTestGateway({
      allowed_origins: ['https://app.example.com'],
      providers: { local: { type: 'vllm', base_url: `${upstream.url}/v1` } },
      models: { m: { deployments: ['local/m'] } },
    });
    try {
      const pre = await fetch(`${gw.url}/v1/chat/completions`, {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
      });
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      const res = await post(gw, '/v1/chat/completions', { model: 'm', messages: hello }, { origin: 'https://app.example.com' });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect((await post(gw, '/v1/chat/completions', { model: 'm', messages: hello }, { origin: 'https://other.example' })).status).toBe(403);
    } finally {
      await gw.close(1000);
    }
  });
});

describe('keys', () => {
  let gw: TestGateway;
  const admin = (path: string, init: RequestInit = {}) =>
    fetch(`${gw.url}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN}`, ...init.headers } });

  beforeAll(async () => {
    gw = await startTestGateway({
      auth: { admin_key: ADMIN },
      providers: { local: { type: 'vllm', base_url: `${upstream.url}/v1` } },
      models: { m: { deployments: ['local/m'] }, other: { deployments: ['local/o'] } },
    });
  });
  afterAll(() => gw.close(1000));

  it('revoking the last virtual key does not open the gateway to everyone', async () => {
    const created = (await (await admin('/admin/keys', { method: 'POST', body: JSON.stringify({ team: 't' }) })).json()) as { key: string; id: string };
    const asKey = { authorization: `Bearer ${created.key}` };
    expect((await post(gw, '/v1/chat/completions', { model: 'm', messages: hello }, asKey)).status).toBe(200);
    expect((await admin(`/admin/keys/${created.id}`, { method: 'DELETE' })).status).toBe(200);
    // the authenticator remembers answers for two seconds
    await new Promise((r) => setTimeout(r, 2_100));
    expect((await post(gw, '/v1/chat/completions', { model: 'm', messages: hello }, asKey)).status).toBe(401);
    expect((await post(gw, '/v1/chat/completions', { model: 'm', messages: hello })).status).toBe(401);
  });

  it('a key limited to some models lists only those', async () => {
    const created = (await (await admin('/admin/keys', { method: 'POST', body: JSON.stringify({ team: 't', models: ['m'] }) })).json()) as { key: string };
    const auth = { authorization: `Bearer ${created.key}` };
    const list = (await (await fetch(`${gw.url}/v1/models`, { headers: auth })).json()) as { data: Array<{ id: string }> };
    expect(list.data.map((m) => m.id)).toEqual(['m']);
    expect((await fetch(`${gw.url}/v1/models/other`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${gw.url}/v1/models/m`, { headers: auth })).status).toBe(200);
  });
});
