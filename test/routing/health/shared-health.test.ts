import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openRedis, openRedisSubscriber } from '../../../src/ledger/redis/open-redis.js';
import { RedisNotifier } from '../../../src/ledger/redis/redis-notifier.js';
import { MemoryDeploymentHealth } from '../../../src/routing/health/memory-deployment-health.js';
import { SharedDeploymentHealth } from '../../../src/routing/health/shared-deployment-health.js';
import { redisSkipReason, TEST_REDIS_URL } from '../../support/test-services.js';

const noRedis = await redisSkipReason();

/**
 * Circuit breakers shared through Redis: two "processes" (each its own health and Redis connections) on
 * a real Redis; a circuit one opens is open in the other within a second, and a successful probe closes both.
 */
const url = TEST_REDIS_URL;
const prefix = `sytest:${process.pid}:${randomBytes(4).toString('hex')}:`;

async function within(ms: number, check: () => boolean): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}

describe.skipIf(noRedis)('SharedDeploymentHealth over Redis', () => {
  it('opens and closes a circuit in every process', async () => {
    const clock = { t: Date.now() };
    const now = () => clock.t;
    const notifiers = [
      new RedisNotifier(await openRedis(url), openRedisSubscriber(url), prefix),
      new RedisNotifier(await openRedis(url), openRedisSubscriber(url), prefix),
    ];
    const [a, b] = notifiers.map((n) => new SharedDeploymentHealth(new MemoryDeploymentHealth({ failureThreshold: 3, openMs: 30_000 }, now), n));
    try {
      await a!.start();
      await b!.start();
      const key = 'deepseek/deepseek-chat';
      for (let i = 0; i < 3; i++) a!.record(key, { ok: false });
      expect(a!.snapshot(key).state).toBe('open');
      expect(await within(1_000, () => b!.snapshot(key).state === 'open')).toBe(true);
      expect(b!.snapshot(key).openUntil).toBe(a!.snapshot(key).openUntil);
      expect(b!.tryAcquire(key)).toBe(false);

      // after the open period, b's probe succeeds: both close
      clock.t += 31_000;
      expect(b!.tryAcquire(key)).toBe(true);
      b!.record(key, { ok: true, ttftMs: 100 });
      expect(b!.snapshot(key).state).toBe('closed');
      expect(await within(1_000, () => a!.snapshot(key).state === 'closed')).toBe(true);
    } finally {
      a?.stop();
      b?.stop();
      for (const n of notifiers) await n.close();
    }
  });

  it("a rate limit's cool-down reaches every process", async () => {
    const notifiers = [
      new RedisNotifier(await openRedis(url), openRedisSubscriber(url), prefix),
      new RedisNotifier(await openRedis(url), openRedisSubscriber(url), prefix),
    ];
    const [a, b] = notifiers.map((n) => new SharedDeploymentHealth(new MemoryDeploymentHealth({}, Date.now), n));
    try {
      await a!.start();
      await b!.start();
      const key = 'together/qwen';
      a!.record(key, { ok: false, effect: 'rate_limited', retryAfterSeconds: 20 });
      expect(a!.snapshot(key)).toMatchObject({ state: 'closed', coolingUntil: expect.any(Number) });
      expect(await within(1_000, () => b!.snapshot(key).coolingUntil !== undefined)).toBe(true);
      expect(Math.abs(b!.snapshot(key).coolingUntil! - a!.snapshot(key).coolingUntil!)).toBeLessThan(1_000);
      expect(b!.snapshot(key).state).toBe('closed');
    } finally {
      a?.stop();
      b?.stop();
      for (const n of notifiers) await n.close();
    }
  });
});
