import type pg from 'pg';
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

/** Virtual keys in the shared store: hashes only, as in the embedded one. */
export class PostgresKeyStore implements KeyStore {
  constructor(private readonly pool: pg.Pool) {}

  async create(input: NewKey, hash: string, prefix: string, id: string, now: number): Promise<KeyRecord> {
    const { rows } = await this.pool.query<KeyRow>(
      `INSERT INTO api_keys (id, hash, prefix, name, team, created_at, budget_usd, budget_period, rpm, tpm, models, store_bodies)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
      [
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
      ],
    );
    return toRecord(rows[0]!);
  }

  async list(): Promise<KeyRecord[]> {
    return (await this.pool.query<KeyRow>('SELECT * FROM api_keys ORDER BY created_at')).rows.map(toRecord);
  }

  async revoke(idOrPrefix: string, now: number): Promise<KeyRecord | undefined> {
    const { rows } = await this.pool.query<KeyRow>(
      `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $2)
       WHERE id = (SELECT id FROM api_keys WHERE id = $1 OR prefix = $1 ORDER BY created_at LIMIT 1) RETURNING *`,
      [idOrPrefix, now],
    );
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  async findByHash(hash: string): Promise<(KeyRecord & { hash: string }) | undefined> {
    const { rows } = await this.pool.query<KeyRow>({ name: 'key-by-hash', text: 'SELECT * FROM api_keys WHERE hash = $1', values: [hash] });
    return rows[0] ? { ...toRecord(rows[0]), hash: rows[0].hash } : undefined;
  }

  async activeCount(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>({ name: 'keys-active', text: 'SELECT COUNT(*) AS n FROM api_keys WHERE revoked_at IS NULL' });
    return rows[0]?.n ?? 0;
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
