import type Database from 'better-sqlite3';
import type { UiSessionStore } from '../../auth/ui-session-store.js';

/** Revoked dashboard sessions in the embedded store (every process on the same file sees them). */
export class SqliteUiSessionStore implements UiSessionStore {
  private readonly insert: Database.Statement<[string, number]>;
  private readonly prune: Database.Statement<[number]>;
  private readonly find: Database.Statement<[string], { id: string }>;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT OR IGNORE INTO ui_session_revocations (id, expires_at) VALUES (?, ?)');
    this.prune = db.prepare('DELETE FROM ui_session_revocations WHERE expires_at < ?');
    this.find = db.prepare('SELECT id FROM ui_session_revocations WHERE id = ?');
  }

  async revoke(id: string, expiresAt: number, now: number): Promise<void> {
    this.prune.run(now);
    this.insert.run(id, expiresAt);
  }

  async isRevoked(id: string): Promise<boolean> {
    return this.find.get(id) !== undefined;
  }
}
