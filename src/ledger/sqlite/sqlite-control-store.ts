import type Database from 'better-sqlite3';
import { killTargetText, type AuditEntry, type ControlStore, type KillSwitch, type KillTarget } from '../../routing/policies/kill-switch.js';
import { auditEntryOf, killSwitchOf, type AuditRow, type KillRow } from '../control-rows.js';


/**
 * Kill switches and their audit log in the embedded store. Every change bumps a version number in the same
 * transaction, so another process on the same file sees it with one cheap read.
 */
export class SqliteControlStore implements ControlStore {
  private readonly versionQuery: Database.Statement<[], { version: number }>;

  constructor(private readonly db: Database.Database) {
    this.versionQuery = db.prepare('SELECT version FROM control_version WHERE id = 1');
  }

  async listKills(): Promise<KillSwitch[]> {
    const rows = this.db.prepare('SELECT * FROM kill_switches ORDER BY created_at, kind, value').all() as KillRow[];
    return rows.map(killSwitchOf);
  }

  async kill(target: KillTarget, actor: string, reason: string | undefined, now: number): Promise<KillSwitch> {
    return this.db.transaction(() => {
      this.db
        .prepare('INSERT OR IGNORE INTO kill_switches (kind, value, reason, actor, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(target.kind, target.value, reason ?? null, actor, now);
      this.note(now, actor, 'kill', target, reason);
      return killSwitchOf(this.db.prepare('SELECT * FROM kill_switches WHERE kind = ? AND value = ?').get(target.kind, target.value) as KillRow);
    })();
  }

  async unkill(target: KillTarget, actor: string, reason: string | undefined, now: number): Promise<KillSwitch | undefined> {
    return this.db.transaction(() => {
      const row = this.db.prepare('SELECT * FROM kill_switches WHERE kind = ? AND value = ?').get(target.kind, target.value) as KillRow | undefined;
      if (!row) return undefined;
      this.db.prepare('DELETE FROM kill_switches WHERE kind = ? AND value = ?').run(target.kind, target.value);
      this.note(now, actor, 'unkill', target, reason);
      return killSwitchOf(row);
    })();
  }

  async audit(limit: number): Promise<AuditEntry[]> {
    return (this.db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(limit) as AuditRow[]).map(auditEntryOf);
  }

  async version(): Promise<number> {
    return this.versionQuery.get()!.version;
  }

  private note(now: number, actor: string, action: 'kill' | 'unkill', target: KillTarget, reason: string | undefined): void {
    this.db
      .prepare('INSERT INTO audit_log (ts, actor, action, target, reason) VALUES (?, ?, ?, ?, ?)')
      .run(now, actor, action, killTargetText(target), reason ?? null);
    this.db.prepare('UPDATE control_version SET version = version + 1 WHERE id = 1').run();
  }
}
