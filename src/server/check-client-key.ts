import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { GatewayError } from '../spec/gateway-error.js';

/**
 * Check the key a client presents (`Authorization: Bearer <key>`, or `x-api-key` as Anthropic clients send
 * it) against the configured one. Digests are compared in constant time, so the comparison leaks nothing.
 */
export function checkClientKey(headers: IncomingHttpHeaders, expected: string): void {
  const presented = presentedKey(headers);
  if (!presented) {
    throw new GatewayError('unauthorized', "Missing API key: send it as 'Authorization: Bearer <key>'.");
  }
  if (!timingSafeEqual(digest(presented), digest(expected))) {
    throw new GatewayError('unauthorized', 'Invalid API key.');
  }
}

function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization;
  if (auth) {
    const match = /^Bearer\s+(.+)$/i.exec(auth.trim());
    return match?.[1];
  }
  const key = headers['x-api-key'];
  return Array.isArray(key) ? key[0] : key;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
