import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { KeyRecord, KeyStore, NewKey } from './key-record.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** SHA-256 of a key, hex: what the store keeps. A key has 190 bits of entropy, so no salt is needed. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * Create a virtual key: `sy-` and 32 random base-62 characters. The key is returned once, here; the store
 * keeps only its hash and its first characters.
 */
export async function issueKey(store: KeyStore, input: NewKey, now = Date.now()): Promise<{ key: string; record: KeyRecord }> {
  const bytes = randomBytes(32);
  let body = '';
  for (const b of bytes) body += ALPHABET[b % 62];
  const key = `sy-${body}`;
  const record = await store.create(input, hashKey(key), key.slice(0, 10), randomUUID(), now);
  return { key, record };
}
