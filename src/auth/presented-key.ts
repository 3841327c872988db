import type { IncomingHttpHeaders } from 'node:http';

/** The key a client presents: `Authorization: Bearer <key>`, or `x-api-key` as Anthropic clients send it. */
export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization;
  if (auth) {
    return auth.length > 7 && auth.slice(0, 7).toLowerCase() === 'bearer ' ? auth.slice(7).trim() : undefined;
  }
  const key = headers['x-api-key'];
  return Array.isArray(key) ? key[0] : key;
}
