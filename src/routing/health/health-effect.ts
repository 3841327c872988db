import type { HealthEffect } from './deployment-health.js';

const UNHEALTHY = new Set([
  'upstream_error',
  'upstream_unavailable',
  'upstream_timeout',
  'upstream_connection_failed',
  'upstream_invalid_response',
  'stream_interrupted',
]);

/**
 * What a failed attempt says about the deployment that made it. Only signs that the deployment is unwell
 * count against it: a request error the caller caused (400, 404, 413, 422, a content refusal) says nothing
 * of health; a 429 is the provider asking for a pause, not an outage; a 401/403 is the gateway's own
 * configuration (a bad or revoked provider key), which no amount of waiting mends.
 */
export function healthEffect(error: { code: string }): HealthEffect {
  if (error.code === 'upstream_rate_limited') return 'rate_limited';
  if (error.code === 'upstream_auth_failed') return 'misconfigured';
  return UNHEALTHY.has(error.code) ? 'failure' : 'none';
}

/**
 * Whether the same deployment is worth trying again for this request: a transient failure or a rate limit
 * may pass; a missing model, a refused key or a bad request will answer the same again.
 */
export function worthRetrying(error: { code: string }): boolean {
  const effect = healthEffect(error);
  return effect === 'failure' || effect === 'rate_limited';
}
