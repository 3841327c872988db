import type { DeploymentHealth, HealthSnapshot, LastError } from './deployment-health.js';

/** One deployment's state as `switchyard status`, GET /admin/health and /metrics show it. */
export type DeploymentState = 'closed' | 'open' | 'half-open' | 'cooling' | 'misconfigured';

export const DEPLOYMENT_STATES: readonly DeploymentState[] = ['closed', 'open', 'half-open', 'cooling', 'misconfigured'];

export interface DeploymentHealthView {
  deployment: string;
  /** The state that matters most now: misconfigured, then open / half-open, then cooling, else closed. */
  state: DeploymentState;
  circuit: HealthSnapshot['state'];
  open_until: number | null;
  cooling_until: number | null;
  misconfigured_since: number | null;
  last_error: LastError | null;
  error_rate: number | null;
  ttft_p50_ms: number | null;
  tokens_per_second: number | null;
}

/** Most deployments that are not in the config (`<provider>/<model>` a client named) shown, beside the configured ones. */
const MAX_UNCONFIGURED = 500;

/**
 * Every configured deployment, then those clients reached directly that have an outcome recorded (at most
 * MAX_UNCONFIGURED of them, since clients choose those names), each with its state.
 */
export function describeHealth(configured: readonly string[], health: DeploymentHealth, maxUnconfigured = MAX_UNCONFIGURED): DeploymentHealthView[] {
  const seen = new Set(configured);
  const extra = maxUnconfigured > 0 ? health.keys().filter((k) => !seen.has(k)).slice(-maxUnconfigured) : [];
  return [...configured, ...extra].map((deployment) => healthView(deployment, health.snapshot(deployment)));
}

export function healthView(deployment: string, s: HealthSnapshot): DeploymentHealthView {
  const state: DeploymentState =
    s.misconfiguredSince !== undefined ? 'misconfigured' : s.state !== 'closed' ? s.state : s.coolingUntil !== undefined ? 'cooling' : 'closed';
  return {
    deployment,
    state,
    circuit: s.state,
    open_until: s.openUntil ?? null,
    cooling_until: s.coolingUntil ?? null,
    misconfigured_since: s.misconfiguredSince ?? null,
    last_error: s.lastError ?? null,
    error_rate: s.errorRate ?? null,
    ttft_p50_ms: s.ttftP50Ms ?? null,
    tokens_per_second: s.tokensPerSecond ?? null,
  };
}
