import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { KeyRecord, KeyStore, NewKey } from './key-record.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** SHA-256 of a key, hex: what the store keeps. A key has 190 bits of entropy, so no salt is needed. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A fresh secret: `sy-` and 32 random base-62 characters. */
function newSecret(): string {
  const bytes = randomBytes(32);
  let body = '';
  for (const b of bytes) body += ALPHABET[b % 62];
  return `sy-${body}`;
}

/**
 * Create a virtual key. The key is returned once, here; the store keeps only its hash and its first
 * characters.
 */
export async function issueKey(store: KeyStore, input: NewKey, now = Date.now()): Promise<{ key: string; record: KeyRecord }> {
  const key = newSecret();
  const record = await store.create(input, hashKey(key), key.slice(0, 10), randomUUID(), now);
  return { key, record };
}

/**
 * Give an unrevoked key a new secret, returned once, here: the key keeps its id, team, budget, limits and
 * spend; the old secret stops working (within the two seconds gateways remember an answer). Undefined when
 * no unrevoked key has the id.
 */
export async function rotateKey(store: KeyStore, id: string): Promise<{ key: string; record: KeyRecord } | undefined> {
  const key = newSecret();
  const record = await store.replaceSecret(id, hashKey(key), key.slice(0, 10));
  return record && { key, record };
}
