import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { GatewayError } from '../spec/gateway-error.js';
import { presentedKey } from './presented-key.js';

/**
 * A comparison of presented keys with one fixed key (the admin key). SHA-256 digests are compared in
 * constant time, so the comparison leaks neither the key nor its length; the configured key's digest is
 * computed once.
 */
export function createKeyMatcher(expected: string): (presented: string) => boolean {
  const expectedDigest = digest(expected);
  return (presented) => timingSafeEqual(digest(presented), expectedDigest);
}

/**
 * A check of a presented key against one fixed key (the admin key), from the request's headers; throws
 * 401 for a missing or wrong key.
 */
export function createKeyChecker(expected: string): (headers: IncomingHttpHeaders) => void {
  const matches = createKeyMatcher(expected);
  // Clients send the same key on every request: the verdict is remembered (a bounded set of keys seen
  // to be right) so the hash is computed once per key, not once per request.
  const accepted = new Set<string>();
  return (headers) => {
    const presented = presentedKey(headers);
    if (!presented) {
      throw new GatewayError('unauthorized', "Missing API key: send it as 'Authorization: Bearer <key>'.");
    }
    if (accepted.has(presented)) return;
    if (!matches(presented)) {
      throw new GatewayError('unauthorized', 'Invalid API key.');
    }
    if (accepted.size < 64) accepted.add(presented);
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
