import { GatewayError, type GatewayErrorCode } from '../spec/gateway-error.js';
import { isPaused } from './check-deployment.js';
import type { DeploymentHealth, LastError } from './health/deployment-health.js';
import { healthEffect } from './health/health-effect.js';
import type { Exclusion } from './plan-route.js';

/**
 * The answer when health paused every deployment a request could use and none was tried (the panic rule is
 * off): never a blind 503, but the status class of what paused the deployment back soonest (429 for a
 * rate limit, the provider's own outage status for an open circuit), its last real failure's message, a
 * Retry-After until it takes requests again, and why each deployment is paused and until when.
 */
export function pausedError(model: string, excluded: readonly Exclusion[], health: DeploymentHealth, now: number): GatewayError | undefined {
  const paused = excluded.filter((e) => isPaused(e.reason));
  if (paused.length === 0) return undefined;
  const views = paused.map((e) => {
    const snap = health.snapshot(`${e.providerId}/${e.model}`);
    const cooling = e.reason === 'cooling';
    const until = (cooling ? snap.coolingUntil : snap.openUntil) ?? now;
    // the last error explains the pause only when it is of the kind that caused it
    const last = snap.lastError && causedPause(snap.lastError, cooling) ? snap.lastError : undefined;
    return { e, cooling, until, last };
  });
  views.sort((a, b) => a.until - b.until);
  const soonest = views[0]!;
  const why = views
    .map(({ e, cooling, until, last }) => {
      const state = cooling ? 'rate limited, cooling down' : 'circuit open after repeated failures';
      return `${e.providerId}/${e.model}: ${state} for ${Math.max(0, Math.ceil((until - now) / 1000))} s more${last ? `; last error: ${last.message}` : ''}`;
    })
    .join('; ');
  const code = soonest.cooling ? 'upstream_rate_limited' : ((soonest.last?.code as GatewayErrorCode | undefined) ?? 'upstream_unavailable');
  return new GatewayError(code, `Every deployment of model '${model}' is paused and none was tried (health.panic is off): ${why}.`, {
    provider: soonest.e.providerId,
    retryable: true,
    retryAfterSeconds: Math.max(1, Math.ceil((soonest.until - now) / 1000)),
    ...(soonest.last?.status !== undefined && { upstreamStatus: soonest.last.status }),
  });
}

function causedPause(last: LastError, cooling: boolean): boolean {
  const effect = healthEffect(last);
  return cooling ? effect === 'rate_limited' : effect === 'failure';
}
