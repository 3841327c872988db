import { GatewayError } from '../../spec/gateway-error.js';
import { asArray, asObject, asString } from '../toolkit/json-shapes.js';
import { cleanMessage, mapUpstreamError, type UpstreamFailure } from '../toolkit/map-upstream-error.js';

/**
 * A Gemini error answer (`{"error":{"code","message","status","details"}}`, sometimes wrapped in an array)
 * as a GatewayError. On top of the shared status mapping: Gemini answers a bad API key with HTTP 400
 * (`API_KEY_INVALID`), which is the gateway's credentials failing, not the client's request; and it states
 * how long to back off in a `google.rpc.RetryInfo` detail rather than a Retry-After header.
 */
export function mapGeminiError(failure: UpstreamFailure): GatewayError {
  const base = mapUpstreamError(failure);
  const error = findErrorObject(failure.bodyText);
  const details = asArray(error?.details).map(asObject);
  const retryAfterSeconds = base.retryAfterSeconds ?? readRetryDelay(details);
  const keyRejected =
    base.code !== 'upstream_auth_failed' &&
    (details.some((d) => d?.reason === 'API_KEY_INVALID') || /API key not valid/i.test(asString(error?.message) ?? ''));
  if (!keyRejected && retryAfterSeconds === base.retryAfterSeconds) return base;
  const detail = cleanMessage(failure);
  const message = keyRejected
    ? `Provider '${failure.providerId}' rejected the gateway's credentials (HTTP ${failure.status})` + (detail ? `: ${detail}` : '.')
    : base.message;
  return new GatewayError(keyRejected ? 'upstream_auth_failed' : base.code, message, {
    provider: failure.providerId,
    upstreamStatus: failure.status,
    retryAfterSeconds,
  });
}

function findErrorObject(bodyText: string): Record<string, unknown> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  const body = Array.isArray(parsed) ? parsed[0] : parsed;
  return asObject(asObject(body)?.error);
}

/** `retryDelay` of a RetryInfo detail (a protobuf Duration such as "34.4s"), rounded up to whole seconds. */
function readRetryDelay(details: Array<Record<string, unknown> | undefined>): number | undefined {
  for (const d of details) {
    if (!asString(d?.['@type'])?.endsWith('google.rpc.RetryInfo')) continue;
    const match = /^(\d+(?:\.\d+)?)s$/.exec(asString(d?.retryDelay) ?? '');
    if (match) return Math.ceil(Number(match[1]));
  }
  return undefined;
}
