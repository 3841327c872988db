import { describe, expect, it } from 'vitest';
import type { AttemptOutcome } from '../../../src/routing/health/deployment-health.js';
import { MemoryDeploymentHealth, type HealthOptions } from '../../../src/routing/health/memory-deployment-health.js';
import { fakeClock } from './fake-clock.js';

const KEY = 'together/Qwen/Qwen3-32B';
const ok: AttemptOutcome = { ok: true, ttftMs: 100 };
const fail: AttemptOutcome = { ok: false };
const badRequest: AttemptOutcome = { ok: false, effect: 'none' };
const rateLimited = (seconds: number): AttemptOutcome => ({ ok: false, retryAfterSeconds: seconds });

function setup(options: Partial<HealthOptions> = {}) {
  const clock = fakeClock();
  const health = new MemoryDeploymentHealth(options, clock.now);
  const record = (outcome: AttemptOutcome, times = 1) => {
    for (let i = 0; i < times; i++) health.record(KEY, outcome);
  };
  const state = () => health.snapshot(KEY).state;
  return { clock, health, record, state };
}

/** Opens the circuit by five consecutive failures (the default threshold). */
function opened(options: Partial<HealthOptions> = {}) {
  const s = setup(options);
  s.record(fail, 5);
  expect(s.state()).toBe('open');
  return s;
}

describe('closed → open', () => {
  it('opens after failureThreshold consecutive failures, not before', () => {
    const { clock, health, record, state } = setup();
    record(fail, 4);
    expect(state()).toBe('closed');
    expect(health.tryAcquire(KEY)).toBe(true);
    record(fail);
    expect(health.snapshot(KEY)).toMatchObject({ state: 'open', openUntil: clock.now() + 30_000 });
    expect(health.tryAcquire(KEY)).toBe(false);
  });

  it('a success between failures resets the consecutive count', () => {
    const { record, state } = setup({ errorRateThreshold: 1 }); // 80% failures: only the run length is judged here
    for (let i = 0; i < 4; i++) {
      record(fail, 4);
      record(ok);
    }
    expect(state()).toBe('closed');
    record(fail, 4);
    expect(state()).toBe('closed');
    record(fail);
    expect(state()).toBe('open');
  });

  it('honours a configured failureThreshold', () => {
    const { record, state } = setup({ failureThreshold: 2 });
    record(fail);
    expect(state()).toBe('closed');
    record(fail);
    expect(state()).toBe('open');
  });

  it('opens when the error rate over the window exceeds the threshold', () => {
    // Alternating keeps consecutive failures at 1; 6 failures of 11 = 0.545 > 0.5.
    const { record, state } = setup();
    for (let i = 0; i < 5; i++) {
      record(fail);
      record(ok);
    }
    expect(state()).toBe('closed'); // 5 of 10 = 0.5, not above
    record(fail);
    expect(state()).toBe('open');
  });

  it('does not judge the error rate below minRequests', () => {
    const { record, state } = setup({ failureThreshold: 100 });
    record(fail, 3);
    record(ok);
    record(fail, 3);
    record(ok);
    record(fail);
    expect(state()).toBe('closed'); // 7 of 9 failed, but only 9 outcomes
    record(fail);
    expect(state()).toBe('open'); // 8 of 10
  });

  it('judges only the last windowSize outcomes', () => {
    const { record, state } = setup({ failureThreshold: 100, windowSize: 10, minRequests: 10 });
    record(fail, 5);
    record(ok, 5);
    expect(state()).toBe('closed'); // 5 of 10
    record(ok, 5); // the five failures slide out
    record(fail, 5);
    expect(state()).toBe('closed'); // 5 of 10 again, not 10 of 20
    record(fail);
    expect(state()).toBe('open'); // 6 of 10
  });

  it('ignores client errors entirely', () => {
    const { health, record, state } = setup();
    record(fail, 4);
    record(badRequest, 50);
    expect(state()).toBe('closed');
    record(fail);
    expect(state()).toBe('open'); // the 400s neither counted nor reset the run of failures
    const fresh = setup();
    fresh.record(badRequest, 50);
    expect(fresh.health.size).toBe(0);
    expect(health.size).toBe(1);
  });

  it('ignores Retry-After on an outcome that does not count', () => {
    const { record, state } = setup();
    record({ ok: false, effect: 'none', retryAfterSeconds: 60 });
    expect(state()).toBe('closed');
  });
});

describe('open → half-open → closed or open', () => {
  it('refuses until openMs is up, then reports half-open before anyone asks', () => {
    const { clock, health, state } = opened();
    const until = health.snapshot(KEY).openUntil;
    clock.advance(29_999);
    expect(state()).toBe('open');
    expect(health.tryAcquire(KEY)).toBe(false);
    clock.advance(1);
    expect(clock.now()).toBe(until);
    expect(health.snapshot(KEY)).toStrictEqual({ state: 'half-open', errorRate: 1 });
  });

  it('half-open lets exactly one probe through and refuses the rest', () => {
    const { clock, health, state } = opened();
    clock.advance(30_000);
    expect(health.tryAcquire(KEY)).toBe(true);
    expect(health.tryAcquire(KEY)).toBe(false);
    clock.advance(59_999);
    expect(health.tryAcquire(KEY)).toBe(false);
    expect(state()).toBe('half-open');
  });

  it('a successful probe closes the circuit and resets the window', () => {
    const { clock, health, record, state } = opened();
    clock.advance(30_000);
    expect(health.tryAcquire(KEY)).toBe(true);
    record(ok);
    expect(health.snapshot(KEY).state).toBe('closed');
    expect(health.snapshot(KEY).openUntil).toBeUndefined();
    expect(health.tryAcquire(KEY)).toBe(true);
    expect(health.tryAcquire(KEY)).toBe(true);
    record(fail, 4); // a fresh count: four failures do not re-open
    expect(state()).toBe('closed');
  });

  it('each failed probe re-opens for twice as long, up to maxOpenMs; a success starts over', () => {
    const { clock, health, record, state } = opened({ maxOpenMs: 200_000 });
    const periods: number[] = [];
    for (let i = 0; i < 4; i++) {
      clock.advance(health.snapshot(KEY).openUntil! - clock.now());
      expect(health.tryAcquire(KEY)).toBe(true);
      record(fail);
      periods.push(health.snapshot(KEY).openUntil! - clock.now());
      expect(health.tryAcquire(KEY)).toBe(false); // the old claim went with the re-opening
    }
    expect(periods).toEqual([60_000, 120_000, 200_000, 200_000]);
    clock.advance(200_000);
    expect(health.tryAcquire(KEY)).toBe(true);
    record(ok);
    expect(state()).toBe('closed');
    for (let i = 0; i < 5; i++) record(fail);
    clock.advance(30_000);
    expect(health.tryAcquire(KEY)).toBe(true);
    record(fail);
    expect(health.snapshot(KEY).openUntil! - clock.now()).toBe(60_000);
  });

  it('a probe that never reports frees its claim after probeTimeoutMs', () => {
    const { clock, health, state } = opened({ probeTimeoutMs: 10_000 });
    clock.advance(30_000);
    expect(health.tryAcquire(KEY)).toBe(true);
    clock.advance(9_999);
    expect(health.tryAcquire(KEY)).toBe(false);
    clock.advance(1);
    expect(health.tryAcquire(KEY)).toBe(true); // a new probe, claimed afresh
    expect(health.tryAcquire(KEY)).toBe(false);
    expect(state()).toBe('half-open');
  });

  it('outcomes arriving while open (sent before it opened) change nothing', () => {
    const { clock, health, record } = opened();
    const until = health.snapshot(KEY).openUntil;
    clock.advance(1_000);
    record(ok, 3);
    record(fail, 3);
    expect(health.snapshot(KEY)).toMatchObject({ state: 'open', openUntil: until });
  });

  it('the first outcome while half-open decides, claimed or not', () => {
    const { clock, record, state } = opened();
    clock.advance(30_000);
    record(ok);
    expect(state()).toBe('closed');
  });
});

describe('Retry-After', () => {
  it('a 429/503 with Retry-After opens the circuit at once for that long, below the thresholds', () => {
    const { clock, health, record, state } = setup();
    record(rateLimited(7));
    expect(health.snapshot(KEY)).toMatchObject({ state: 'open', openUntil: clock.now() + 7_000 });
    expect(health.tryAcquire(KEY)).toBe(false);
    clock.advance(6_999);
    expect(state()).toBe('open');
    clock.advance(1);
    expect(state()).toBe('half-open');
    expect(health.tryAcquire(KEY)).toBe(true);
  });

  it('keeps a tripped circuit open longer than openMs when it asks for more', () => {
    const { clock, health, record } = setup();
    record(fail, 4);
    record(rateLimited(120));
    expect(health.snapshot(KEY).openUntil).toBe(clock.now() + 120_000);
  });

  it('a tripped circuit stays open at least openMs even when Retry-After is shorter', () => {
    const { clock, health, record } = setup();
    record(fail, 4);
    record(rateLimited(2));
    expect(health.snapshot(KEY).openUntil).toBe(clock.now() + 30_000);
  });

  it('is capped at maxOpenMs', () => {
    const { clock, health, record } = setup();
    record(rateLimited(86_400));
    expect(health.snapshot(KEY).openUntil).toBe(clock.now() + 600_000);
    const small = setup({ maxOpenMs: 45_000 });
    small.record(fail, 4);
    small.record(rateLimited(3_600));
    expect(small.health.snapshot(KEY).openUntil).toBe(small.clock.now() + 45_000);
  });

  it('a late Retry-After while open extends openUntil, never shortens it', () => {
    const { clock, health, record } = opened();
    const first = health.snapshot(KEY).openUntil ?? 0;
    clock.advance(1_000);
    record(rateLimited(5)); // ends before the current openUntil
    expect(health.snapshot(KEY).openUntil).toBe(first);
    record(rateLimited(90));
    expect(health.snapshot(KEY).openUntil).toBe(clock.now() + 90_000);
  });

  it('a failed probe with Retry-After re-opens for the longer of openMs and Retry-After', () => {
    const { clock, health, record } = opened();
    clock.advance(30_000);
    health.tryAcquire(KEY);
    record(rateLimited(300));
    expect(health.snapshot(KEY).openUntil).toBe(clock.now() + 300_000);
  });

  it('treats a zero, negative or non-finite Retry-After as absent', () => {
    for (const seconds of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const { record, state } = setup();
      record(rateLimited(seconds));
      expect(state()).toBe('closed');
    }
  });
});

describe('keys', () => {
  it('an unknown key is healthy and is not stored by reading it', () => {
    const { health } = setup();
    expect(health.snapshot('nobody/none')).toEqual({ state: 'closed' });
    expect(health.tryAcquire('nobody/none')).toBe(true);
    expect(health.size).toBe(0);
  });

  it('keeps deployments apart', () => {
    const { health, record } = setup();
    record(fail, 5);
    expect(health.snapshot(KEY).state).toBe('open');
    expect(health.snapshot('fireworks/qwen3-32b').state).toBe('closed');
    expect(health.tryAcquire('fireworks/qwen3-32b')).toBe(true);
  });

  it('tracks at most maxKeys, forgetting the least recently used', () => {
    const { health } = setup({ maxKeys: 3 });
    for (const k of ['a', 'b', 'c']) health.record(k, fail);
    for (let i = 0; i < 4; i++) health.record('a', fail); // a is open and most recently used
    health.record('d', fail); // b goes
    expect(health.size).toBe(3);
    expect(health.snapshot('a').state).toBe('open');
    for (let i = 0; i < 4; i++) health.record('b', fail);
    expect(health.snapshot('b').state).toBe('closed'); // b's earlier failure was forgotten
    expect(health.size).toBe(3);
  });

  it('stays within the bound under many keys', () => {
    const { health } = setup({ maxKeys: 100 });
    for (let i = 0; i < 10_000; i++) health.record(`p/m${i}`, { ok: true, ttftMs: i });
    expect(health.size).toBe(100);
    expect(health.snapshot('p/m0')).toEqual({ state: 'closed' });
    expect(health.snapshot('p/m9999').state).toBe('closed');
  });
});
