/**
 * What the planner and the executor need to know about each deployment's health. Deployments are keyed
 * `<provider id>/<upstream model>`. Implementations: in-process (one gateway) and, later, Redis-backed
 * (many gateways share breaker state).
 */
export type CircuitState = 'closed' | 'open' | 'half-open';

export interface HealthSnapshot {
  state: CircuitState;
  /** When an open circuit may be probed again (unix ms). */
  openUntil?: number;
  /** Moving median time to first token, ms; undefined until enough samples. */
  ttftP50Ms?: number;
  /** Moving median output tokens per second of streamed answers; undefined until enough samples. */
  tokensPerSecond?: number;
}

export interface AttemptOutcome {
  ok: boolean;
  /** Time to first token (or to the whole answer when not streamed), ms. */
  ttftMs?: number;
  /** Output tokens and the seconds they took after the first token, for throughput. */
  outputTokens?: number;
  generationSeconds?: number;
  /** For a failure: whether it says anything about the deployment's health (a 400 does not). */
  countsAsFailure?: boolean;
  /** Seconds the provider asked us to wait (Retry-After on 429/503): the circuit stays open at least that long. */
  retryAfterSeconds?: number;
}

export interface DeploymentHealth {
  /** The deployment's state now. */
  snapshot(key: string): HealthSnapshot;
  /**
   * Whether a request may be sent now. A half-open circuit lets one probe through at a time (this call
   * claims it); an open one refuses until its time is up.
   */
  tryAcquire(key: string): boolean;
  /** Record how an attempt went. */
  record(key: string, outcome: AttemptOutcome): void;
}
