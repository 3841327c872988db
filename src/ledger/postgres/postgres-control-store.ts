import type pg from 'pg';
import { killTargetText, type AuditEntry, type ControlStore, type KillSwitch, type KillTarget } from '../../routing/policies/kill-switch.js';
import { inTransaction } from './in-transaction.js';
import { auditEntryOf, killSwitchOf, type AuditRow, type KillRow } from '../control-rows.js';



/**
 * Kill switches and their audit log in the shared store, so every gateway process obeys the same ones.
 * Each change and its audit entry commit together, and bump `control_version`, which processes poll.
 */
export class PostgresControlStore implements ControlStore {
  constructor(private readonly pool: pg.Pool) {}

  async listKills(): Promise<KillSwitch[]> {
    const { rows } = await this.pool.query<KillRow>('SELECT * FROM kill_switches ORDER BY created_at, kind, value');
    return rows.map(killSwitchOf);
  }

  async kill(target: KillTarget, actor: string, reason: string | undefined, now: number): Promise<KillSwitch> {
    return this.change(async (client) => {
      await client.query(
        `INSERT INTO kill_switches (kind, value, reason, actor, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (kind, value) DO NOTHING`,
        [target.kind, target.value, reason ?? null, actor, now],
      );
      await audit(client, now, actor, 'kill', target, reason);
      const { rows } = await client.query<KillRow>('SELECT * FROM kill_switches WHERE kind = $1 AND value = $2', [target.kind, target.value]);
      return killSwitchOf(rows[0]!);
    });
  }

  async unkill(target: KillTarget, actor: string, reason: string | undefined, now: number): Promise<KillSwitch | undefined> {
    return this.change(async (client) => {
      const { rows } = await client.query<KillRow>('DELETE FROM kill_switches WHERE kind = $1 AND value = $2 RETURNING *', [target.kind, target.value]);
      await audit(client, now, actor, 'unkill', target, reason);
      return rows[0] ? killSwitchOf(rows[0]) : undefined;
    });
  }

  async audit(limit: number): Promise<AuditEntry[]> {
    const { rows } = await this.pool.query<AuditRow>('SELECT * FROM audit_log ORDER BY id DESC LIMIT $1', [limit]);
    return rows.map(auditEntryOf);
  }

  async version(): Promise<number> {
    const { rows } = await this.pool.query<{ version: number }>({ name: 'control-version', text: 'SELECT version FROM control_version' });
    return rows[0]?.version ?? 0;
  }

  /** A change and its audit entry in one transaction that also bumps the version processes poll. */
  private change<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, async (client) => {
      const result = await work(client);
      await client.query('UPDATE control_version SET version = version + 1');
      return result;
    });
  }
}

async function audit(client: pg.PoolClient, ts: number, actor: string, action: AuditEntry['action'], target: KillTarget, reason: string | undefined): Promise<void> {
  await client.query('INSERT INTO audit_log (ts, actor, action, target, reason) VALUES ($1, $2, $3, $4, $5)', [
    ts,
    actor,
    action,
    killTargetText(target),
    reason ?? null,
  ]);
}
