import type pg from 'pg';
import type { UiSessionStore } from '../../auth/ui-session-store.js';

/** Revoked dashboard sessions in the shared store: every gateway process on it refuses them. */
export class PostgresUiSessionStore implements UiSessionStore {
  constructor(private readonly pool: pg.Pool) {}

  async revoke(id: string, expiresAt: number, now: number): Promise<void> {
    await this.pool.query({ name: 'ui-session-prune', text: 'DELETE FROM ui_session_revocations WHERE expires_at < $1', values: [now] });
    await this.pool.query({
      name: 'ui-session-revoke',
      text: 'INSERT INTO ui_session_revocations (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING',
      values: [id, expiresAt],
    });
  }

  async isRevoked(id: string): Promise<boolean> {
    const { rows } = await this.pool.query({ name: 'ui-session-find', text: 'SELECT id FROM ui_session_revocations WHERE id = $1', values: [id] });
    return rows.length > 0;
  }
}
