import type { GatewayError } from '../../spec/gateway-error.js';
import { asNumber, asObject } from './json-shapes.js';
import { mapUpstreamError, type UpstreamFailure } from './map-upstream-error.js';

/**
 * An `error` object a provider sent inside a 200 answer (a stream chunk, or a whole JSON body) as the
 * GatewayError its HTTP status would have been: a numeric `code` or `status` is taken as that status.
 * `mapError` is the provider's own reading of error answers, the shared one by default.
 */
export function mapInBandError(
  providerId: string,
  error: unknown,
  secrets: readonly string[],
  mapError: (failure: UpstreamFailure) => GatewayError = mapUpstreamError,
): GatewayError {
  const obj = asObject(error);
  const status = asNumber(obj?.code) ?? asNumber(obj?.status) ?? 502;
  return mapError({
    providerId,
    status: status >= 400 && status < 600 ? status : 502,
    headers: {},
    bodyText: JSON.stringify({ error }),
    secrets,
  });
}
