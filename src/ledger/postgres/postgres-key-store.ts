import type pg from 'pg';
import type { KeyRecord, KeyStore, NewKey, TeamBudget } from '../../auth/key-record.js';
import { keyRecordOf, newKeyParams, NEW_KEY_COLUMNS, teamBudgetOf, type KeyRow, type TeamBudgetRow } from '../key-rows.js';

/** Virtual keys in the shared store: hashes only, as in the embedded one. */
export class PostgresKeyStore implements KeyStore {
  constructor(private readonly pool: pg.Pool) {}

  async create(input: NewKey, hash: string, prefix: string, id: string, now: number): Promise<KeyRecord> {
    const { rows } = await this.pool.query<KeyRow>(
      `INSERT INTO api_keys (${NEW_KEY_COLUMNS.join(', ')}) VALUES (${NEW_KEY_COLUMNS.map((_c, i) => `$${i + 1}`).join(', ')}) RETURNING *`,
      newKeyParams(input, hash, prefix, id, now),
    );
    return keyRecordOf(rows[0]!);
  }

  async list(): Promise<KeyRecord[]> {
    return (await this.pool.query<KeyRow>('SELECT * FROM api_keys ORDER BY created_at')).rows.map(keyRecordOf);
  }

  async revoke(idOrPrefix: string, now: number): Promise<KeyRecord | undefined> {
    const { rows } = await this.pool.query<KeyRow>(
      `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $2)
       WHERE id = (SELECT id FROM api_keys WHERE id = $1 OR prefix = $1 ORDER BY created_at LIMIT 1) RETURNING *`,
      [idOrPrefix, now],
    );
    return rows[0] ? keyRecordOf(rows[0]) : undefined;
  }

  async rename(id: string, name: string | undefined): Promise<KeyRecord | undefined> {
    const { rows } = await this.pool.query<KeyRow>('UPDATE api_keys SET name = $2 WHERE id = $1 RETURNING *', [id, name ?? null]);
    return rows[0] ? keyRecordOf(rows[0]) : undefined;
  }

  async replaceSecret(id: string, hash: string, prefix: string): Promise<KeyRecord | undefined> {
    const { rows } = await this.pool.query<KeyRow>('UPDATE api_keys SET hash = $2, prefix = $3 WHERE id = $1 AND revoked_at IS NULL RETURNING *', [
      id,
      hash,
      prefix,
    ]);
    return rows[0] ? keyRecordOf(rows[0]) : undefined;
  }

  async findByHash(hash: string): Promise<(KeyRecord & { hash: string }) | undefined> {
    const { rows } = await this.pool.query<KeyRow>({ name: 'key-by-hash', text: 'SELECT * FROM api_keys WHERE hash = $1', values: [hash] });
    return rows[0] ? { ...keyRecordOf(rows[0]), hash: rows[0].hash } : undefined;
  }

  async issuedCount(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>({ name: 'keys-issued', text: 'SELECT COUNT(*) AS n FROM api_keys' });
    return rows[0]?.n ?? 0;
  }

  async teamBudget(team: string): Promise<TeamBudget | undefined> {
    const { rows } = await this.pool.query<TeamBudgetRow>({ name: 'team-budget', text: 'SELECT * FROM team_budgets WHERE team = $1', values: [team] });
    return rows[0] && teamBudgetOf(rows[0]);
  }

  async teamBudgets(): Promise<TeamBudget[]> {
    return (await this.pool.query<TeamBudgetRow>('SELECT * FROM team_budgets ORDER BY team')).rows.map(teamBudgetOf);
  }

  async setTeamBudget(b: TeamBudget): Promise<TeamBudget> {
    await this.pool.query(
      `INSERT INTO team_budgets (team, budget_usd, budget_period, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (team) DO UPDATE SET budget_usd = EXCLUDED.budget_usd, budget_period = EXCLUDED.budget_period, updated_at = EXCLUDED.updated_at`,
      [b.team, b.budgetUsd, b.budgetPeriod, b.updatedAt],
    );
    return b;
  }

  async removeTeamBudget(team: string): Promise<boolean> {
    return ((await this.pool.query('DELETE FROM team_budgets WHERE team = $1', [team])).rowCount ?? 0) > 0;
  }
}
