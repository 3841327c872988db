import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../src/server/start-gateway.js';
import { ADMIN, fakeUiDir, raw, startUiGateway } from './ui-test-gateway.js';

/** The built dashboard served at /ui from a tiny stand-in for dist/ui: files, fallback, headers, traversal. */
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const SECURITY = { 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' };

let dir: string;
let gw: RunningGateway;
beforeAll(async () => {
  dir = fakeUiDir();
  // a link out of the folder must not be followed
  symlinkSync(join(dirname(dir), 'secret.txt'), join(dir, 'linked.txt'));
  gw = await startUiGateway({ auth: { admin_key: ADMIN, master_key: 'sy-master-key-for-static-tests-000' } }, { uiDir: dir });
});
afterAll(async () => {
  await gw?.close(100);
});

const get = (path: string, method = 'GET') => raw(gw.url, method, path);

describe('the built dashboard', () => {
  it('serves index.html at /ui and /ui/ with no-store and the security headers, no key needed', async () => {
    for (const path of ['/ui', '/ui/', '/ui/index.html']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.text).toContain('<script type="module" src="/ui/assets/app-3f9a.js">');
      expect(res.headers).toMatchObject({ ...SECURITY, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    }
  });

  it('serves a hashed asset as immutable, with its type', async () => {
    const res = await get('/ui/assets/app-3f9a.js');
    expect(res.status).toBe(200);
    expect(res.text).toBe('console.log("dashboard");\n');
    expect(res.headers).toMatchObject({ ...SECURITY, 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable' });
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.text)));
    const svg = await get('/ui/favicon.svg');
    expect(svg.headers).toMatchObject({ 'content-type': 'image/svg+xml', 'cache-control': 'no-cache' });
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await get('/ui/assets/app-3f9a.js', 'HEAD');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(res.headers['content-length']).toBe('26');
  });

  it('falls back to index.html for the page’s own routes (deep links survive a reload)', async () => {
    for (const path of ['/ui/requests', '/ui/requests/req-42', '/ui/keys?team=a']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.text).toContain('<!doctype html>');
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('a missing file is 404 with the security headers, never the index page', async () => {
    for (const path of ['/ui/assets/missing.js', '/ui/assets/deep/x', '/ui/missing.css']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.json().error.code).toBe('not_found');
      expect(res.headers).toMatchObject(SECURITY);
    }
  });

  it('never leaves the folder: dot segments, encoded ones, backslashes and links', async () => {
    const attempts: Array<[string, number]> = [
      ['/ui/../package.json', 400],
      ['/ui/assets/../../secret.txt', 400],
      ['/ui/%2e%2e/package.json', 400],
      ['/ui/%2E%2E%2Fsecret.txt', 400],
      ['/ui/..%2f..%2fpackage.json', 400],
      ['/ui/..%5csecret.txt', 400],
      ['/ui/.%2e/secret.txt', 400],
      ['/ui/%00', 400],
      ['/ui/%zz', 400],
      ['/ui/%252e%252e/secret.txt', 404],
      ['/ui/linked.txt', 404],
      ['/ui//etc/passwd.txt', 404],
    ];
    for (const [path, status] of attempts) {
      const res = await get(path);
      expect(res.status, path).toBe(status);
      expect(res.text, path).not.toContain('outside the dashboard folder');
      expect(res.text, path).not.toContain('"name"');
      expect(res.json().error.type).toBe('invalid_request_error');
    }
    // a path naming no file is a page route: the index page, nothing else
    const page = await get('/ui//etc/passwd');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<!doctype html>');
  });

  it('other methods are 405', async () => {
    const res = await raw(gw.url, 'POST', '/ui/index.html', {}, '{}');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET');
  });
});

describe('without a build', () => {
  it('every /ui path is a 404 page saying the dashboard was not built', async () => {
    const g = await startUiGateway({ auth: { admin_key: ADMIN } }, { uiDir: join(mkdtempSync(join(tmpdir(), 'sy-no-ui-')), 'ui') });
    try {
      for (const path of ['/ui', '/ui/', '/ui/requests', '/ui/assets/app.js']) {
        const res = await raw(g.url, 'GET', path);
        expect(res.status, path).toBe(404);
        expect(res.headers).toMatchObject({ ...SECURITY, 'content-type': 'text/html; charset=utf-8' });
        expect(res.text).toContain('the dashboard was not built');
        expect(res.text).toContain('npm run build');
        expect(res.text).not.toMatch(/<script|style=/);
      }
      // the admin API does not need the dashboard
      expect((await raw(g.url, 'GET', '/admin/keys', { authorization: `Bearer ${ADMIN}` })).status).toBe(200);
    } finally {
      await g.close(100);
    }
  });
});
