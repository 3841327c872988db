import { describe, expect, it } from 'vitest';
import { chatCacheKey } from '../../src/cache/cache-key.js';
import { decideCache, isDeterministic } from '../../src/cache/cache-decision.js';
import type { CacheSettings } from '../../src/cache/cache-settings.js';
import { AnswerGatherer, replayParts } from '../../src/cache/cached-answer.js';
import { ResponseCache } from '../../src/cache/response-cache.js';
import type { ChatRequest } from '../../src/spec/chat-request.js';
import type { StreamPart } from '../../src/spec/stream-part.js';

/** The cache's rules without a gateway: keys, who shares, what clients may ask, gathering and replaying streams, a failing store. */
const settings: CacheSettings = { ttlMs: 60_000, scope: 'key', deterministicOnly: true, maxBytes: 1e6, maxEntryBytes: 1e5, hitsSpendBudget: false, path: ':memory:' };
const req = (extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'm',
  messages: [{ role: 'user', content: 'hi' }],
  stream: false,
  includeUsage: false,
  temperature: 0,
  tools: [{ name: 't', parameters: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } } } }],
  ...extra,
});
const alice = { keyId: 'k1', team: 'search', master: false, record: { id: 'k1', name: 'alice', team: 'search' } as never };
const bob = { keyId: 'k2', team: 'search', master: false, record: { id: 'k2', name: 'bob', team: 'search' } as never };

describe('cache keys', () => {
  it('ignore how the answer is delivered and key order, and change with anything that changes the answer', () => {
    const base = chatCacheKey('ns', req());
    expect(chatCacheKey('ns', req({ stream: true, includeUsage: true, user: 'u1' }))).toBe(base);
    const reordered = req({ tools: [{ name: 't', parameters: { properties: { b: { type: 'number' }, a: { type: 'string' } }, type: 'object' } }] });
    expect(chatCacheKey('ns', reordered)).toBe(base);
    for (const changed of [req({ temperature: 0.1 }), req({ seed: 1 }), req({ maxTokens: 5 }), req({ model: 'n' }), req({ messages: [{ role: 'user', content: 'hi!' }] }), req({ extra: { top_k: 3 } })]) {
      expect(chatCacheKey('ns', changed)).not.toBe(base);
    }
    expect(chatCacheKey('other', req())).not.toBe(base);
  });
});

describe('cache decisions', () => {
  const decide = (s: Partial<CacheSettings>, headers: Record<string, string> = {}, principal = alice, deterministic = true) =>
    decideCache({ ...settings, ...s }, { model: 'm', principal, headers, deterministic });

  it('give each key its own namespace unless the operator says team or global', () => {
    const ns = (scope: CacheSettings['scope'], p = alice) => {
      const d = decide({ scope }, {}, p);
      return d.use ? d.namespace : d.reason;
    };
    expect(ns('key')).not.toBe(ns('key', bob));
    expect(ns('team')).toBe(ns('team', bob));
    expect(ns('global')).toBe('global');
  });

  it('apply the config first: models, teams, keys and deterministic requests only', () => {
    expect(decide({ models: ['other'] })).toMatchObject({ use: false });
    expect(decide({ teams: ['ads'] })).toMatchObject({ use: false });
    expect(decide({ keys: ['bob'] })).toMatchObject({ use: false });
    expect(decide({ keys: ['alice'] })).toMatchObject({ use: true });
    expect(decide({}, {}, alice, false)).toMatchObject({ use: false });
    expect(decide({ deterministicOnly: false }, {}, alice, false)).toMatchObject({ use: true });
    expect(isDeterministic(0, undefined)).toBe(true);
    expect(isDeterministic(undefined, 3)).toBe(true);
    expect(isDeterministic(undefined, undefined)).toBe(false);
  });

  it('let a client ask only for less: no-store, no-cache, max-age, a shorter TTL', () => {
    expect(decide({}, { 'cache-control': 'no-store' })).toMatchObject({ use: false });
    expect(decide({}, { 'cache-control': 'no-cache' })).toMatchObject({ use: true, read: false, write: true });
    expect(decide({}, { 'cache-control': 'max-age=5' })).toMatchObject({ read: true, maxAgeMs: 5_000 });
    expect(decide({}, { 'x-switchyard-cache-ttl': '999999' })).toMatchObject({ ttlMs: 60_000 });
    expect(decide({}, { 'x-switchyard-cache-ttl': '10' })).toMatchObject({ ttlMs: 10_000 });
    expect(() => decide({}, { 'x-switchyard-cache': 'always' })).toThrow(/use, refresh, bypass/);
    expect(() => decide({}, { 'x-switchyard-cache-ttl': '1.5' })).toThrow(/whole number/);
  });
});

describe('streams', () => {
  it('gathered and replayed, give back the same answer', () => {
    const parts: StreamPart[] = [
      { type: 'reasoning', text: 'think' },
      { type: 'text', text: 'x'.repeat(150) },
      { type: 'tool-call-start', index: 0, id: 'c1', name: 'f' },
      { type: 'tool-call-delta', index: 0, arguments: '{"a":' },
      { type: 'tool-call-delta', index: 0, arguments: '1}' },
      { type: 'finish', reason: 'tool_calls' },
      { type: 'usage', usage: { inputTokens: 3, outputTokens: 9 } },
    ];
    const g = new AnswerGatherer();
    for (const p of parts) g.add(p);
    const whole = g.result()!;
    expect(whole).toMatchObject({ text: 'x'.repeat(150), reasoning: 'think', toolCalls: [{ id: 'c1', name: 'f', arguments: '{"a":1}' }], finishReason: 'tool_calls' });
    const again = new AnswerGatherer();
    const replayed = [...replayParts(whole)];
    expect(replayed.filter((p) => p.type === 'text')).toHaveLength(3);
    for (const p of replayed) again.add(p);
    expect(again.result()).toEqual(whole);
  });

  it('an unfinished stream gives nothing to keep', () => {
    const g = new AnswerGatherer();
    g.add({ type: 'text', text: 'half' });
    expect(g.result()).toBeUndefined();
  });
});

describe('a failing store', () => {
  it('turns lookups into misses and writes into nothing, with a warning', async () => {
    const warnings: string[] = [];
    const broken = {
      get: async () => Promise.reject(new Error('down')),
      set: async () => Promise.reject(new Error('down')),
      stats: async () => ({ entries: 0, bytes: 0 }),
      close: async () => undefined,
    };
    const cache = new ResponseCache(settings, broken, { warn: (_o: unknown, msg: string) => void warnings.push(msg) } as never);
    const d = { use: true as const, namespace: 'n', read: true, write: true, maxAgeMs: 1000, ttlMs: 1000 };
    expect(await cache.lookup('k', d, Date.now())).toBeUndefined();
    cache.keep('k', { kind: 'chat', storedAt: Date.now(), providerId: 'p', model: 'm', result: { text: 'a', toolCalls: [], finishReason: 'stop' } }, d);
    expect(warnings[0]).toMatch(/response cache read failed/);
  });
});
