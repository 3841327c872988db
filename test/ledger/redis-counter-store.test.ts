import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { openRedis } from '../../src/ledger/redis/open-redis.js';
import { admit } from '../../src/ledger/counter-store.js';
import { RedisCounterStore } from '../../src/ledger/redis/redis-counter-store.js';
import { redisSkipReason, TEST_REDIS_URL } from '../support/test-services.js';
import { counterStoreContract } from './counter-store.contract.js';

const noRedis = await redisSkipReason();

/** The shared Redis of the development and CI machines; every test uses a key prefix of its own and deletes it. */
const REDIS_URL = TEST_REDIS_URL;
const prefixes: string[] = [];
const clients: Redis[] = [];

async function client(): Promise<Redis> {
  const r = await openRedis(REDIS_URL);
  clients.push(r);
  return r;
}

function newPrefix(): string {
  const p = `sytest:${process.pid}:${randomBytes(4).toString('hex')}:`;
  prefixes.push(p);
  return p;
}

afterAll(async () => {
  const r = await client();
  for (const p of prefixes) {
    const keys = await r.keys(`${p}*`);
    if (keys.length > 0) await r.del(...keys);
  }
  for (const c of clients) c.disconnect();
});

describe.skipIf(noRedis)('Redis', () => {
  counterStoreContract('redis', async (loader) => {
    const store = new RedisCounterStore(await client(), loader, { prefix: newPrefix() });
    return { store, close: async () => undefined };
  });
});

describe.skipIf(noRedis)('RedisCounterStore across processes', () => {
  it('holds one count for stores on separate connections (as separate processes have)', async () => {
    const prefix = newPrefix();
    const stores = await Promise.all(Array.from({ length: 4 }, async () => new RedisCounterStore(await client(), async () => 0, { prefix })));
    const now = Date.now();
    const requests = await Promise.all(Array.from({ length: 200 }, (_, i) => stores[i % 4]!.takeRequest('key:x', 37, now)));
    expect(requests.filter((d) => d.ok)).toHaveLength(37);
    const reservations = await Promise.all(Array.from({ length: 200 }, (_, i) => stores[i % 4]!.reserve('key:x', 0, 5, 0.125)));
    expect(reservations.filter((d) => d.ok)).toHaveLength(40);
  });

  it('releases a reservation that is never settled (its process died) once its time is up', async () => {
    const prefix = newPrefix();
    const store = new RedisCounterStore(await client(), async () => 0, { prefix, reservationTtlMs: 300 });
    expect((await store.reserve('key:d', 0, 1, 0.75)).ok).toBe(true);
    expect((await store.reserve('key:d', 0, 1, 0.5)).ok).toBe(false);
    await new Promise((r) => setTimeout(r, 400));
    expect((await store.reserve('key:d', 0, 1, 0.5)).ok).toBe(true);
  });

  it('admits the requests of one turn in one script call, each as on its own, and keeps the keys expiring', async () => {
    const prefix = newPrefix();
    const r = await client();
    const store = new RedisCounterStore(r, async () => 0.5, { prefix });
    const now = Date.now();
    const budget = (amount: number) => ({ periodStart: 0, limit: 1, amount });
    expect((await admit(store, { scope: 'key:m', now, budget: budget(0.1) })).ok).toBe(true); // loads the spend
    const calls: number[] = [];
    const evalsha = r.evalsha.bind(r);
    r.evalsha = ((...args: Parameters<typeof evalsha>) => (calls.push(args.length), evalsha(...args))) as typeof r.evalsha;
    try {
      const decisions = await Promise.all(
        [0.9, 0.3, 0.2, 0.05].map((amount) => admit(store, { scope: 'key:m', now, rpm: 3, budget: budget(amount) })),
      );
      expect(calls).toHaveLength(1);
      expect(decisions.map((d) => (d.ok ? 'ok' : d.refused))).toEqual(['budget', 'ok', 'budget', 'rpm']);
    } finally {
      r.evalsha = evalsha;
    }
    for (const k of ['budget', 'reserved', 'expiry']) expect(await r.pttl(`${prefix}${k}:{key:m}@0`)).toBeGreaterThan(0);
    expect(await r.pttl(`${prefix}rpm:{key:m}`)).toBeGreaterThan(0);
    // 0.5 spent + 0.1 + 0.3 reserved
    expect((await store.reserve('key:m', 0, 1, 0.15)).ok).toBe(false);
    expect((await store.reserve('key:m', 0, 1, 0.1)).ok).toBe(true);
  });
});
