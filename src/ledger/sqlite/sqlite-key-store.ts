import type Database from 'better-sqlite3';
import type { KeyRecord, KeyStore, NewKey, TeamBudget } from '../../auth/key-record.js';
import { keyRecordOf, newKeyParams, NEW_KEY_COLUMNS, teamBudgetOf, type KeyRow, type TeamBudgetRow } from '../key-rows.js';

/** Virtual keys in the embedded store: hashes only. */
export class SqliteKeyStore implements KeyStore {
  private readonly byHash: Database.Statement<[string], KeyRow>;
  private readonly issued: Database.Statement<[], { n: number }>;

  constructor(private readonly db: Database.Database) {
    this.byHash = db.prepare('SELECT * FROM api_keys WHERE hash = ?');
    this.issued = db.prepare('SELECT COUNT(*) AS n FROM api_keys');
  }

  async create(input: NewKey, hash: string, prefix: string, id: string, now: number): Promise<KeyRecord> {
    this.db
      .prepare(`INSERT INTO api_keys (${NEW_KEY_COLUMNS.join(', ')}) VALUES (${NEW_KEY_COLUMNS.map(() => '?').join(', ')})`)
      .run(...newKeyParams(input, hash, prefix, id, now));
    return keyRecordOf(this.byHash.get(hash) as KeyRow);
  }

  async list(): Promise<KeyRecord[]> {
    return (this.db.prepare('SELECT * FROM api_keys ORDER BY created_at').all() as KeyRow[]).map(keyRecordOf);
  }

  async revoke(idOrPrefix: string, now: number): Promise<KeyRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM api_keys WHERE id = ? OR prefix = ?').get(idOrPrefix, idOrPrefix) as KeyRow | undefined;
    if (!row) return undefined;
    if (row.revoked_at === null) this.db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ?').run(now, row.id);
    return keyRecordOf({ ...row, revoked_at: row.revoked_at ?? now });
  }

  async rename(id: string, name: string | undefined): Promise<KeyRecord | undefined> {
    this.db.prepare('UPDATE api_keys SET name = ? WHERE id = ?').run(name ?? null, id);
    const row = this.db.prepare('SELECT * FROM api_keys WHERE id = ?').get(id) as KeyRow | undefined;
    return row ? keyRecordOf(row) : undefined;
  }

  async replaceSecret(id: string, hash: string, prefix: string): Promise<KeyRecord | undefined> {
    const changed = this.db.prepare('UPDATE api_keys SET hash = ?, prefix = ? WHERE id = ? AND revoked_at IS NULL').run(hash, prefix, id);
    return changed.changes === 1 ? keyRecordOf(this.byHash.get(hash) as KeyRow) : undefined;
  }

  async findByHash(hash: string): Promise<(KeyRecord & { hash: string }) | undefined> {
    const row = this.byHash.get(hash);
    return row ? { ...keyRecordOf(row), hash: row.hash } : undefined;
  }

  async issuedCount(): Promise<number> {
    return this.issued.get()?.n ?? 0;
  }

  async teamBudget(team: string): Promise<TeamBudget | undefined> {
    const row = this.db.prepare('SELECT * FROM team_budgets WHERE team = ?').get(team) as TeamBudgetRow | undefined;
    return row && teamBudgetOf(row);
  }

  async teamBudgets(): Promise<TeamBudget[]> {
    return (this.db.prepare('SELECT * FROM team_budgets ORDER BY team').all() as TeamBudgetRow[]).map(teamBudgetOf);
  }

  async setTeamBudget(b: TeamBudget): Promise<TeamBudget> {
    this.db
      .prepare(
        `INSERT INTO team_budgets (team, budget_usd, budget_period, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (team) DO UPDATE SET budget_usd = excluded.budget_usd, budget_period = excluded.budget_period, updated_at = excluded.updated_at`,
      )
      .run(b.team, b.budgetUsd, b.budgetPeriod, b.updatedAt);
    return b;
  }

  async removeTeamBudget(team: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM team_budgets WHERE team = ?').run(team).changes > 0;
  }
}
