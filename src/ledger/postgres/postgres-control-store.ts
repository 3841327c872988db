import type pg from 'pg';
import { killTargetText, type AuditEntry, type ControlStore, type KillSwitch, type KillTarget, type KillTargetKind } from '../../routing/policies/kill-switch.js';

interface KillRow {
  kind: string;
  value: string;
  reason: string | null;
  actor: string;
  created_at: number;
}

interface AuditRow {
  id: number;
  ts: number;
  actor: string;
  action: string;
  target: string;
  reason: string | null;
}

/**
 * Kill switches and their audit log in the shared store, so every gateway process obeys the same ones.
 * Each change and its audit entry commit together, and bump `control_version`, which processes poll.
 */
export class PostgresControlStore implements ControlStore {
  constructor(private readonly pool: pg.Pool) {}

  async listKills(): Promise<KillSwitch[]> {
    const { rows } = await this.pool.query<KillRow>('SELECT * FROM kill_switches ORDER BY created_at, kind, value');
    return rows.map(toKill);
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
      return toKill(rows[0]!);
    });
  }

  async unkill(target: KillTarget, actor: string, reason: string | undefined, now: number): Promise<KillSwitch | undefined> {
    return this.change(async (client) => {
      const { rows } = await client.query<KillRow>('DELETE FROM kill_switches WHERE kind = $1 AND value = $2 RETURNING *', [target.kind, target.value]);
      await audit(client, now, actor, 'unkill', target, reason);
      return rows[0] ? toKill(rows[0]) : undefined;
    });
  }

  async audit(limit: number): Promise<AuditEntry[]> {
    const { rows } = await this.pool.query<AuditRow>('SELECT * FROM audit_log ORDER BY id DESC LIMIT $1', [limit]);
    return rows.map((r) => ({
      id: r.id,
      ts: r.ts,
      actor: r.actor,
      action: r.action as AuditEntry['action'],
      target: r.target,
      ...(r.reason !== null && { reason: r.reason }),
    }));
  }

  async version(): Promise<number> {
    const { rows } = await this.pool.query<{ version: number }>({ name: 'control-version', text: 'SELECT version FROM control_version' });
    return rows[0]?.version ?? 0;
  }

  private async change<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('UPDATE control_version SET version = version + 1');
      await client.query('COMMIT');
      return result;
    } catch (err) {
      broken = err as Error;
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release(broken);
    }
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

function toKill(r: KillRow): KillSwitch {
  return {
    target: { kind: r.kind as KillTargetKind, value: r.value },
    ...(r.reason !== null && { reason: r.reason }),
    actor: r.actor,
    createdAt: r.created_at,
  };
}
