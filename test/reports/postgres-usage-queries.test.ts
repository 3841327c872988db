import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertLedgerRows } from '../../src/ledger/postgres/insert-ledger-rows.js';
import { numberedPlaceholders, openPostgres } from '../../src/ledger/postgres/open-postgres.js';
import { PostgresUsageQueries } from '../../src/ledger/postgres/postgres-usage-queries.js';
import { ORIGINS_SQL, PROVIDERS_SQL, SPAN_SQL, spendSql, spentSql, tokensByModelSql } from '../../src/ledger/usage-sql.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres-test-db.js';
import { postgresSkipReason } from '../support/test-services.js';
import { HAND_LEDGER } from './hand-ledger.js';
import { usageQueriesContract } from './usage-queries.contract.js';

const noPostgres = await postgresSkipReason();

/** The same contract as SQLite, each store a database of its own on the shared PostgreSQL server. */
describe.skipIf(noPostgres)('PostgreSQL', () => {
  usageQueriesContract('postgres', async (rows) => {
    const db = await createTestDatabase('queries');
    const pool = await openPostgres(db.url(), { max: 2 });
    await insertLedgerRows(pool, rows);
    return {
      queries: new PostgresUsageQueries(pool),
      close: async () => {
        await pool.end();
        await db.drop();
      },
    };
  });
});

describe.skipIf(noPostgres)('PostgresUsageQueries reads through indexes', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  beforeAll(async () => {
    db = await createTestDatabase('plans');
    pool = await openPostgres(db.url(), { max: 1 });
    await insertLedgerRows(pool, HAND_LEDGER);
    await pool.query('ANALYZE requests');
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('has an index path for every report query (never a sequential scan of requests)', async () => {
    const queries = [
      ...(['all', 'key', 'team', 'keyTeam'] as const).map(spentSql),
      ...(['day', 'key', 'team', 'model', 'provider'] as const).map(spendSql),
      tokensByModelSql(false),
      tokensByModelSql(true),
      ORIGINS_SQL,
      PROVIDERS_SQL,
      SPAN_SQL,
    ];
    const client = await pool.connect();
    try {
      // a table this small would be read whole anyway: ask for the plan a large one would get
      await client.query('SET enable_seqscan = off');
      for (const sql of queries) {
        const text = numberedPlaceholders(sql);
        const strings = (sql.match(/(key_id|team) = \?/g) ?? []).length;
        const params = (sql.match(/\?/g) ?? []).map((_, i) => (i < strings ? 'x' : 0));
        const plan = (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, params)).rows.map((r) => r['QUERY PLAN']).join('\n');
        expect(plan, sql).not.toMatch(/Seq Scan on requests/);
        expect(plan, sql).toMatch(/Index (Only )?Scan using requests_(key_|team_)?ts|Bitmap Index Scan on requests_(key_|team_)?ts/);
      }
    } finally {
      client.release();
    }
  });
});
