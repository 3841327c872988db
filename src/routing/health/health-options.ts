/** Tuning for the in-process circuit breaker and health statistics; every field has a sound default. */
export interface HealthOptions {
  /** Consecutive counted failures that open a closed circuit. */
  failureThreshold: number;
  /** How many recent counted outcomes the error rate is computed over. */
  windowSize: number;
  /** A closed circuit opens when failures / outcomes in the window exceed this (0..1). */
  errorRateThreshold: number;
  /** The error rate is only judged with at least this many outcomes in the window. */
  minRequests: number;
  /** How long a circuit stays open before it may be probed, ms. */
  openMs: number;
  /** The longest a circuit stays open, even when Retry-After asks for more, ms. */
  maxOpenMs: number;
  /** A half-open probe that never reports frees its claim after this long, ms. */
  probeTimeoutMs: number;
  /** How many recent successful outcomes the moving medians are taken over. */
  latencySamples: number;
  /** Medians are reported only once this many samples exist. */
  minLatencySamples: number;
  /** Deployment keys tracked at most; the least recently used one is forgotten beyond this. */
  maxKeys: number;
  /** How long a rate-limited (429) deployment cools down when the provider sent no Retry-After, ms. */
  coolMs: number;
  /** The longest a deployment cools down, even when Retry-After asks for more, ms. */
  maxCoolMs: number;
  /** When every deployment of a request is paused, try the one back soonest rather than refuse (Envoy's panic rule). */
  panic: boolean;
}

export const DEFAULT_HEALTH_OPTIONS: Readonly<HealthOptions> = Object.freeze({
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

const COUNTS = [
  'failureThreshold',
  'windowSize',
  'minRequests',
  'latencySamples',
  'minLatencySamples',
  'maxKeys',
] as const;
const DURATIONS = ['openMs', 'maxOpenMs', 'probeTimeoutMs', 'coolMs', 'maxCoolMs'] as const;

/** Defaults filled in (fields given as undefined keep the default), checked, frozen. Throws RangeError. */
export function resolveHealthOptions(options: Partial<HealthOptions> = {}): Readonly<HealthOptions> {
  const out: HealthOptions = { ...DEFAULT_HEALTH_OPTIONS };
  for (const key of Object.keys(out) as Array<keyof HealthOptions>) {
    const value = options[key];
    if (value !== undefined) (out as unknown as Record<string, unknown>)[key] = value;
  }
  const fail = (msg: string): never => {
    throw new RangeError(`health options: ${msg}`);
  };
  for (const k of COUNTS) if (!Number.isSafeInteger(out[k]) || out[k] < 1) fail(`${k} must be an integer ≥ 1`);
  for (const k of DURATIONS) if (!Number.isFinite(out[k]) || out[k] <= 0) fail(`${k} must be a positive number`);
  const rate = out.errorRateThreshold;
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) fail('errorRateThreshold must be between 0 and 1');
  if (out.minRequests > out.windowSize) fail('minRequests must not exceed windowSize');
  if (out.minLatencySamples > out.latencySamples) fail('minLatencySamples must not exceed latencySamples');
  if (out.maxOpenMs < out.openMs) fail('maxOpenMs must not be less than openMs');
  if (out.maxCoolMs < out.coolMs) fail('maxCoolMs must not be less than coolMs');
  if (typeof out.panic !== 'boolean') fail('panic must be true or false');
  return Object.freeze(out);
}
