import type { ConfigFile } from './config-schema.js';
import { DEFAULT_LIMITS, type ServerLimits } from './gateway-config.js';

/** The `limits:` section over the defaults (docs/security.md lists each with the status it answers). */
export function resolveLimits(l: ConfigFile['limits']): ServerLimits {
  const d = DEFAULT_LIMITS;
  return {
    requestTimeoutMs: l?.request_timeout_ms ?? d.requestTimeoutMs,
    headersTimeoutMs: Math.min(l?.headers_timeout_ms ?? d.headersTimeoutMs, l?.request_timeout_ms ?? d.requestTimeoutMs),
    keepAliveTimeoutMs: l?.keep_alive_timeout_ms ?? d.keepAliveTimeoutMs,
    maxHeaderBytes: l?.max_header_bytes ?? d.maxHeaderBytes,
    maxConnections: l?.max_connections ?? d.maxConnections,
    maxConcurrentPerKey: l?.max_concurrent_per_key ?? d.maxConcurrentPerKey,
    maxBufferedBodyBytes: l?.max_buffered_body_bytes ?? d.maxBufferedBodyBytes,
    upstream: {
      maxBodyBytes: l?.max_upstream_body_bytes ?? d.upstream.maxBodyBytes,
      maxEventBytes: l?.max_upstream_event_bytes ?? d.upstream.maxEventBytes,
    },
    ...(l?.unknown_price && { unknownPrice: { ...l.unknown_price, source: 'config: limits.unknown_price', asOf: 'config' } }),
  };
}
