import type { IncomingHttpHeaders } from 'node:http';
import type { Principal } from '../auth/key-record.js';
import { GatewayError } from '../spec/gateway-error.js';
import type { CacheSettings } from './cache-settings.js';

/**
 * What the cache may do for one request. `bypass`: nothing (the answer is neither read nor stored), with
 * the reason; otherwise it may `read` an entry no older than `maxAgeMs` and `write` the answer for `ttlMs`.
 */
export type CacheDecision =
  | { use: false; reason: string }
  | { use: true; namespace: string; read: boolean; write: boolean; maxAgeMs: number; ttlMs: number };

export interface CacheAsk {
  /** The model or route the client asked for. */
  model: string;
  principal: Principal | undefined;
  headers: IncomingHttpHeaders;
  /** Chat: the sampling settings that make an answer repeatable (embeddings are always deterministic). */
  temperature?: number;
  seed?: number;
  deterministic: boolean;
}

/**
 * Whether and how the cache serves a request: the config decides who and what is cached (models, teams,
 * keys, deterministic requests only); the client may only ask for less: `Cache-Control: no-store` (or
 * `x-switchyard-cache: bypass`) skips the cache, `no-cache` (or `x-switchyard-cache: refresh`) fetches a
 * fresh answer and stores it, `max-age=N` takes only an entry at most N seconds old, and
 * `x-switchyard-cache-ttl: N` keeps the answer at most N seconds.
 */
export function decideCache(settings: CacheSettings, ask: CacheAsk): CacheDecision {
  const { principal } = ask;
  if (settings.models && !settings.models.includes(ask.model)) return { use: false, reason: 'model not cached' };
  if (settings.teams && !(principal?.team !== undefined && settings.teams.includes(principal.team))) return { use: false, reason: 'team not cached' };
  if (settings.keys) {
    const record = principal?.record;
    const named = record && (settings.keys.includes(record.id) || (record.name !== undefined && settings.keys.includes(record.name)));
    if (!named) return { use: false, reason: 'key not cached' };
  }
  if (settings.deterministicOnly && !ask.deterministic) return { use: false, reason: 'not deterministic (set temperature 0 or a seed)' };
  const control = cacheControl(ask.headers);
  if (control.noStore) return { use: false, reason: 'client asked no-store' };
  const ttlMs = Math.min(settings.ttlMs, control.ttlMs ?? Infinity);
  const maxAgeMs = Math.min(settings.ttlMs, control.maxAgeMs ?? Infinity);
  return { use: true, namespace: namespaceOf(settings.scope, principal), read: !control.noCache && maxAgeMs > 0, write: ttlMs > 0, maxAgeMs, ttlMs };
}

/** Whether a chat request's answer is repeatable: temperature 0, or a seed. */
export function isDeterministic(temperature: number | undefined, seed: number | undefined): boolean {
  return temperature === 0 || seed !== undefined;
}

/** Entries are never shared across tenants unless the operator chose `team` or `global`. */
function namespaceOf(scope: CacheSettings['scope'], p: Principal | undefined): string {
  const caller = p?.keyId !== undefined ? `key:${p.keyId}` : p?.master ? 'master' : 'open';
  if (scope === 'global') return 'global';
  if (scope === 'team' && p?.team !== undefined) return `team:${p.team}`;
  return caller;
}

interface ClientCacheControl {
  noStore: boolean;
  noCache: boolean;
  maxAgeMs?: number;
  ttlMs?: number;
}

function cacheControl(headers: IncomingHttpHeaders): ClientCacheControl {
  const out: ClientCacheControl = { noStore: false, noCache: false };
  const cc = String(headers['cache-control'] ?? '').toLowerCase();
  for (const directive of cc.split(',')) {
    const [name, value] = directive.trim().split('=') as [string, string | undefined];
    if (name === 'no-store') out.noStore = true;
    else if (name === 'no-cache') out.noCache = true;
    else if (name === 'max-age') {
      const seconds = parseSeconds(value);
      if (seconds !== undefined) out.maxAgeMs = seconds * 1000;
    }
  }
  const mode = headers['x-switchyard-cache'];
  if (mode !== undefined) {
    const m = String(mode).trim().toLowerCase();
    if (m === 'bypass') out.noStore = true;
    else if (m === 'refresh') out.noCache = true;
    else if (m !== 'use') throw new GatewayError('invalid_request', `x-switchyard-cache: '${String(mode).slice(0, 40)}' is not one of use, refresh, bypass.`);
  }
  const ttlHeader = headers['x-switchyard-cache-ttl'];
  if (ttlHeader !== undefined) {
    const ttl = parseSeconds(ttlHeader);
    if (ttl === undefined) throw new GatewayError('invalid_request', 'x-switchyard-cache-ttl must be a whole number of seconds.');
    out.ttlMs = ttl * 1000;
  }
  return out;
}

function parseSeconds(value: string | string[] | undefined): number | undefined {
  if (typeof value !== 'string' || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value.trim());
}
