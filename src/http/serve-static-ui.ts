import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GatewayError } from '../spec/gateway-error.js';
import { decodePathPart } from './decode-path-part.js';
import type { RequestContext } from './request-context.js';
import type { RouteTable } from './route-table.js';

/** Where `npm run build` puts the dashboard: dist/ui in the package (two folders up from src/http and dist/http). */
export const DEFAULT_UI_DIR = fileURLToPath(new URL('../../dist/ui', import.meta.url));

/**
 * Sent with every answer under /ui (pages, files, the session's JSON, errors): the page may load scripts,
 * styles, images and fonts from the gateway only and call only the gateway; it may not be framed; nothing
 * is sniffed or sent as a referrer. Answers are not cached unless a file below says otherwise.
 */
export const UI_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
});

/** Hashed build output: its name changes with its content, so it may be cached for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** Whether a request path is the dashboard's (its answers carry UI_SECURITY_HEADERS). */
export function isUiPath(path: string): boolean {
  return path === '/ui' || path.startsWith('/ui/');
}

export interface StaticUiOptions {
  /** The built dashboard's folder (dist/ui); tests point it elsewhere. */
  dir: string;
  /** Without an admin key the dashboard could do nothing: its pages say how to set one instead. */
  adminKeySet: boolean;
}

/**
 * `GET /ui` and `/ui/*`: the built dashboard's files, and its index.html for any other path that does not
 * name a file (the page's own routes survive a reload). A path that names a file (`/ui/assets/…`, or a
 * last part with a dot) and is not there is 404. Paths are decoded once and may not hold `.` or `..` parts,
 * backslashes or NUL (400), and must resolve inside the folder, links included (404). The server knows
 * nothing else about the UI.
 */
export function registerStaticUiRoutes(routes: RouteTable, options: StaticUiOptions): void {
  const handler = (rc: RequestContext) => serve(rc, options);
  routes.get('/ui', handler, { open: true }).get('/ui/*', handler, { open: true });
}

async function serve(rc: RequestContext, options: StaticUiOptions): Promise<undefined> {
  if (!options.adminKeySet) return page(rc, 403, NO_ADMIN_KEY);
  const root = resolve(options.dir);
  if (!(await isFile(join(root, 'index.html')))) return page(rc, 404, NOT_BUILT);
  const parts = rc.path === '/ui' ? [] : decodePathPart(rc.path.slice('/ui/'.length)).split('/').filter((p) => p !== '');
  if (parts.some((p) => p === '.' || p === '..' || p.includes('\\') || p.includes('\0'))) {
    throw new GatewayError('invalid_request', 'A dashboard path may not contain ".", ".." or "\\" parts.');
  }
  const named = parts.length > 0 && (parts[0] === 'assets' || parts[parts.length - 1]!.includes('.'));
  const file = parts.length > 0 ? await inside(root, join(root, ...parts)) : undefined;
  if (file) return send(rc, file, parts[0] === 'assets' ? IMMUTABLE : parts.length === 1 && parts[0] === 'index.html' ? 'no-store' : 'no-cache');
  if (named) throw new GatewayError('not_found', `No file ${rc.path} in the built dashboard.`);
  return send(rc, join(root, 'index.html'), 'no-store');
}

/** The file's real path when it is a plain file inside the root (after following links), else undefined. */
async function inside(root: string, path: string): Promise<string | undefined> {
  if (!path.startsWith(root + sep)) return undefined;
  try {
    const [real, realRoot] = await Promise.all([realpath(path), realpath(root)]);
    return real.startsWith(realRoot + sep) && (await isFile(real)) ? real : undefined;
  } catch {
    return undefined;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function send(rc: RequestContext, file: string, cache: string): Promise<undefined> {
  const body = await readFile(file);
  rc.res.writeHead(200, {
    ...rc.headers,
    'cache-control': cache,
    'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': body.length,
  });
  rc.res.end(rc.method === 'HEAD' ? undefined : body);
  return undefined;
}

function page(rc: RequestContext, status: number, html: string): undefined {
  rc.res.writeHead(status, { ...rc.headers, 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
  rc.res.end(rc.method === 'HEAD' ? undefined : html);
  return undefined;
}

function htmlPage(title: string, ...paragraphs: string[]): string {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</body></html>\n`;
}

const NOT_BUILT = htmlPage(
  'Switchyard: the dashboard was not built',
  'This gateway has no built dashboard to serve (dist/ui/index.html is missing).',
  'Build it with <code>npm run build</code> in the Switchyard folder, then reload this page. The gateway itself and its admin API work without it.',
);

const NO_ADMIN_KEY = htmlPage(
  'Switchyard: the dashboard needs an admin key',
  'The dashboard signs in with the admin key, and this gateway has none, so its admin API is off.',
  'Set one (a long random value) in the environment as <code>SWITCHYARD_ADMIN_KEY</code>, or as <code>auth.admin_key</code> in the config (<code>"${SWITCHYARD_ADMIN_KEY}"</code>), restart the gateway, and sign in here with it.',
);
