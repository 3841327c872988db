import { CircuitBreaker } from './circuit-breaker.js';
import type { AttemptOutcome, DeploymentHealth, HealthSnapshot, LastError } from './deployment-health.js';
import { resolveHealthOptions, type HealthOptions } from './health-options.js';
import { LruMap } from './lru-map.js';
import { MovingMedian } from './moving-median.js';

export { DEFAULT_HEALTH_OPTIONS, resolveHealthOptions, type HealthOptions } from './health-options.js';

interface Tracked {
  breaker: CircuitBreaker;
  ttft: MovingMedian;
  throughput: MovingMedian;
  /** Rate limited (429) until then, unix ms. */
  coolingUntil?: number;
  misconfiguredSince?: number;
  /** The last refusal of the gateway's credentials. */
  misconfiguredAt?: number;
  lastError?: LastError;
}

const isCount = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v) && v >= 0;
const isPositive = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v) && v > 0;

/**
 * Deployment health for one gateway process, per deployment key: a circuit breaker (see circuit-breaker.ts
 * for the rules), a cool-down after a rate limit, a misconfigured mark, the last error, and moving medians
 * of time to first token and output tokens per second.
 *
 * - What a failure does depends on its `effect` (health-effect.ts): `failure` goes to the breaker;
 *   `rate_limited` cools the deployment down for its Retry-After (or `coolMs`), at most `maxCoolMs`, and
 *   leaves the breaker alone; `misconfigured` marks it until the next success (and has it tried after the others for `openMs`); `none` is ignored entirely.
 * - A success clears the cool-down and the mark, and is a success for the breaker.
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

  get panic(): boolean {
    return this.options.panic;
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
    if (t.coolingUntil !== undefined && t.coolingUntil > now) snap.coolingUntil = t.coolingUntil;
    if (t.misconfiguredSince !== undefined) snap.misconfiguredSince = t.misconfiguredSince;
    const demotedUntil = (t.misconfiguredAt ?? -Infinity) + this.options.openMs;
    if (t.misconfiguredSince !== undefined && demotedUntil > now) snap.misconfiguredUntil = demotedUntil;
    if (t.lastError) snap.lastError = t.lastError;
    const errorRate = t.breaker.errorRate();
    if (errorRate !== undefined) snap.errorRate = errorRate;
    const min = this.options.minLatencySamples;
    if (t.ttft.size >= min) snap.ttftP50Ms = t.ttft.median();
    if (t.throughput.size >= min) snap.tokensPerSecond = t.throughput.median();
    return snap;
  }

  /** Every deployment key seen, for `switchyard status`. */
  keys(): string[] {
    return [...this.tracked.keys()];
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
    const effect = outcome.ok ? undefined : (outcome.effect ?? 'failure');
    if (effect === 'none') {
      this.tracked.get(key)?.breaker.releaseProbe();
      return;
    }
    const t = this.track(key);
    const now = this.now();
    if (effect !== undefined) {
      if (outcome.error) t.lastError = { ...outcome.error, at: now };
      const retryAfterMs = outcome.retryAfterSeconds === undefined ? undefined : outcome.retryAfterSeconds * 1000;
      if (effect === 'failure') t.breaker.recordFailure(now, retryAfterMs);
      else t.breaker.releaseProbe();
      if (effect === 'rate_limited') this.coolDown(t, now, retryAfterMs ?? this.options.coolMs);
      else if (effect === 'misconfigured') {
        t.misconfiguredSince ??= now;
        t.misconfiguredAt = now;
      }
      return;
    }
    t.breaker.recordSuccess(now, outcome.panic === true);
    t.coolingUntil = undefined;
    t.misconfiguredSince = undefined;
    t.misconfiguredAt = undefined;
    if (isCount(outcome.ttftMs)) t.ttft.add(outcome.ttftMs);
    if (isPositive(outcome.outputTokens) && isPositive(outcome.generationSeconds)) {
      t.throughput.add(outcome.outputTokens / outcome.generationSeconds);
    }
  }

  /** Until when a deployment cools down, if it does now (for other processes to be told). */
  coolingUntil(key: string): number | undefined {
    const until = this.tracked.get(key)?.coolingUntil;
    return until !== undefined && until > this.now() ? until : undefined;
  }

  /** Apply a state change another process saw: an opened circuit (until `openUntil`) or a closed one. */
  applyRemote(key: string, change: { openUntil: number } | { closed: true } | { coolingUntil: number } | { cooled: true }): void {
    const t = this.track(key);
    if ('closed' in change) t.breaker.closeNow();
    else if ('cooled' in change) t.coolingUntil = undefined;
    else if ('coolingUntil' in change) this.coolDown(t, this.now(), change.coolingUntil - this.now());
    else t.breaker.openUntilAt(this.now(), change.openUntil);
  }

  private coolDown(t: Tracked, now: number, ms: number): void {
    if (!(ms > 0)) return;
    const until = now + Math.min(ms, this.options.maxCoolMs);
    t.coolingUntil = Math.max(t.coolingUntil ?? 0, until);
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
