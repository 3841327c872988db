import type Database from 'better-sqlite3';
import type { BudgetPeriod, KeyRecord, KeyStore, NewKey } from '../../auth/key-record.js';

interface KeyRow {
  id: string;
  hash: string;
  prefix: string;
  name: string | null;
  team: string;
  created_at: number;
  revoked_at: number | null;
  budget_usd: number | null;
  budget_period: string | null;
  rpm: number | null;
  tpm: number | null;
  models: string | null;
  store_bodies: number;
}

/** Virtual keys in the embedded store: hashes only. */
export class SqliteKeyStore implements KeyStore {
  private readonly byHash: Database.Statement<[string], KeyRow>;
  private readonly active: Database.Statement<[], { n: number }>;

  constructor(private readonly db: Database.Database) {
    this.byHash = db.prepare('SELECT * FROM api_keys WHERE hash = ?');
    this.active = db.prepare('SELECT COUNT(*) AS n FROM api_keys WHERE revoked_at IS NULL');
  }

  async create(input: NewKey, hash: string, prefix: string, id: string, now: number): Promise<KeyRecord> {
    this.db
      .prepare(
        `INSERT INTO api_keys (id, hash, prefix, name, team, created_at, budget_usd, budget_period, rpm, tpm, models, store_bodies)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        hash,
        prefix,
        input.name ?? null,
        input.team,
        now,
        input.budgetUsd ?? null,
        input.budgetUsd !== undefined ? (input.budgetPeriod ?? 'month') : null,
        input.rpm ?? null,
        input.tpm ?? null,
        input.models ? JSON.stringify(input.models) : null,
        input.storeBodies ? 1 : 0,
      );
    return toRecord(this.byHash.get(hash) as KeyRow);
  }

  async list(): Promise<KeyRecord[]> {
    return (this.db.prepare('SELECT * FROM api_keys ORDER BY created_at').all() as KeyRow[]).map(toRecord);
  }

  async revoke(idOrPrefix: string, now: number): Promise<KeyRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM api_keys WHERE id = ? OR prefix = ?').get(idOrPrefix, idOrPrefix) as KeyRow | undefined;
    if (!row) return undefined;
    if (row.revoked_at === null) this.db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ?').run(now, row.id);
    return toRecord({ ...row, revoked_at: row.revoked_at ?? now });
  }

  async findByHash(hash: string): Promise<(KeyRecord & { hash: string }) | undefined> {
    const row = this.byHash.get(hash);
    return row ? { ...toRecord(row), hash: row.hash } : undefined;
  }

  async activeCount(): Promise<number> {
    return this.active.get()?.n ?? 0;
  }
}

function toRecord(row: KeyRow): KeyRecord {
  return {
    id: row.id,
    prefix: row.prefix,
    ...(row.name !== null && { name: row.name }),
    team: row.team,
    createdAt: row.created_at,
    ...(row.revoked_at !== null && { revokedAt: row.revoked_at }),
    ...(row.budget_usd !== null && { budgetUsd: row.budget_usd }),
    ...(row.budget_period !== null && { budgetPeriod: row.budget_period as BudgetPeriod }),
    ...(row.rpm !== null && { rpm: row.rpm }),
    ...(row.tpm !== null && { tpm: row.tpm }),
    ...(row.models !== null && { models: JSON.parse(row.models) as string[] }),
    storeBodies: row.store_bodies === 1,
  };
}
