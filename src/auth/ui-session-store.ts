/**
 * Where signed-out dashboard sessions are remembered until they would have expired anyway, so that every
 * gateway process sharing the store refuses them. Sessions themselves are not stored (see ui-session.ts).
 */
export interface UiSessionStore {
  /** Remember a session as revoked until `expiresAt`; rows already past their expiry are pruned. */
  revoke(id: string, expiresAt: number, now: number): Promise<void>;
  isRevoked(id: string): Promise<boolean>;
}
