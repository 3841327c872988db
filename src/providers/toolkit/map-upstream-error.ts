import { GatewayError, type GatewayErrorCode } from '../../spec/gateway-error.js';
import { redactSecrets } from './redact-secrets.js';

export interface UpstreamFailure {
  providerId: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bodyText: string;
  /** The provider's credentials: removed from any message that echoes them. */
  secrets: readonly string[];
}

/**
 * An error answer from a provider as a GatewayError. The provider's own message is kept (minus any
 * credentials) and the status tells the client whether retrying may help: the provider's request errors
 * stay 4xx, its outages become 502/503/504, and a rejection of the gateway's own credentials is a 502
 * (the client cannot fix it).
 */
export function mapUpstreamError(failure: UpstreamFailure): GatewayError {
  const { providerId, status } = failure;
  const code = codeForStatus(status);
  const cleaned = cleanMessage(failure);
  const prefix =
    code === 'upstream_auth_failed'
      ? `Provider '${providerId}' rejected the gateway's credentials (HTTP ${status})`
      : `Provider '${providerId}' returned HTTP ${status}`;
  const message = cleaned ? `${prefix}: ${cleaned}` : `${prefix}.`;
  return new GatewayError(code, message, {
    provider: providerId,
    upstreamStatus: status,
    retryAfterSeconds: parseRetryAfter(failure.headers['retry-after']),
  });
}

function codeForStatus(status: number): GatewayErrorCode {
  if (status === 401 || status === 403) return 'upstream_auth_failed';
  if (status === 404) return 'upstream_not_found';
  if (status === 408) return 'upstream_timeout';
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'upstream_rate_limited';
  if (status === 503 || status === 529) return 'upstream_unavailable';
  if (status === 504) return 'upstream_timeout';
  if (status >= 400 && status < 500) return 'upstream_bad_request';
  return 'upstream_error';
}

/**
 * The provider's message without its credentials, at most 2,000 characters. The body is redacted before
 * anything is cut from it (a cut could split a key so that its start no longer matches), and the message
 * again after JSON unescaping.
 */
export function cleanMessage(failure: Pick<UpstreamFailure, 'bodyText' | 'secrets'>): string | undefined {
  const detail = extractMessage(redactSecrets(failure.bodyText, failure.secrets));
  return detail ? redactSecrets(detail, failure.secrets).slice(0, 2000) : undefined;
}

/** The human message inside a provider's error body, whatever shape the provider uses. */
export function extractMessage(bodyText: string): string | undefined {
  const trimmed = bodyText.trim();
  if (trimmed === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return trimmed.length > 500 ? `${trimmed.slice(0, 500)}…` : trimmed;
  }
  return findMessage(parsed, 0);
}

function findMessage(value: unknown, depth: number): string | undefined {
  if (depth > 4 || value == null) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return findMessage(value[0], depth + 1);
  if (typeof value !== 'object') return undefined;
  const obj = value as Record<string, unknown>;
  for (const key of ['message', 'error', 'detail', 'msg', 'error_msg']) {
    const found = findMessage(obj[key], depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Retry-After in seconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
