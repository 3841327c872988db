import type { CircuitState } from './deployment-health.js';
import type { HealthOptions } from './health-options.js';
import { OutcomeWindow } from './outcome-window.js';

type BreakerOptions = Pick<
  HealthOptions,
  'failureThreshold' | 'windowSize' | 'errorRateThreshold' | 'minRequests' | 'openMs' | 'maxOpenMs' | 'probeTimeoutMs'
>;

/**
 * One deployment's circuit. Time is passed in (unix ms) on every call; nothing here reads a clock.
 *
 * - closed → open: `failureThreshold` consecutive failures, or an error rate over the last `windowSize`
 *   outcomes above `errorRateThreshold` with at least `minRequests` outcomes in the window. Opens for
 *   `openMs`, or for the failure's Retry-After when longer, never more than `maxOpenMs`.
 * - Retry-After below the thresholds: a failure that carries one (> 0) opens the circuit at once for exactly
 *   that long (capped at `maxOpenMs`): the provider said when it will take requests again, so we neither
 *   send before then nor wait the longer `openMs`.
 * - open: refuses until `openUntil`. Outcomes of requests sent before it opened may still arrive: they change
 *   nothing, except that a Retry-After reaching later than `openUntil` extends it (never shortens it).
 * - half-open (open and `openUntil` reached): `tryAcquire` claims the one probe; others are refused until an
 *   outcome is recorded or the claim is `probeTimeoutMs` old. The first outcome recorded while half-open
 *   decides (outcomes carry no request id, so a late one counts as the probe's): success closes the circuit
 *   with a fresh window; failure re-opens it for twice as long as the last time (`openMs`, then 2×, 4×...,
 *   never more than `maxOpenMs`), so a dead deployment is probed less and less often.
 * - a success of an attempt sent while open (`decisive`: nothing else was left to try, the panic rule)
 *   closes the circuit as a probe's would.
 */
export class CircuitBreaker {
  private readonly window: OutcomeWindow;
  private consecutiveFailures = 0;
  /** Undefined while closed; while open, when it may be probed (unix ms). */
  private openUntilMs: number | undefined;
  /** When the half-open probe was claimed; undefined when none is out. */
  private probeClaimedAt: number | undefined;
  /** Failed probes since the circuit last closed: each doubles the next open period. */
  private failedProbes = 0;

  constructor(private readonly options: Readonly<BreakerOptions>) {
    this.window = new OutcomeWindow(options.windowSize);
  }

  state(now: number): CircuitState {
    if (this.openUntilMs === undefined) return 'closed';
    return now < this.openUntilMs ? 'open' : 'half-open';
  }

  /** When an open circuit may be probed; undefined unless open now. */
  openUntil(now: number): number | undefined {
    return this.state(now) === 'open' ? this.openUntilMs : undefined;
  }

  tryAcquire(now: number): boolean {
    const state = this.state(now);
    if (state === 'closed') return true;
    if (state === 'open') return false;
    const claimed = this.probeClaimedAt;
    if (claimed !== undefined && now - claimed < this.options.probeTimeoutMs) return false;
    this.probeClaimedAt = now;
    return true;
  }

  /** Failures among the outcomes in the window (0..1); undefined when it is empty. */
  errorRate(): number | undefined {
    return this.window.size > 0 ? this.window.errorRate() : undefined;
  }

  recordSuccess(now: number, decisive = false): void {
    const state = this.state(now);
    if (state === 'closed') {
      this.consecutiveFailures = 0;
      this.window.push(false);
    } else if (state === 'half-open' || decisive) {
      this.close();
    }
  }

  /** A failure that counts against the deployment; `retryAfterMs` when the provider sent Retry-After. */
  recordFailure(now: number, retryAfterMs?: number): void {
    const given = retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs > 0;
    const retryAfter = given ? retryAfterMs : 0;
    const state = this.state(now);
    if (state === 'open') {
      if (retryAfter > 0) this.openUntilMs = Math.max(this.openUntilMs ?? 0, now + this.cap(retryAfter));
      return;
    }
    if (state === 'half-open') {
      this.failedProbes++;
      this.open(now, Math.max(this.options.openMs * 2 ** Math.min(this.failedProbes, 30), retryAfter));
      return;
    }
    this.consecutiveFailures++;
    this.window.push(true);
    if (this.tripped()) this.open(now, Math.max(this.options.openMs, retryAfter));
    else if (retryAfter > 0) this.open(now, retryAfter);
  }

  /**
   * An outcome that says nothing of the deployment's health came back (a rate limit, a refused key, the
   * request's own error): if it was the probe's, the next request may probe instead, not wait for
   * `probeTimeoutMs`.
   */
  releaseProbe(): void {
    this.probeClaimedAt = undefined;
  }

  /** Another process opened this deployment's circuit: open it here too, until then. */
  openUntilAt(now: number, until: number): void {
    if (until <= now) return;
    this.openUntilMs = Math.max(this.openUntilMs ?? 0, Math.min(until, now + this.options.maxOpenMs));
    this.probeClaimedAt = undefined;
  }

  /** Another process's probe succeeded: close here too. */
  closeNow(): void {
    this.close();
  }

  private tripped(): boolean {
    const o = this.options;
    if (this.consecutiveFailures >= o.failureThreshold) return true;
    return this.window.size >= o.minRequests && this.window.errorRate() > o.errorRateThreshold;
  }

  private cap(ms: number): number {
    return Math.min(ms, this.options.maxOpenMs);
  }

  private open(now: number, ms: number): void {
    this.openUntilMs = now + this.cap(ms);
    this.probeClaimedAt = undefined;
  }

  private close(): void {
    this.openUntilMs = undefined;
    this.probeClaimedAt = undefined;
    this.failedProbes = 0;
    this.consecutiveFailures = 0;
    this.window.reset();
  }
}
