import { GatewayError } from '../../spec/gateway-error.js';
import { asNumber, asObject } from '../toolkit/json-shapes.js';
import { mapUpstreamError } from '../toolkit/map-upstream-error.js';

/**
 * An `error` object a provider sent inside a 200 answer (a stream chunk, or a whole JSON body) as the
 * GatewayError its HTTP status would have been: a numeric `code` or `status` is taken as that status.
 */
export function mapInBandError(providerId: string, error: unknown, secrets: readonly string[]): GatewayError {
  const obj = asObject(error);
  const status = asNumber(obj?.code) ?? asNumber(obj?.status) ?? 502;
  return mapUpstreamError({
    providerId,
    status: status >= 400 && status < 600 ? status : 502,
    headers: {},
    bodyText: JSON.stringify({ error }),
    secrets,
  });
}

/** A finish reason of `error` (OpenRouter and others) with no error object beside it. */
export function finishedWithError(providerId: string): GatewayError {
  return new GatewayError('upstream_error', `Provider '${providerId}' ended the answer with an error.`, {
    provider: providerId,
  });
}
