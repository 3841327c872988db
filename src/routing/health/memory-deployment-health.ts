import { CircuitBreaker } from './circuit-breaker.js';
import type { AttemptOutcome, DeploymentHealth, HealthSnapshot } from './deployment-health.js';
import { resolveHealthOptions, type HealthOptions } from './health-options.js';
import { LruMap } from './lru-map.js';
import { MovingMedian } from './moving-median.js';

export { DEFAULT_HEALTH_OPTIONS, resolveHealthOptions, type HealthOptions } from './health-options.js';

interface Tracked {
  breaker: CircuitBreaker;
  ttft: MovingMedian;
  throughput: MovingMedian;
}

const isCount = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v) && v >= 0;
const isPositive = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v) && v > 0;

/**
 * Deployment health for one gateway process: a circuit breaker (see circuit-breaker.ts for the rules) and
 * moving medians of time to first token and output tokens per second, per deployment key.
 *
 * - A failure counts unless `countsAsFailure` is false; such outcomes (client errors) are ignored entirely.
 * - Medians use successful outcomes only: `ttftMs` when finite and ≥ 0; throughput when `outputTokens` and
 *   `generationSeconds` are both finite and > 0. Reported once `minLatencySamples` exist.
 * - Unknown keys are closed with no stats and are not stored by `snapshot` or `tryAcquire`; `record` stores
 *   them, at most `maxKeys`, forgetting the least recently used (which forgets its open circuit too).
 * - No timers: time comes only from `now()`. Every call is O(1) apart from adding a median sample
 *   (O(latencySamples)).
 */
export class MemoryDeploymentHealth implements DeploymentHealth {
  private readonly options: Readonly<HealthOptions>;
  private readonly tracked: LruMap<string, Tracked>;

  constructor(
    options: Partial<HealthOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.options = resolveHealthOptions(options);
    this.tracked = new LruMap(this.options.maxKeys);
  }

  /** How many deployment keys are held now (at most `maxKeys`). */
  get size(): number {
    return this.tracked.size;
  }

  snapshot(key: string): HealthSnapshot {
    const t = this.tracked.get(key);
    if (!t) return { state: 'closed' };
    const now = this.now();
    const snap: HealthSnapshot = { state: t.breaker.state(now) };
    const openUntil = t.breaker.openUntil(now);
    if (openUntil !== undefined) snap.openUntil = openUntil;
    const min = this.options.minLatencySamples;
    if (t.ttft.size >= min) snap.ttftP50Ms = t.ttft.median();
    if (t.throughput.size >= min) snap.tokensPerSecond = t.throughput.median();
    return snap;
  }

  /** The circuit alone (no medians): cheap enough to read around every recorded outcome. */
  circuit(key: string): { state: HealthSnapshot['state']; openUntil?: number } {
    const t = this.tracked.get(key);
    if (!t) return { state: 'closed' };
    const now = this.now();
    const openUntil = t.breaker.openUntil(now);
    return { state: t.breaker.state(now), ...(openUntil !== undefined && { openUntil }) };
  }

  tryAcquire(key: string): boolean {
    const t = this.tracked.get(key);
    return t ? t.breaker.tryAcquire(this.now()) : true;
  }

  record(key: string, outcome: AttemptOutcome): void {
    if (!outcome.ok && outcome.countsAsFailure === false) return;
    const t = this.track(key);
    const now = this.now();
    if (!outcome.ok) {
      const retryAfter = outcome.retryAfterSeconds;
      t.breaker.recordFailure(now, retryAfter === undefined ? undefined : retryAfter * 1000);
      return;
    }
    t.breaker.recordSuccess(now);
    if (isCount(outcome.ttftMs)) t.ttft.add(outcome.ttftMs);
    if (isPositive(outcome.outputTokens) && isPositive(outcome.generationSeconds)) {
      t.throughput.add(outcome.outputTokens / outcome.generationSeconds);
    }
  }

  /** Apply a state change another process saw: an opened circuit (until `openUntil`) or a closed one. */
  applyRemote(key: string, change: { openUntil: number } | { closed: true }): void {
    const t = this.track(key);
    if ('closed' in change) t.breaker.closeNow();
    else t.breaker.openUntilAt(this.now(), change.openUntil);
  }

  private track(key: string): Tracked {
    let t = this.tracked.get(key);
    if (!t) {
      const n = this.options.latencySamples;
      t = { breaker: new CircuitBreaker(this.options), ttft: new MovingMedian(n), throughput: new MovingMedian(n) };
      this.tracked.set(key, t);
    }
    return t;
  }
}
