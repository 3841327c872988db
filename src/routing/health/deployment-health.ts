/**
 * What the planner and the executor need to know about each deployment's health. Deployments are keyed
 * `<provider id>/<upstream model>`. Implementations: in-process (one gateway) and shared between processes
 * (each process's breakers told of the others' findings).
 */
export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * What a failed attempt says about the deployment (health-effect.ts decides):
 * - `failure`: it is unhealthy (connection error, timeout, 5xx, 529, a stream cut or malformed mid-way):
 *   counts toward opening its circuit;
 * - `rate_limited`: a 429: the deployment cools down for its Retry-After, its circuit untouched;
 * - `misconfigured`: the provider refused the gateway's own credentials (401/403): marked, not counted;
 * - `none`: the request was at fault (400, 404, 413, 422, a content refusal): says nothing of health.
 */
export type HealthEffect = 'failure' | 'rate_limited' | 'misconfigured' | 'none';

/** The last failure a deployment reported, for `switchyard status` and for a refusal that names its cause. */
export interface LastError {
  /** The gateway error code (`upstream_unavailable`, `upstream_rate_limited`, ...). */
  code: string;
  /** The provider's HTTP status, when it answered. */
  status?: number;
  /** The provider's message, credentials removed. */
  message: string;
  /** Unix ms. */
  at: number;
  retryAfterSeconds?: number;
}

export interface HealthSnapshot {
  state: CircuitState;
  /** When an open circuit may be probed again (unix ms). */
  openUntil?: number;
  /** Until when a rate-limited deployment cools down (unix ms); absent when it is not cooling. */
  coolingUntil?: number;
  /** Since when the provider refuses the gateway's credentials; cleared by the next success. */
  misconfiguredSince?: number;
  /**
   * Until when a misconfigured deployment is tried after the others (`openMs` after its last refusal): then
   * it is tried in its place again, so a key the provider accepts again is noticed.
   */
  misconfiguredUntil?: number;
  lastError?: LastError;
  /** Failures among the recent counted outcomes (0..1); undefined before any. */
  errorRate?: number;
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
  /** For a failure: what it says of the deployment's health (default `failure`). */
  effect?: HealthEffect;
  /** For a failure: what went wrong, kept as the deployment's last error (unless `effect` is `none`). */
  error?: Omit<LastError, 'at'>;
  /** Seconds the provider asked us to wait (Retry-After): how long it cools down, or stays open. */
  retryAfterSeconds?: number;
  /**
   * The attempt was sent although its circuit was open (nothing else was left: the panic rule): its
   * success closes the circuit, as a probe's would.
   */
  panic?: boolean;
}

export interface DeploymentHealth {
  /**
   * Whether a request whose every deployment is paused (open or cooling) is still tried, on the one that
   * takes requests again soonest (Envoy's panic rule), rather than refused. On by default.
   */
  readonly panic: boolean;
  /** The deployment's state now. */
  snapshot(key: string): HealthSnapshot;
  /**
   * Whether a request may be sent now. A half-open circuit lets one probe through at a time (this call
   * claims it); an open one refuses until its time is up.
   */
  tryAcquire(key: string): boolean;
  /** Record how an attempt went. */
  record(key: string, outcome: AttemptOutcome): void;
  /** Every deployment key with a recorded outcome (at most `maxKeys`), for `switchyard status`. */
  keys(): string[];
}
