import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { GatewayError } from '../spec/gateway-error.js';
import type { UiSessionStore } from './ui-session-store.js';

/** How long a dashboard session lasts: 12 hours. */
export const UI_SESSION_TTL_MS = 12 * 3_600_000;

/** How long a "not revoked" answer from the store is trusted, as for key revocations. */
const REVOCATION_CACHE_MS = 2_000;

/** A session as its token carries it. */
export interface UiSession {
  /** 128 random bits, base64url: what a revocation names. */
  id: string;
  /** Unix ms. */
  expiresAt: number;
  /** The token the dashboard must echo in `x-switchyard-csrf` on anything but GET and HEAD. */
  csrf: string;
}

/** `<id>.<expiry in base 36>.<mac>`, the id and mac base64url. */
const TOKEN = /^([A-Za-z0-9_-]{22})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/;

/**
 * Dashboard sessions, stateless: a token is its id and expiry signed with HMAC-SHA-256 under a key derived
 * from the admin key, so every gateway process with the same admin key accepts it with no store read, and
 * changing the admin key ends every session. The CSRF token is derived from the session id the same way
 * (nothing to store; a page reload gets it back from `GET /ui/session`). Signing out writes the id to the
 * shared store's revocation list until the session would have expired; other processes see it within
 * two seconds, this one at once.
 */
export class UiSessions {
  private readonly key: Buffer;
  private readonly known = new Map<string, { revoked: boolean; until: number }>();

  constructor(
    adminKey: string,
    private readonly store: UiSessionStore,
    private readonly now: () => number = Date.now,
    readonly ttlMs: number = UI_SESSION_TTL_MS,
  ) {
    this.key = createHmac('sha256', adminKey).update('switchyard dashboard session v1').digest();
  }

  /** A new session and the token to put in its cookie. */
  issue(): { token: string; session: UiSession } {
    const id = randomBytes(16).toString('base64url');
    const expiresAt = this.now() + this.ttlMs;
    const body = `${id}.${expiresAt.toString(36)}`;
    return { token: `${body}.${this.mac(`token.${body}`)}`, session: { id, expiresAt, csrf: this.mac(`csrf.${id}`) } };
  }

  /**
   * The session a token stands for, or undefined when it is malformed, signed with another key (tampered, or
   * the admin key changed), expired or revoked. Throws 503 when the store cannot say whether it was revoked.
   */
  async verify(token: string | undefined): Promise<UiSession | undefined> {
    const m = token === undefined ? null : TOKEN.exec(token);
    if (!m) return undefined;
    const [, id, expiry, mac] = m as unknown as [string, string, string, string];
    if (!sameText(mac, this.mac(`token.${id}.${expiry}`))) return undefined;
    const expiresAt = parseInt(expiry, 36);
    if (!(expiresAt > this.now())) return undefined;
    if (await this.isRevoked(id)) return undefined;
    return { id, expiresAt, csrf: this.mac(`csrf.${id}`) };
  }

  /** Whether a presented CSRF token is the session's (constant time). */
  csrfMatches(session: UiSession, presented: string | undefined): boolean {
    return presented !== undefined && sameText(presented, session.csrf);
  }

  /** Sign the session out in every process sharing the store. */
  async revoke(session: UiSession): Promise<void> {
    await this.store.revoke(session.id, session.expiresAt, this.now());
    this.remember(session.id, true, session.expiresAt);
  }

  private async isRevoked(id: string): Promise<boolean> {
    const t = this.now();
    const cached = this.known.get(id);
    if (cached && cached.until > t) return cached.revoked;
    let revoked: boolean;
    try {
      revoked = await this.store.isRevoked(id);
    } catch {
      if (cached) return cached.revoked;
      throw new GatewayError('store_unavailable', 'The store is unavailable, so this dashboard session cannot be checked; retry shortly.');
    }
    this.remember(id, revoked, revoked ? Number.POSITIVE_INFINITY : t + REVOCATION_CACHE_MS);
    return revoked;
  }

  private remember(id: string, revoked: boolean, until: number): void {
    if (this.known.size > 10_000) this.known.clear();
    this.known.set(id, { revoked, until });
  }

  private mac(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('base64url');
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
