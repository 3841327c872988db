import { ERROR_CODES, GatewayError, type GatewayErrorCode } from '../spec/gateway-error.js';
import { isPaused } from './check-deployment.js';
import type { DeploymentHealth } from './health/deployment-health.js';
import type { Exclusion } from './plan-route.js';

/**
 * The answer when health paused every deployment a request could use and none was tried (the panic rule is
 * off): never a blind 503, but the last real upstream failure of the deployment back soonest (its status
 * class, its message, its Retry-After), and why each deployment is paused and until when.
 */
export function pausedError(model: string, excluded: readonly Exclusion[], health: DeploymentHealth, now: number): GatewayError | undefined {
  const paused = excluded.filter((e) => isPaused(e.reason));
  if (paused.length === 0) return undefined;
  const views = paused.map((e) => {
    const snap = health.snapshot(`${e.providerId}/${e.model}`);
    const until = e.reason === 'cooling' ? snap.coolingUntil : snap.openUntil;
    return { e, until: until ?? now, last: snap.lastError };
  });
  views.sort((a, b) => a.until - b.until);
  const soonest = views[0]!;
  const why = views
    .map(({ e, until, last }) => {
      const state = e.reason === 'cooling' ? 'rate limited, cooling down' : 'circuit open after repeated failures';
      const lastText = last ? `; last error: ${last.message}` : '';
      return `${e.providerId}/${e.model}: ${state} for ${Math.max(0, Math.ceil((until - now) / 1000))} s more${lastText}`;
    })
    .join('; ');
  const code = soonest.last && soonest.last.code in ERROR_CODES ? (soonest.last.code as GatewayErrorCode) : 'upstream_unavailable';
  const retryAfterSeconds = Math.max(1, Math.ceil((soonest.until - now) / 1000));
  const e = paused[0]!;
  return new GatewayError(code, `Every deployment of model '${model}' is paused and none was tried (health.panic is off): ${why}.`, {
    provider: e.providerId,
    retryAfterSeconds,
    ...(soonest.last?.status !== undefined && { upstreamStatus: soonest.last.status }),
  });
}
