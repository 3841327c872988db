import type { GatewayError } from '../../spec/gateway-error.js';
import { asObject, asString } from '../toolkit/json-shapes.js';
import { mapUpstreamError } from '../toolkit/map-upstream-error.js';

/** The HTTP status Anthropic answers each error type with, so an in-stream error maps like a response would. */
const STATUS_BY_ERROR_TYPE: Readonly<Record<string, number>> = Object.freeze({
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
});

/**
 * An `error` event inside a stream (`{"type":"error","error":{"type":"overloaded_error",...}}`) as a
 * GatewayError: its type picks the status, so an overload is an unavailable upstream, not a bad request.
 */
export function mapAnthropicErrorEvent(providerId: string, event: Record<string, unknown>, secrets: readonly string[]): GatewayError {
  const type = asString(asObject(event.error)?.type);
  // own keys only: a type named `constructor` is unknown, not Object's constructor
  const status = (type !== undefined && Object.hasOwn(STATUS_BY_ERROR_TYPE, type) ? STATUS_BY_ERROR_TYPE[type] : undefined) ?? 502;
  return mapUpstreamError({ providerId, status, headers: {}, bodyText: JSON.stringify(event), secrets });
}
