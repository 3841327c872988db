import type Database from 'better-sqlite3';
import { killTargetText, type AuditEntry, type ControlStore, type KillSwitch, type KillTarget, type KillTargetKind } from '../../routing/policies/kill-switch.js';

interface KillRow {
  kind: string;
  value: string;
  reason: string | null;
  actor: string;
  created_at: number;
}

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
    return rows.map(toSwitch);
  }

  async kill(target: KillTarget, actor: string, reason: string | undefined, now: number): Promise<KillSwitch> {
    return this.db.transaction(() => {
      this.db
        .prepare('INSERT OR IGNORE INTO kill_switches (kind, value, reason, actor, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(target.kind, target.value, reason ?? null, actor, now);
      this.note(now, actor, 'kill', target, reason);
      return toSwitch(this.db.prepare('SELECT * FROM kill_switches WHERE kind = ? AND value = ?').get(target.kind, target.value) as KillRow);
    })();
  }

  async unkill(target: KillTarget, actor: string, reason: string | undefined, now: number): Promise<KillSwitch | undefined> {
    return this.db.transaction(() => {
      const row = this.db.prepare('SELECT * FROM kill_switches WHERE kind = ? AND value = ?').get(target.kind, target.value) as KillRow | undefined;
      if (!row) return undefined;
      this.db.prepare('DELETE FROM kill_switches WHERE kind = ? AND value = ?').run(target.kind, target.value);
      this.note(now, actor, 'unkill', target, reason);
      return toSwitch(row);
    })();
  }

  async audit(limit: number): Promise<AuditEntry[]> {
    const rows = this.db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(limit) as Array<{
      id: number;
      ts: number;
      actor: string;
      action: 'kill' | 'unkill';
      target: string;
      reason: string | null;
    }>;
    return rows.map((r) => ({ id: r.id, ts: r.ts, actor: r.actor, action: r.action, target: r.target, ...(r.reason !== null && { reason: r.reason }) }));
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

function toSwitch(r: KillRow): KillSwitch {
  return {
    target: { kind: r.kind as KillTargetKind, value: r.value },
    ...(r.reason !== null && { reason: r.reason }),
    actor: r.actor,
    createdAt: r.created_at,
  };
}
