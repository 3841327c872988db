import { request } from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildConfig } from '../../src/config/load-config.js';
import pino from 'pino';
import { silentLogging, type Logging } from '../../src/server/create-logging.js';
import { startGateway, type RunningGateway } from '../../src/server/start-gateway.js';

export const ADMIN = 'sy-admin-key-for-dashboard-tests-0123456789';

/** A real gateway on a loopback port for the dashboard's tests, serving the built UI from `uiDir`. */
export async function startUiGateway(raw: Record<string, unknown>, options: { uiDir?: string; logging?: Logging } = {}): Promise<RunningGateway> {
  const config = buildConfig({ listen: '127.0.0.1:0', log_level: 'silent', storage: 'sqlite::memory:', ...raw }, 'test', {});
  return startGateway(config, { logging: options.logging ?? silentLogging(), uiDir: options.uiDir ?? fakeUiDir() });
}

/** Logging that keeps every line (log and access lines alike) in `lines`. */
export function capturedLogging(): Logging & { lines: string[] } {
  const lines: string[] = [];
  return { lines, log: pino({ level: 'info' }, { write: (line: string) => void lines.push(line) }), access: (fields) => void lines.push(JSON.stringify(fields)) };
}

/** A tiny stand-in for dist/ui: an index page, a hashed asset, a favicon; and a secret beside the folder. */
export function fakeUiDir(): string {
  const root = mkdtempSync(join(tmpdir(), 'sy-ui-'));
  const dir = join(root, 'ui');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><script type="module" src="/ui/assets/app-3f9a.js"></script></head><body></body></html>\n');
  writeFileSync(join(dir, 'assets', 'app-3f9a.js'), 'console.log("dashboard");\n');
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>\n');
  writeFileSync(join(root, 'secret.txt'), 'outside the dashboard folder\n');
  return dir;
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): any;
}

/** One HTTP request exactly as written (the path is sent as is: no normalisation of `..`). */
export function raw(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<RawAnswer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method, path, headers: { ...(body !== undefined && { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }), ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
