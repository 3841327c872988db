import { describe, expect, it } from 'vitest';
import { MemoryDeploymentHealth } from '../../../src/routing/health/memory-deployment-health.js';
import { fakeClock } from './fake-clock.js';

const KEY = 'local/Qwen/Qwen3-32B';

function health(options = {}) {
  return new MemoryDeploymentHealth(options, fakeClock().now);
}

describe('moving medians in the snapshot', () => {
  it('reports no ttft median before minLatencySamples, then the median', () => {
    const h = health();
    for (const ms of [400, 100, 300, 200]) h.record(KEY, { ok: true, ttftMs: ms });
    expect(h.snapshot(KEY).ttftP50Ms).toBeUndefined();
    h.record(KEY, { ok: true, ttftMs: 500 });
    expect(h.snapshot(KEY).ttftP50Ms).toBe(300); // odd count
    h.record(KEY, { ok: true, ttftMs: 1_000 });
    expect(h.snapshot(KEY).ttftP50Ms).toBe(350); // even count: mean of 300 and 400
  });

  it('slides over the last latencySamples', () => {
    const h = health({ latencySamples: 5, minLatencySamples: 3 });
    for (const ms of [10, 20, 30, 40, 50]) h.record(KEY, { ok: true, ttftMs: ms });
    expect(h.snapshot(KEY).ttftP50Ms).toBe(30);
    for (const ms of [900, 800, 700]) h.record(KEY, { ok: true, ttftMs: ms }); // 10, 20, 30 slide out
    expect(h.snapshot(KEY).ttftP50Ms).toBe(700); // [40, 50, 700, 800, 900]
  });

  it('uses successful outcomes only', () => {
    const h = health({ minLatencySamples: 1 });
    h.record(KEY, { ok: false, ttftMs: 9_000, outputTokens: 1, generationSeconds: 1 });
    expect(h.snapshot(KEY).ttftP50Ms).toBeUndefined();
    expect(h.snapshot(KEY).tokensPerSecond).toBeUndefined();
    h.record(KEY, { ok: true, ttftMs: 120 });
    expect(h.snapshot(KEY).ttftP50Ms).toBe(120);
  });

  it('computes tokens per second from outcomes that report both counts', () => {
    const h = health();
    const runs: Array<[number, number]> = [
      [100, 2], // 50
      [300, 3], // 100
      [80, 4], // 20
      [120, 2], // 60
    ];
    for (const [tokens, seconds] of runs) h.record(KEY, { ok: true, outputTokens: tokens, generationSeconds: seconds });
    h.record(KEY, { ok: true, outputTokens: 500 }); // no seconds: not a sample
    h.record(KEY, { ok: true, generationSeconds: 3 }); // no tokens: not a sample
    h.record(KEY, { ok: true, outputTokens: 40, generationSeconds: 0 }); // no time: not a sample
    expect(h.snapshot(KEY).tokensPerSecond).toBeUndefined();
    h.record(KEY, { ok: true, outputTokens: 90, generationSeconds: 1 }); // 90
    expect(h.snapshot(KEY).tokensPerSecond).toBe(60); // [20, 50, 60, 90, 100]
    h.record(KEY, { ok: true, outputTokens: 70, generationSeconds: 1 });
    expect(h.snapshot(KEY).tokensPerSecond).toBe(65); // [20, 50, 60, 70, 90, 100]
    expect(h.snapshot(KEY).ttftP50Ms).toBeUndefined(); // no ttft was reported
  });

  it('ignores non-finite and negative ttft values', () => {
    const h = health({ minLatencySamples: 1 });
    h.record(KEY, { ok: true, ttftMs: Number.NaN });
    h.record(KEY, { ok: true, ttftMs: -1 });
    h.record(KEY, { ok: true, ttftMs: Number.POSITIVE_INFINITY });
    expect(h.snapshot(KEY).ttftP50Ms).toBeUndefined();
    h.record(KEY, { ok: true, ttftMs: 0 });
    expect(h.snapshot(KEY).ttftP50Ms).toBe(0);
  });

  it('keeps stats while the circuit is open and through its closing', () => {
    const clock = fakeClock();
    const h = new MemoryDeploymentHealth({ minLatencySamples: 1 }, clock.now);
    h.record(KEY, { ok: true, ttftMs: 200 });
    for (let i = 0; i < 5; i++) h.record(KEY, { ok: false });
    expect(h.snapshot(KEY)).toMatchObject({ state: 'open', ttftP50Ms: 200 });
    clock.advance(30_000);
    h.record(KEY, { ok: true, ttftMs: 400 });
    expect(h.snapshot(KEY)).toMatchObject({ state: 'closed', ttftP50Ms: 300 });
  });
});
