import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuardedCounterStore } from '../../src/ledger/guarded-counter-store.js';
import { MemoryCounterStore } from '../../src/ledger/memory-counter-store.js';
import { InProcessNotifier, type Notifier } from '../../src/ledger/notifier.js';
import { openRedis, openRedisSubscriber } from '../../src/ledger/redis/open-redis.js';
import { RedisCounterStore } from '../../src/ledger/redis/redis-counter-store.js';
import { RedisNotifier } from '../../src/ledger/redis/redis-notifier.js';
import { isGatewayError } from '../../src/spec/gateway-error.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { redisSkipReason, TEST_REDIS_URL } from '../support/test-services.js';

const noRedis = await redisSkipReason();

/** Redis cut under the counters (a proxy that drops every connection), and the notifiers. */
const REDIS_PORT = Number(new URL(TEST_REDIS_URL).port || 6379);
const prefix = `sytest:${process.pid}:${randomBytes(4).toString('hex')}:`;
let proxy: TcpProxy;
let redis: Redis;

describe.skipIf(noRedis)('GuardedCounterStore with Redis cut', () => {
  beforeAll(async () => {
    proxy = await TcpProxy.start(REDIS_PORT);
    redis = await openRedis(`redis://127.0.0.1:${proxy.port}`, { commandTimeoutMs: 300 });
  });
  afterAll(async () => {
    proxy.restore();
    const direct = await openRedis(`redis://127.0.0.1:${REDIS_PORT}`);
    const keys = await direct.keys(`${prefix}*`);
    if (keys.length > 0) await direct.del(...keys);
    direct.disconnect();
    redis.disconnect();
    await proxy.close();
  });

  it('fails closed with store_unavailable, or open onto local limits, as configured; budgets closed', async () => {
    const failures: string[] = [];
    const shared = new RedisCounterStore(redis, async () => 0, { prefix });
    const make = (limits: 'fail_open' | 'fail_closed') =>
      new GuardedCounterStore(shared, new MemoryCounterStore(), { limits, budgets: 'fail_closed' }, (_e, what, mode) => failures.push(`${what}:${mode}`));
    const open = make('fail_open');
    const closed = make('fail_closed');
    const now = Date.now();
    expect(await closed.takeRequest('key:g', 2, now)).toEqual({ ok: true });
    proxy.cut();
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    const err = await closed.takeRequest('key:g', 2, now).catch((e: unknown) => e);
    expect(isGatewayError(err) && err.code).toBe('store_unavailable');
    expect(isGatewayError(err) && err.status).toBe(503);
    // fail open: this process's own approximate limit applies
    expect(await open.takeRequest('key:g', 2, now)).toEqual({ ok: true });
    expect(await open.takeRequest('key:g', 2, now)).toEqual({ ok: true });
    expect((await open.takeRequest('key:g', 2, now)).ok).toBe(false);
    // budgets stay closed even when limits fail open
    const budget = await open.reserve('key:g', 0, 1, 0.1).catch((e: unknown) => e);
    expect(isGatewayError(budget) && budget.code).toBe('store_unavailable');
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(failures).toContain('rate limit:fail_closed');
    expect(failures).toContain('rate limit:fail_open');
    expect(failures).toContain('budget:fail_closed');
    proxy.restore();
    const deadline = Date.now() + 5_000;
    let back = false;
    while (!back && Date.now() < deadline) {
      back = await closed.takeRequest('key:h', 5, Date.now()).then(() => true, () => false);
      if (!back) await new Promise((r) => setTimeout(r, 100));
    }
    expect(back).toBe(true);
  }, 15_000);

  it('gives each part of a one-step admission its own failure policy while Redis is cut', async () => {
    const failures: string[] = [];
    const shared = new RedisCounterStore(redis, async () => 0, { prefix });
    const make = (limits: 'fail_open' | 'fail_closed', budgets: 'fail_open' | 'fail_closed') =>
      new GuardedCounterStore(shared, new MemoryCounterStore(), { limits, budgets }, (_e, what, mode) => failures.push(`${what}:${mode}`));
    const budget = { periodStart: 0, limit: 1, amount: 0.6 };
    const now = Date.now();
    expect((await make('fail_closed', 'fail_closed').admit({ scope: 'key:ga', now, rpm: 5, budget })).ok).toBe(true);
    proxy.cut();
    try {
      await new Promise((r) => setTimeout(r, 50));
      const closed = await make('fail_closed', 'fail_open').admit({ scope: 'key:ga', now, rpm: 5, budget }).catch((e: unknown) => e);
      expect(isGatewayError(closed) && closed.code).toBe('store_unavailable');
      const openLimits = make('fail_open', 'fail_closed');
      expect(await openLimits.admit({ scope: 'key:ga', now, rpm: 1 })).toEqual({ ok: true });
      expect(await openLimits.admit({ scope: 'key:ga', now, rpm: 1 })).toEqual({ ok: false, refused: 'rpm', retryAfterSeconds: 60 });
      const noBudget = await openLimits.admit({ scope: 'key:gb', now, rpm: 1, budget }).catch((e: unknown) => e);
      expect(isGatewayError(noBudget) && noBudget.code).toBe('store_unavailable');
      const allOpen = make('fail_open', 'fail_open');
      const d = await allOpen.admit({ scope: 'key:gc', now, tpm: 10, budget });
      expect(d.ok && d.reservationId?.startsWith('local:')).toBe(true);
      expect((await allOpen.admit({ scope: 'key:gc', now, budget })).ok).toBe(false);
      // settling never fails the request; a local reservation is settled locally
      if (d.ok) await allOpen.finish({ reservationId: d.reservationId, actual: undefined, tokens: { scope: 'key:gc', tokens: 10, now } });
      expect((await allOpen.admit({ scope: 'key:gc', now, budget })).ok).toBe(true);
      expect((await allOpen.admit({ scope: 'key:gc', now, tpm: 10 })).ok).toBe(false);
      expect(failures).toEqual(expect.arrayContaining(['rate limit:fail_closed', 'rate limit:fail_open', 'budget:fail_closed', 'budget:fail_open', 'token count:fail_open']));
    } finally {
      proxy.restore();
    }
  }, 15_000);

  it('settles a budget that fell back to local counters locally', async () => {
    const store = new GuardedCounterStore(new MemoryCounterStore(async () => { throw new Error('down'); }), new MemoryCounterStore(), { limits: 'fail_open', budgets: 'fail_open' }, () => undefined);
    const d = await store.reserve('key:l', 0, 1, 0.6);
    expect(d.ok && d.reservationId.startsWith('local:')).toBe(true);
    expect((await store.reserve('key:l', 0, 1, 0.6)).ok).toBe(false);
    if (d.ok) await store.settle(d.reservationId, undefined);
    expect((await store.reserve('key:l', 0, 1, 0.6)).ok).toBe(true);
  });
});

describe('notifiers', () => {
  const check = async (a: Notifier, b: Notifier) => {
    const got: string[] = [];
    const unsubscribe = await b.subscribe('switchyard:kill', (m) => got.push(m));
    await a.publish('switchyard:kill', 'provider:deepseek');
    await a.publish('switchyard:config', 'ignored');
    const deadline = Date.now() + 1_000;
    while (got.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(got).toEqual(['provider:deepseek']);
    unsubscribe();
  };

  it('deliver within a process', async () => {
    const n = new InProcessNotifier();
    await check(n, n);
  });

  it.skipIf(noRedis)('deliver across Redis connections within a second', async () => {
    const url = `redis://127.0.0.1:${REDIS_PORT}`;
    const a = new RedisNotifier(await openRedis(url), openRedisSubscriber(url), prefix);
    const b = new RedisNotifier(await openRedis(url), openRedisSubscriber(url), prefix);
    try {
      await check(a, b);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
