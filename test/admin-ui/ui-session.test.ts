import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UiSessions } from '../../src/auth/ui-session.js';
import type { RunningGateway } from '../../src/server/start-gateway.js';
import { ADMIN, capturedLogging, raw, startUiGateway } from './ui-test-gateway.js';

/**
 * The dashboard's sign-in over real HTTP: the cookie's attributes, CSRF on every change, sign-out, expired
 * and tampered cookies, the admin key beside it, cross-site requests, several processes on one store, and
 * the limit on wrong keys.
 */
const PROVIDERS = { local: { type: 'vllm', base_url: 'http://127.0.0.1:9/v1' } };
const MODELS = { m: { deployments: ['local/m'] } };
const logging = capturedLogging();
let gw: RunningGateway;
let host: string;

beforeAll(async () => {
  gw = await startUiGateway({ auth: { admin_key: ADMIN }, providers: PROVIDERS, models: MODELS }, { logging });
  host = new URL(gw.url).host;
});
afterAll(async () => {
  await gw?.close(100);
});

const signIn = (base: string, key: string, headers: Record<string, string> = {}) => raw(base, 'POST', '/ui/session', headers, JSON.stringify({ admin_key: key }));

async function session(base = gw.url): Promise<{ cookie: string; csrf: string; expiresAt: number }> {
  const res = await signIn(base, ADMIN);
  expect(res.status).toBe(200);
  const setCookie = String(res.headers['set-cookie']);
  return { cookie: setCookie.split(';')[0]!, csrf: res.json().csrf, expiresAt: res.json().expires_at };
}

describe('signing in', () => {
  it('a wrong or missing key is 401 in the OpenAI error shape, logged without the key', async () => {
    const wrong = await signIn(gw.url, 'sy-not-the-admin-key-but-long-enough');
    expect(wrong.status).toBe(401);
    expect(wrong.json()).toEqual({ error: { message: 'Wrong admin key.', type: 'authentication_error', code: 'unauthorized', param: null } });
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect((await raw(gw.url, 'POST', '/ui/session', {}, '{}')).status).toBe(401);
    expect(logging.lines.some((l) => l.includes('dashboard sign-in refused'))).toBe(true);
    expect(logging.lines.join('\n')).not.toContain('sy-not-the-admin-key');
  });

  it('an unknown field is 400 naming it (bodies are closed)', async () => {
    const res = await raw(gw.url, 'POST', '/ui/session', {}, JSON.stringify({ key: ADMIN }));
    expect(res.status).toBe(400);
    expect(res.json().error.param).toBe('key');
    expect(res.text).not.toContain(ADMIN);
  });

  it('the right key sets an HttpOnly SameSite=Strict cookie for 12 hours and answers the CSRF token', async () => {
    const before = Date.now();
    const res = await signIn(gw.url, ADMIN);
    expect(res.status).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['csrf', 'expires_at']);
    expect(body.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.expires_at).toBeGreaterThanOrEqual(before + 12 * 3_600_000);
    expect(body.expires_at).toBeLessThanOrEqual(Date.now() + 12 * 3_600_000);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^sy_session=[A-Za-z0-9_.-]+; HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200$/);
    expect(cookie).not.toContain(ADMIN);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.stringify(res.headers)).not.toContain(ADMIN);
  });

  it('the cookie is Secure when the client came over https (TLS ended by a proxy)', async () => {
    const res = await signIn(gw.url, ADMIN, { 'x-forwarded-proto': 'https' });
    expect(String(res.headers['set-cookie'])).toMatch(/; Secure$/);
  });

  it('GET /ui/session gives the CSRF token back while the cookie is good, else 401', async () => {
    const s = await session();
    const res = await raw(gw.url, 'GET', '/ui/session', { cookie: s.cookie });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ csrf: s.csrf, expires_at: s.expiresAt });
    expect((await raw(gw.url, 'GET', '/ui/session')).status).toBe(401);
  });
});

describe('the admin API with the session cookie', () => {
  it('GETs work with the cookie alone', async () => {
    const s = await session();
    const res = await raw(gw.url, 'GET', '/admin/keys', { cookie: s.cookie });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ object: 'list', data: [] });
  });

  it('a change needs the CSRF header: none or a wrong one is 403, the right one works and is audited', async () => {
    const s = await session();
    const kill = (headers: Record<string, string>) =>
      raw(gw.url, 'POST', '/admin/kills', { cookie: s.cookie, ...headers }, JSON.stringify({ target: 'provider:local', reason: 'drill', actor: 'ui-test' }));
    const none = await kill({});
    expect(none.status).toBe(403);
    expect(none.json().error).toMatchObject({ code: 'forbidden', type: 'permission_error' });
    expect((await kill({ 'x-switchyard-csrf': 'A'.repeat(43) })).status).toBe(403);
    const other = await session();
    expect((await kill({ 'x-switchyard-csrf': other.csrf })).status).toBe(403);
    expect((await raw(gw.url, 'GET', '/admin/kills', { cookie: s.cookie })).json().data).toEqual([]);

    const killed = await kill({ 'x-switchyard-csrf': s.csrf });
    expect(killed.status).toBe(200);
    expect(killed.json()).toMatchObject({ target: 'provider:local', actor: 'admin-api:ui-test' });
    const release = (headers: Record<string, string>) => raw(gw.url, 'DELETE', '/admin/kills/provider:local?actor=ui-test&reason=done', { cookie: s.cookie, ...headers });
    expect((await release({})).status).toBe(403);
    expect((await release({ 'x-switchyard-csrf': s.csrf })).status).toBe(200);
    const audit = (await raw(gw.url, 'GET', '/admin/audit?limit=10', { cookie: s.cookie })).json().data as Array<Record<string, unknown>>;
    expect(audit.map((a) => [a.action, a.target, a.actor])).toEqual([
      ['unkill', 'provider:local', 'admin-api:ui-test'],
      ['kill', 'provider:local', 'admin-api:ui-test'],
    ]);
  });

  it('the bearer admin key still works, with or without a cookie, and needs no CSRF token', async () => {
    const res = await raw(gw.url, 'POST', '/admin/keys', { authorization: `Bearer ${ADMIN}`, cookie: 'sy_session=garbage' }, JSON.stringify({ team: 't' }));
    expect(res.status).toBe(200);
    expect((await raw(gw.url, 'GET', '/admin/keys', { 'x-api-key': ADMIN })).status).toBe(200);
    expect((await raw(gw.url, 'GET', '/admin/keys', { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await raw(gw.url, 'GET', '/admin/keys')).status).toBe(401);
  });

  it('an expired, tampered or foreign cookie is 401', async () => {
    const noStore = { revoke: async () => {}, isRevoked: async () => false };
    const expired = new UiSessions(ADMIN, noStore, () => Date.now() - 13 * 3_600_000).issue().token;
    const foreign = new UiSessions('another-admin-key-entirely', noStore).issue().token;
    const fresh = new UiSessions(ADMIN, noStore).issue().token;
    // a token made elsewhere with the same admin key is good here (another process)
    expect((await raw(gw.url, 'GET', '/admin/keys', { cookie: `sy_session=${fresh}` })).status).toBe(200);
    const [id, expiry, mac] = fresh.split('.') as [string, string, string];
    const tampered = [
      `${id}.${(parseInt(expiry, 36) + 3_600_000).toString(36)}.${mac}`,
      `${id.slice(0, -1)}${id.endsWith('A') ? 'B' : 'A'}.${expiry}.${mac}`,
      `${id}.${expiry}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`,
      `${id}.${expiry}`,
      'garbage',
    ];
    for (const token of [expired, foreign, ...tampered]) {
      const res = await raw(gw.url, 'GET', '/admin/keys', { cookie: `sy_session=${token}` });
      expect(res.status, token).toBe(401);
      expect(res.json().error.code).toBe('unauthorized');
      expect((await raw(gw.url, 'GET', '/ui/session', { cookie: `sy_session=${token}` })).status).toBe(401);
    }
  });

  it('DELETE /ui/session needs the CSRF header, then clears the cookie and revokes the session', async () => {
    const s = await session();
    expect((await raw(gw.url, 'DELETE', '/ui/session', { cookie: s.cookie })).status).toBe(403);
    const out = await raw(gw.url, 'DELETE', '/ui/session', { cookie: s.cookie, 'x-switchyard-csrf': s.csrf });
    expect(out.status).toBe(204);
    expect(String(out.headers['set-cookie'])).toBe('sy_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0');
    expect((await raw(gw.url, 'GET', '/admin/keys', { cookie: s.cookie })).status).toBe(401);
    expect((await raw(gw.url, 'GET', '/ui/session', { cookie: s.cookie })).status).toBe(401);
    expect((await raw(gw.url, 'DELETE', '/ui/session', { cookie: s.cookie, 'x-switchyard-csrf': s.csrf })).status).toBe(401);
  });
});

describe('browsers', () => {
  it('same-origin requests from the dashboard work; cross-site ones are refused, cookie or not', async () => {
    const s = await session();
    const same = { cookie: s.cookie, origin: `http://${host}`, 'sec-fetch-site': 'same-origin', 'x-switchyard-csrf': s.csrf };
    expect((await raw(gw.url, 'GET', '/admin/kills', same)).status).toBe(200);
    expect((await raw(gw.url, 'POST', '/admin/keys', same, JSON.stringify({ team: 'ui' }))).status).toBe(200);
    const evil = { cookie: s.cookie, origin: 'https://evil.example', 'x-switchyard-csrf': s.csrf };
    const post = await raw(gw.url, 'POST', '/admin/keys', evil, JSON.stringify({ team: 'evil' }));
    expect(post.status).toBe(403);
    expect(post.json().error.message).toMatch(/other web sites/);
    expect((await raw(gw.url, 'GET', '/admin/keys', { cookie: s.cookie, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' })).status).toBe(403);
    expect((await raw(gw.url, 'POST', '/ui/session', { origin: 'https://evil.example' }, JSON.stringify({ admin_key: ADMIN }))).status).toBe(403);
    expect((await raw(gw.url, 'GET', '/ui/session', { cookie: s.cookie, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' })).status).toBe(403);
    // a link on another site may open the dashboard's page (a top-level navigation), nothing more
    expect((await raw(gw.url, 'GET', '/ui/', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' })).status).toBe(200);
    expect((await raw(gw.url, 'GET', '/ui/', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' })).status).toBe(403);
    // a rebound DNS name is refused whatever it carries
    expect((await raw(gw.url, 'GET', '/admin/keys', { cookie: s.cookie, host: 'evil.example' })).status).toBe(403);
  });

  it('a cookie is refused from an allowed other origin: sessions belong to the gateway’s own pages', async () => {
    const other = await startUiGateway({ auth: { admin_key: ADMIN }, allowed_origins: ['https://app.example'] });
    try {
      const s = await session(other.url);
      expect((await raw(other.url, 'GET', '/admin/keys', { cookie: s.cookie, origin: 'https://app.example' })).status).toBe(403);
      expect((await raw(other.url, 'GET', '/admin/keys', { authorization: `Bearer ${ADMIN}`, origin: 'https://app.example' })).status).toBe(200);
    } finally {
      await other.close(100);
    }
  });
});

describe('several processes on one store', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sy-ui-sessions-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a session from one works on the other; signing out on one ends it on both; another admin key ends it', async () => {
    const storage = `sqlite:${join(dir, 'shared.db')}`;
    const a = await startUiGateway({ auth: { admin_key: ADMIN }, storage });
    const b = await startUiGateway({ auth: { admin_key: ADMIN }, storage });
    const c = await startUiGateway({ auth: { admin_key: `${ADMIN}-rotated` }, storage });
    try {
      const s = await session(a.url);
      expect((await raw(b.url, 'GET', '/admin/keys', { cookie: s.cookie })).status).toBe(200);
      expect((await raw(c.url, 'GET', '/admin/keys', { cookie: s.cookie })).status).toBe(401);
      expect((await raw(a.url, 'DELETE', '/ui/session', { cookie: s.cookie, 'x-switchyard-csrf': s.csrf })).status).toBe(204);
      expect((await raw(a.url, 'GET', '/admin/keys', { cookie: s.cookie })).status).toBe(401);
      // the other process trusts its last "not revoked" answer for at most two seconds
      const deadline = Date.now() + 5_000;
      let status = 0;
      while ((status = (await raw(b.url, 'GET', '/admin/keys', { cookie: s.cookie })).status) !== 401 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(status).toBe(401);
    } finally {
      await Promise.all([a.close(100), b.close(100), c.close(100)]);
    }
  });
});

describe('limits and configuration', () => {
  it('ten wrong keys from one address in a minute: then 429 with Retry-After, even for the right key', async () => {
    const g = await startUiGateway({ auth: { admin_key: ADMIN } });
    try {
      for (let i = 0; i < 10; i++) expect((await signIn(g.url, `wrong-${i}`)).status).toBe(401);
      const limited = await signIn(g.url, ADMIN);
      expect(limited.status).toBe(429);
      expect(limited.json().error.code).toBe('rate_limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
      // the admin key over the API is not the sign-in form: it still works
      expect((await raw(g.url, 'GET', '/admin/keys', { authorization: `Bearer ${ADMIN}` })).status).toBe(200);
    } finally {
      await g.close(100);
    }
  });

  it('without an admin key: signing in is 403, and /ui says how to set one', async () => {
    const g = await startUiGateway({});
    try {
      const res = await signIn(g.url, 'anything');
      expect(res.status).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
      const page = await raw(g.url, 'GET', '/ui');
      expect(page.status).toBe(403);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.text).toContain('SWITCHYARD_ADMIN_KEY');
      expect(page.text).toContain('auth.admin_key');
      expect((await raw(g.url, 'GET', '/ui/assets/app-3f9a.js')).status).toBe(403);
      expect((await raw(g.url, 'GET', '/admin/keys')).status).toBe(403);
    } finally {
      await g.close(100);
    }
  });
});
