import { describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH_OPTIONS, resolveHealthOptions } from '../../../src/routing/health/health-options.js';
import { LruMap } from '../../../src/routing/health/lru-map.js';
import { MemoryDeploymentHealth } from '../../../src/routing/health/memory-deployment-health.js';
import { OutcomeWindow } from '../../../src/routing/health/outcome-window.js';

describe('OutcomeWindow', () => {
  it('counts failures over the last outcomes only', () => {
    const w = new OutcomeWindow(4);
    expect(w.errorRate()).toBe(0);
    for (const failed of [true, true, false, false]) w.push(failed);
    expect([w.size, w.failures, w.errorRate()]).toEqual([4, 2, 0.5]);
    w.push(false);
    w.push(false);
    expect([w.size, w.failures]).toEqual([4, 0]);
    w.push(true);
    expect(w.errorRate()).toBe(0.25);
    w.reset();
    expect([w.size, w.failures]).toEqual([0, 0]);
  });
});

describe('LruMap', () => {
  it('forgets the least recently used entry, reads count as use', () => {
    const m = new LruMap<string, number>(2);
    m.set('a', 1);
    m.set('b', 2);
    expect(m.get('a')).toBe(1); // b is now the oldest
    m.set('c', 3);
    expect([m.has('a'), m.has('b'), m.has('c'), m.size]).toEqual([true, false, true, 2]);
    m.set('a', 10); // an update is a use
    m.set('d', 4);
    expect([m.get('a'), m.has('c'), m.get('d')]).toEqual([10, false, 4]);
  });
});

describe('health options', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_HEALTH_OPTIONS).toEqual({
      failureThreshold: 5,
      windowSize: 20,
      errorRateThreshold: 0.5,
      minRequests: 10,
      openMs: 30_000,
      maxOpenMs: 600_000,
      probeTimeoutMs: 60_000,
      latencySamples: 50,
      minLatencySamples: 5,
      maxKeys: 10_000,
      coolMs: 1_000,
      maxCoolMs: 60_000,
      panic: true,
    });
    expect(Object.isFrozen(DEFAULT_HEALTH_OPTIONS)).toBe(true);
  });

  it('fills in defaults, also for fields given as undefined', () => {
    const resolved = resolveHealthOptions({ openMs: 5_000, windowSize: undefined });
    expect(resolved).toEqual({ ...DEFAULT_HEALTH_OPTIONS, openMs: 5_000 });
  });

  it('refuses values that cannot work', () => {
    const bad = [
      { failureThreshold: 0 },
      { windowSize: 2.5 },
      { openMs: -1 },
      { probeTimeoutMs: Number.NaN },
      { errorRateThreshold: 1.5 },
      { minRequests: 30 },
      { minLatencySamples: 60 },
      { maxOpenMs: 1_000 },
      { maxKeys: 0 },
    ];
    for (const options of bad) {
      expect(() => new MemoryDeploymentHealth(options), JSON.stringify(options)).toThrow(RangeError);
    }
  });
});
