import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import pino from 'pino';
import type { Logging } from '../../src/server/create-logging.js';

/**
 * The canary scan's tools: made-up secrets ("canaries"), a detector that finds them whole, in part, in any
 * letter case and base64-encoded, and the capture of everything a gateway emits (HTTP answers, logs, the
 * ledger file) so that the scan can look at all of it.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * `length` random-looking, mixed-case letters and digits, the same for the same label on every run. Only
 * [A-Za-z0-9] so that no encoding a leak could go through (JSON, URL, HTML) changes them, except base64 and
 * a change of case, which the detector looks for on purpose.
 */
export function canaryToken(label: string, length: number): string {
  let out = '';
  for (let block = 0; out.length < length; block++) {
    for (const b of createHash('sha256').update(`${label}#${block}`).digest()) {
      if (out.length < length) out += ALPHABET[b % ALPHABET.length];
    }
  }
  return out;
}

/** Any run of this many characters of a secret, in any case, counts as a leak of it. */
export const WINDOW = 12;
/** Base64 windows: 16 characters encode 12 bytes of the secret. */
const BASE64_WINDOW = 16;

export type LeakForm = 'whole' | `window of ${number}` | 'base64';

export interface Leak {
  /** The secret's name (e.g. `provider key: anthropic`). */
  secret: string;
  /** The output it was found in. */
  where: string;
  form: LeakForm;
  /** Offset of the first match in that output. */
  at: number;
  /** The text around the first match. */
  excerpt: string;
}

interface Needle {
  secret: string;
  form: 'raw' | 'base64';
}

/**
 * Looks for every registered secret in a text: the whole secret, any 12 characters of it in a row (a key cut
 * short, quoted in part or straddling a truncation), case-insensitively, and its base64 and base64url forms
 * at the three byte alignments (any 16 encoded characters in a row). Every text scanned is listed, every
 * leak found is kept; `report()` says what was found where.
 */
export class CanaryScanner {
  private readonly secrets = new Map<string, string>();
  /** Lower-cased windows of each length → the secret they belong to. */
  private readonly needles = new Map<number, Map<string, Needle>>();
  readonly leaks: Leak[] = [];
  /** What was scanned, with its size, so a report shows the scan's reach. */
  readonly scanned: Array<{ where: string; chars: number }> = [];

  add(name: string, value: string): void {
    if (value.length < WINDOW) throw new Error(`canary '${name}' is shorter than the ${WINDOW}-character detection window`);
    if (this.secrets.has(name)) throw new Error(`canary '${name}' registered twice`);
    this.secrets.set(name, value);
    this.addWindows(asciiLower(value), WINDOW, { secret: name, form: 'raw' });
    for (const encoded of base64Forms(value)) this.addWindows(asciiLower(encoded), BASE64_WINDOW, { secret: name, form: 'base64' });
  }

  names(): string[] {
    return [...this.secrets.keys()];
  }

  value(name: string): string {
    const v = this.secrets.get(name);
    if (v === undefined) throw new Error(`no canary '${name}'`);
    return v;
  }

  /**
   * Scan one output. `allow` names secrets this output may legitimately hold (the answer that creates a
   * virtual key carries that key, once); every other secret is a leak.
   */
  scan(where: string, text: string, options: { allow?: readonly string[] } = {}): Leak[] {
    this.scanned.push({ where, chars: text.length });
    const found = findLeaks(text, this.needles, this.secrets, where).filter((l) => !options.allow?.includes(l.secret));
    this.leaks.push(...found);
    return found;
  }

  /** The leaks found, one line each, or '' when none. */
  report(): string {
    return this.leaks.map((l) => `${l.secret} leaked in ${l.where} (${l.form}, at ${l.at}): …${l.excerpt}…`).join('\n');
  }

  private addWindows(text: string, size: number, needle: Needle): void {
    let table = this.needles.get(size);
    if (!table) this.needles.set(size, (table = new Map()));
    for (let i = 0; i + size <= text.length; i++) {
      const w = text.slice(i, i + size);
      if (!table.has(w)) table.set(w, needle);
    }
  }
}

/** A sliding window over the text, looked up in the needle tables: linear in the text, whatever the number of secrets. */
function findLeaks(text: string, needles: Map<number, Map<string, Needle>>, secrets: Map<string, string>, where: string): Leak[] {
  const lower = asciiLower(text);
  const first = new Map<string, { at: number; form: 'raw' | 'base64' }>();
  for (const [size, table] of needles) {
    for (let i = 0; i + size <= lower.length; i++) {
      const hit = table.get(lower.slice(i, i + size));
      if (!hit) continue;
      const key = `${hit.secret}\u0000${hit.form}`;
      if (!first.has(key)) first.set(key, { at: i, form: hit.form });
    }
  }
  const leaks: Leak[] = [];
  for (const [key, { at, form }] of first) {
    const secret = key.slice(0, key.indexOf('\u0000'));
    const value = secrets.get(secret)!;
    const kind: LeakForm =
      form === 'base64' ? 'base64' : lower.includes(asciiLower(value)) ? 'whole' : `window of ${longestRun(lower, asciiLower(value), at)}`;
    leaks.push({ secret, where, form: kind, at, excerpt: text.slice(Math.max(0, at - 40), at + 60).replace(/\s+/g, ' ') });
  }
  return leaks;
}

/** How many characters of the secret run on from a window match at `at` (for the report). */
function longestRun(lower: string, secret: string, at: number): number {
  let best = WINDOW;
  for (let s = 0; s + WINDOW <= secret.length; s++) {
    if (lower.slice(at, at + WINDOW) !== secret.slice(s, s + WINDOW)) continue;
    let n = WINDOW;
    while (s + n < secret.length && lower[at + n] === secret[s + n]) n++;
    best = Math.max(best, n);
  }
  return best;
}

/**
 * The base64 and base64url encodings of a secret at each of the three alignments it can have inside a longer
 * encoded text, without the characters that mix in the bytes around it.
 */
export function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const out = new Set<string>();
  for (let pad = 0; pad < 3; pad++) {
    const encoded = Buffer.concat([Buffer.alloc(pad), bytes]).toString('base64');
    const stable = encoded.slice(Math.ceil((pad * 4) / 3), Math.floor(((pad + bytes.length) * 4) / 3));
    out.add(stable);
    out.add(stable.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...out];
}

/** Lower-case ASCII letters only, so that offsets in the result are the input's. */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
}

/**
 * The gateway's logging with a real pino logger at the most verbose level, every line kept in memory:
 * the same JSON lines `createLogging` writes to stdout, access lines included.
 */
export function capturedLogging(): { logging: Logging; text: () => string } {
  const lines: string[] = [];
  const sink = { write: (line: string) => void lines.push(line) };
  const log = pino({ level: 'trace' }, sink);
  return {
    logging: {
      log,
      access(fields) {
        sink.write(`${JSON.stringify({ level: 30, time: Date.now(), pid: process.pid, msg: 'request', ...fields })}\n`);
      },
    },
    text: () => lines.join(''),
  };
}

/** Every row of every table of a SQLite file, as text (one line per table), and the row count per table. */
export function dumpSqlite(path: string): { text: string; counts: Record<string, number> } {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>;
    const counts: Record<string, number> = {};
    let text = '';
    for (const { name } of tables) {
      const rows = db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).all();
      counts[name] = rows.length;
      text += `${name}: ${JSON.stringify(rows)}\n`;
    }
    return { text, counts };
  } finally {
    db.close();
  }
}

/**
 * The raw bytes of a SQLite database and its WAL and shared-memory files, as Latin-1 text: catches a secret
 * in a page or a log frame that no row shows any more.
 */
export function rawSqliteFiles(path: string): Array<{ file: string; text: string }> {
  return [path, `${path}-wal`, `${path}-shm`].filter(existsSync).map((file) => ({ file, text: readFileSync(file).toString('latin1') }));
}

/** An HTTP answer as text: status line, every header, then the body. */
export function describeResponse(res: Response, body: string): string {
  const headers = [...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
  return `HTTP ${res.status}\n${headers}\n\n${body}`;
}
