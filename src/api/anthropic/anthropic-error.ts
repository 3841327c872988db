import type { GatewayError, GatewayErrorCode } from '../../spec/gateway-error.js';

interface AnthropicErrorKind {
  type: string;
  status: number;
}

const INVALID = { type: 'invalid_request_error', status: 400 };
const PERMISSION = { type: 'permission_error', status: 403 };
const NOT_FOUND = { type: 'not_found_error', status: 404 };
const RATE_LIMIT = { type: 'rate_limit_error', status: 429 };
const API_ERROR = { type: 'api_error', status: 500 };
const OVERLOADED = { type: 'overloaded_error', status: 529 };

/**
 * Each gateway error code as the error type and status Anthropic's API answers for the same situation,
 * so Anthropic clients react as they would to Anthropic itself: 529 (retried by the SDKs) where capacity
 * is short, 429 for limits and budgets (a spent budget is Anthropic's spend limit: no `retry-after`), 500
 * for an upstream that failed.
 */
const BY_CODE: Readonly<Record<GatewayErrorCode, AnthropicErrorKind>> = {
  invalid_request: INVALID,
  invalid_json: INVALID,
  unsupported_parameter: INVALID,
  unsupported_media_type: INVALID,
  headers_too_large: INVALID,
  method_not_allowed: INVALID,
  upstream_bad_request: INVALID,
  client_closed: INVALID,
  payload_too_large: { type: 'request_too_large', status: 413 },
  request_timeout: { type: 'timeout_error', status: 408 },
  unauthorized: { type: 'authentication_error', status: 401 },
  forbidden: PERMISSION,
  price_unknown: PERMISSION,
  model_not_allowed: PERMISSION,
  policy_denied: PERMISSION,
  not_found: NOT_FOUND,
  model_not_found: NOT_FOUND,
  upstream_not_found: NOT_FOUND,
  rate_limited: RATE_LIMIT,
  too_many_concurrent: RATE_LIMIT,
  budget_exceeded: RATE_LIMIT,
  upstream_rate_limited: RATE_LIMIT,
  overloaded: OVERLOADED,
  upstream_unavailable: OVERLOADED,
  shutting_down: OVERLOADED,
  store_unavailable: OVERLOADED,
  upstream_timeout: { type: 'timeout_error', status: 504 },
  upstream_error: API_ERROR,
  upstream_auth_failed: API_ERROR,
  upstream_connection_failed: API_ERROR,
  upstream_invalid_response: API_ERROR,
  stream_interrupted: API_ERROR,
  internal_error: API_ERROR,
};

/** A GatewayError in Anthropic's shape and status. Its message is kept (credentials were removed where it was made). */
export function encodeAnthropicError(error: GatewayError): { status: number; body: { type: 'error'; error: { type: string; message: string } } } {
  const kind = BY_CODE[error.code] ?? API_ERROR;
  return { status: kind.status, body: { type: 'error', error: { type: kind.type, message: error.message } } };
}
