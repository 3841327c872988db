import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { presentedKey } from './presented-key.js';
import { GatewayError } from '../spec/gateway-error.js';
import { hashKey } from './issue-key.js';
import type { KeyStore, Principal } from './key-record.js';

const CACHE_MS = 2_000;

/**
 * Turns the key a client presents (`Authorization: Bearer <key>` or `x-api-key`) into a Principal: the
 * master key from the config, or a virtual key from the store, found by its hash and compared in constant
 * time. Keys are required as soon as a master key is configured or a virtual key has been issued (even if
 * it was revoked since). Answers are
 * remembered for two seconds, so a revocation takes effect within that time without a store read per
 * request: the request path awaits the store (which may be across the network) only on a cache miss. While
 * the store cannot be reached, a key seen before keeps its last answer; an unseen one gets 503. The answer
 * carries the budget the key's team shares, read with the key. A key past
 * its expiry is refused (401) from that moment, saying when it expired.
 */
export class Authenticator {
  private readonly masterHash: Buffer | undefined;
  private readonly cache = new Map<string, { principal: Principal | undefined; until: number }>();
  private required: { value: boolean; until: number } = { value: false, until: 0 };

  constructor(
    masterKey: string | undefined,
    private readonly keys: KeyStore | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.masterHash = masterKey ? Buffer.from(hashKey(masterKey), 'hex') : undefined;
  }

  /** Whether requests must carry a key at all. */
  async isRequired(): Promise<boolean> {
    const t = this.now();
    if (t >= this.required.until) {
      let value = this.masterHash !== undefined;
      if (!value && this.keys) {
        // any key ever issued, revoked ones too: revoking the last key must not open the gateway to everyone;
        // the store unreachable: keep the last answer (keys stay required once they were)
        value = await this.keys.issuedCount().then((n) => n > 0, () => this.required.value || this.required.until === 0);
      }
      this.required = { value, until: t + CACHE_MS };
    }
    return this.required.value;
  }

  /**
   * The caller. When no key is required, a virtual key a client sends is still honoured, and anything else
   * is ignored (SDKs insist on sending some key): the caller is anonymous. Throws 401 for a missing or
   * unknown key when keys are required.
   */
  async authenticate(headers: IncomingHttpHeaders): Promise<Principal | undefined> {
    const required = await this.isRequired();
    const presented = presentedKey(headers);
    if (!required) {
      // open, or keys were issued within the last moments (`required` is cached): a real virtual key is
      // still honoured, so its budget and limits hold from its first request; anything else is ignored
      if (!presented || !this.keys || !presented.startsWith('sy-')) return undefined;
      const principal = await this.cached(presented).catch(() => undefined);
      return principal && this.unexpired(principal);
    }
    if (!presented) throw new GatewayError('unauthorized', "Missing API key: send it as 'Authorization: Bearer <key>'.");
    const principal = await this.cached(presented);
    if (!principal) throw invalidKey();
    return this.unexpired(principal);
  }

  /** The principal, unless its key has expired (checked on every request: the cache may hold it longer). */
  private unexpired(principal: Principal): Principal {
    const expiresAt = principal.record?.expiresAt;
    if (expiresAt !== undefined && this.now() >= expiresAt) {
      throw new GatewayError('unauthorized', `This API key expired at ${new Date(expiresAt).toISOString()}; ask whoever issued it for a new key.`);
    }
    return principal;
  }

  /** The principal of a presented key, or undefined for none; remembered for two seconds. */
  private async cached(presented: string): Promise<Principal | undefined> {
    const t = this.now();
    const cached = this.cache.get(presented);
    if (cached && cached.until > t) return cached.principal;
    let principal: Principal | undefined;
    try {
      principal = await this.lookup(presented);
    } catch {
      if (!cached) throw new GatewayError('store_unavailable', 'The key store is unavailable, so this key cannot be checked; retry shortly.');
      principal = cached.principal;
    }
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(presented, { principal, until: t + CACHE_MS });
    return principal;
  }

  private async lookup(presented: string): Promise<Principal | undefined> {
    const hash = hashKey(presented);
    const digest = Buffer.from(hash, 'hex');
    if (this.masterHash && timingSafeEqual(digest, this.masterHash)) return { master: true };
    const record = await this.keys?.findByHash(hash);
    if (!record || record.revokedAt !== undefined) return undefined;
    if (!timingSafeEqual(digest, Buffer.from(record.hash, 'hex'))) return undefined;
    const { hash: _stored, ...rest } = record;
    // the team's shared budget rides with the key's answer: a change takes effect within the same two seconds
    const teamBudget = await this.keys?.teamBudget(record.team);
    return { master: false, keyId: record.id, team: record.team, record: rest, ...(teamBudget && { teamBudget }) };
  }
}

function invalidKey(): GatewayError {
  return new GatewayError('unauthorized', 'Invalid or revoked API key.');
}
