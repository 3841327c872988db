/**
 * The one error type. Its code is stable and closed; HTTP status and whether a retry may help are
 * decided here, where the code is defined, not by whoever happens to catch it.
 */
export type GatewayErrorCode =
  | 'invalid_request'
  | 'invalid_json'
  | 'unsupported_parameter'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'request_timeout'
  | 'headers_too_large'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'model_not_found'
  | 'method_not_allowed'
  | 'rate_limited'
  | 'too_many_concurrent'
  | 'overloaded'
  | 'budget_exceeded'
  | 'price_unknown'
  | 'model_not_allowed'
  | 'policy_denied'
  | 'upstream_bad_request'
  | 'upstream_auth_failed'
  | 'upstream_not_found'
  | 'upstream_rate_limited'
  | 'upstream_error'
  | 'upstream_unavailable'
  | 'upstream_timeout'
  | 'upstream_connection_failed'
  | 'upstream_invalid_response'
  | 'stream_interrupted'
  | 'shutting_down'
  | 'store_unavailable'
  | 'client_closed'
  | 'internal_error';

interface CodeInfo {
  status: number;
  /** The OpenAI error `type` this code is reported under. */
  type: string;
  /** Whether trying again (or another deployment) may succeed. */
  retryable: boolean;
}

export const ERROR_CODES: Readonly<Record<GatewayErrorCode, CodeInfo>> = Object.freeze({
  invalid_request: { status: 400, type: 'invalid_request_error', retryable: false },
  invalid_json: { status: 400, type: 'invalid_request_error', retryable: false },
  unsupported_parameter: { status: 400, type: 'invalid_request_error', retryable: false },
  unsupported_media_type: { status: 415, type: 'invalid_request_error', retryable: false },
  payload_too_large: { status: 413, type: 'invalid_request_error', retryable: false },
  request_timeout: { status: 408, type: 'invalid_request_error', retryable: true },
  headers_too_large: { status: 431, type: 'invalid_request_error', retryable: false },
  unauthorized: { status: 401, type: 'authentication_error', retryable: false },
  forbidden: { status: 403, type: 'permission_error', retryable: false },
  not_found: { status: 404, type: 'invalid_request_error', retryable: false },
  model_not_found: { status: 404, type: 'invalid_request_error', retryable: false },
  method_not_allowed: { status: 405, type: 'invalid_request_error', retryable: false },
  rate_limited: { status: 429, type: 'rate_limit_error', retryable: true },
  too_many_concurrent: { status: 429, type: 'rate_limit_error', retryable: true },
  // the gateway itself is short of a resource (memory for request bodies): retry shortly
  overloaded: { status: 503, type: 'server_error', retryable: true },
  budget_exceeded: { status: 429, type: 'insufficient_quota', retryable: false },
  // a key with a budget and a deployment whose cost cannot be known: refused rather than spent unmetered
  price_unknown: { status: 403, type: 'permission_error', retryable: false },
  model_not_allowed: { status: 403, type: 'permission_error', retryable: false },
  policy_denied: { status: 403, type: 'permission_error', retryable: false },
  upstream_bad_request: { status: 400, type: 'invalid_request_error', retryable: false },
  upstream_auth_failed: { status: 502, type: 'upstream_error', retryable: true },
  upstream_not_found: { status: 404, type: 'invalid_request_error', retryable: true },
  upstream_rate_limited: { status: 429, type: 'rate_limit_error', retryable: true },
  upstream_error: { status: 502, type: 'upstream_error', retryable: true },
  upstream_unavailable: { status: 503, type: 'upstream_error', retryable: true },
  upstream_timeout: { status: 504, type: 'upstream_error', retryable: true },
  upstream_connection_failed: { status: 502, type: 'upstream_error', retryable: true },
  upstream_invalid_response: { status: 502, type: 'upstream_error', retryable: true },
  stream_interrupted: { status: 502, type: 'upstream_error', retryable: false },
  shutting_down: { status: 503, type: 'server_error', retryable: true },
  store_unavailable: { status: 503, type: 'server_error', retryable: true },
  // nginx's 499: nobody reads the answer, but logs and metrics tell a cancel from a failure
  client_closed: { status: 499, type: 'invalid_request_error', retryable: false },
  internal_error: { status: 500, type: 'server_error', retryable: false },
});

export interface GatewayErrorOptions {
  /** The request field the error is about, in the caller's wire naming (`messages[0].content`). */
  param?: string;
  /** The provider id the error came from. */
  provider?: string;
  /** The upstream HTTP status, when the error came from a provider's answer. */
  upstreamStatus?: number;
  /** Seconds the provider asked us to wait (Retry-After). */
  retryAfterSeconds?: number;
  /** Overrides the code's default retryability (e.g. an upstream 404 for a model the deployment lacks). */
  retryable?: boolean;
  /** Every failed attempt in order, when the error ends a failover. */
  attempts?: readonly FailedAttempt[];
  /** The policy rules and kill switches that left nothing to serve the request (`policy_denied`). */
  rules?: readonly string[];
  cause?: unknown;
}

/** One deployment that was tried and failed. */
export interface FailedAttempt {
  provider: string;
  model: string;
  code: GatewayErrorCode;
  message: string;
}

export class GatewayError extends Error {
  readonly code: GatewayErrorCode;
  readonly status: number;
  readonly type: string;
  readonly retryable: boolean;
  readonly param: string | undefined;
  readonly provider: string | undefined;
  readonly upstreamStatus: number | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly attempts: readonly FailedAttempt[] | undefined;
  readonly rules: readonly string[] | undefined;

  constructor(code: GatewayErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const info = ERROR_CODES[code];
    this.name = 'GatewayError';
    this.code = code;
    this.status = info.status;
    this.type = info.type;
    this.retryable = options.retryable ?? info.retryable;
    this.param = options.param;
    this.provider = options.provider;
    this.upstreamStatus = options.upstreamStatus;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.attempts = options.attempts;
    this.rules = options.rules;
  }

  /** The same error, carrying the list of attempts that led to it. */
  withAttempts(attempts: readonly FailedAttempt[]): GatewayError {
    return new GatewayError(this.code, this.message, {
      param: this.param,
      provider: this.provider,
      upstreamStatus: this.upstreamStatus,
      retryAfterSeconds: this.retryAfterSeconds,
      retryable: this.retryable,
      attempts,
      ...(this.rules && { rules: this.rules }),
      cause: this.cause,
    });
  }
}

export function isGatewayError(value: unknown): value is GatewayError {
  return value instanceof GatewayError;
}

/**
 * Any thrown value as a GatewayError. Stack exhaustion comes from input nested too deeply for the code
 * that walks it, so it is the request's fault; other unknown failures become internal errors with a
 * generic message (the cause is kept for the log, never sent).
 */
export function toGatewayError(value: unknown): GatewayError {
  if (value instanceof GatewayError) return value;
  if (value instanceof RangeError && /call stack/i.test(value.message)) {
    return new GatewayError('invalid_request', 'The request is nested too deeply.', { cause: value });
  }
  return new GatewayError('internal_error', 'The gateway failed to handle this request.', { cause: value });
}
