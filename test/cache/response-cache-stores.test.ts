import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisResponseCache } from '../../src/cache/redis-response-cache.js';
import type { ResponseCacheStore } from '../../src/cache/response-cache-store.js';
import { SqliteResponseCache } from '../../src/cache/sqlite-response-cache.js';
import { redisSkipReason, TEST_REDIS_URL } from '../support/test-services.js';

/** Both cache stores: expiry, replacement, the size cap (oldest out first), and persistence or sharing. */
const noRedis = await redisSkipReason();
if (noRedis) console.log(`skipping the Redis cache store tests: ${noRedis}`);

const value = (n: number, fill = 'x') => fill.repeat(n);

function contract(name: string, open: (maxBytes: number) => Promise<ResponseCacheStore>) {
  describe(name, () => {
    it('returns an entry until it expires, and a replaced entry new', async () => {
      const s = await open(1_000_000);
      await s.set('k', 'one', 1_000, 2_000);
      expect(await s.get('k', 1_500)).toBe('one');
      await s.set('k', 'two', 1_600, 3_000);
      expect(await s.get('k', 2_500)).toBe('two');
      expect(await s.get('absent', 1_500)).toBeUndefined();
      await s.close();
    });

    it('keeps its total under the cap, evicting the oldest entries first', async () => {
      const s = await open(10_000);
      const now = Date.now();
      for (let i = 0; i < 30; i++) await s.set(`e${i}`, value(1_000, String(i % 10)), now + i, now + 3_600_000);
      const stats = await s.stats();
      expect(stats.bytes).toBeLessThanOrEqual(10_000);
      expect(stats.entries).toBeGreaterThan(0);
      expect(await s.get('e0', now + 100)).toBeUndefined();
      expect(await s.get('e29', now + 100)).toBe(value(1_000, '9'));
      await s.close();
    });
  });
}

contract('SQLite response cache', async (maxBytes) => new SqliteResponseCache(':memory:', maxBytes));

describe('SQLite response cache file', () => {
  it('keeps its entries across a restart', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sy-cache-store-')), 'c.db');
    const a = new SqliteResponseCache(path, 1_000_000);
    await a.set('k', 'kept', 1_000, Number.MAX_SAFE_INTEGER);
    await a.close();
    const b = new SqliteResponseCache(path, 1_000_000);
    expect(await b.get('k', 2_000)).toBe('kept');
    await b.close();
  });
});

const opened: Redis[] = [];
const runPrefix = `sy-test-cache-${process.pid}-${Date.now()}`;
afterAll(async () => {
  // the index and sizes of each test prefix outlive their entries: removed with them
  const r = opened[0];
  if (r) {
    const keys = await r.keys(`${runPrefix}-*`);
    if (keys.length > 0) await r.del(...keys);
  }
  for (const c of opened) c.disconnect();
});

describe.skipIf(noRedis)('Redis response cache', () => {
  let n = 0;
  const prefix = () => `${runPrefix}-${n++}:`;
  const connect = () => {
    const r = new Redis(TEST_REDIS_URL);
    opened.push(r);
    return r;
  };
  contract('contract', async (maxBytes) => new RedisResponseCache(connect(), prefix(), maxBytes, 3_600_000));

  it('is shared by every process using the same prefix, and expires by itself', async () => {
    const p = prefix();
    const a = new RedisResponseCache(connect(), p, 1_000_000, 3_600_000);
    const b = new RedisResponseCache(connect(), p, 1_000_000, 3_600_000);
    const now = Date.now();
    await a.set('k', 'shared', now, now + 200);
    expect(await b.get('k')).toBe('shared');
    await new Promise((r) => setTimeout(r, 300));
    expect(await b.get('k')).toBeUndefined();
  });
});
