import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestPageQuery, SeriesDimension } from '../../src/ledger/dashboard-queries.js';
import { latencyCountsSql, percentilesSql, REQUEST_SQL, requestPageSql, seriesSql } from '../../src/ledger/dashboard-sql.js';
import { insertLedgerRows } from '../../src/ledger/postgres/insert-ledger-rows.js';
import { numberedPlaceholders, openPostgres } from '../../src/ledger/postgres/open-postgres.js';
import { openSqlite } from '../../src/ledger/sqlite/open-sqlite.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres-test-db.js';
import { postgresSkipReason } from '../support/test-services.js';
import { DASHBOARD_LEDGER } from './dashboard-ledger.js';

/** Every dashboard query reads the requests table through an index, on both stores: never the whole table. */
const noPostgres = await postgresSkipReason();
const DIMENSIONS: SeriesDimension[] = ['total', 'team', 'key', 'model', 'provider', 'route', 'origin', 'developer', 'jurisdiction'];
const PAGES: RequestPageQuery[] = [
  { limit: 50 },
  { limit: 50, after: { ts: 1, id: 'x' } },
  { limit: 50, since: 1, model: 'm', provider: 'p', keyId: 'k', team: 't', status: { kind: 'error' } },
  { limit: 50, after: { ts: 1, id: 'x' }, status: { kind: 'ok' } },
  { limit: 50, status: { kind: 'http', status: 502 } },
  { limit: 50, status: { kind: 'code', code: 'upstream_error' } },
];

function queries(): Array<{ sql: string; params: unknown[] }> {
  const range = [0, 1];
  return [
    ...DIMENSIONS.flatMap((by) => (['hour', 'day'] as const).map((step) => ({ sql: seriesSql(step, by), params: range }))),
    ...(['provider', 'model'] as const).flatMap((by) => [
      { sql: latencyCountsSql(by), params: range },
      { sql: percentilesSql(by, 'ttft_ms'), params: range },
      { sql: percentilesSql(by, 'latency_ms'), params: range },
    ]),
    ...PAGES.map((q) => requestPageSql(q)),
    { sql: REQUEST_SQL, params: ['a1'] },
  ];
}

describe('SQLite', () => {
  it('plans every dashboard query on an index of requests', () => {
    const db = openSqlite(':memory:');
    try {
      for (const { sql, params } of queries()) {
        const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join('\n');
        expect(plan, sql).not.toMatch(/SCAN r(equests)?\b(?! USING)/);
        expect(plan, sql).toMatch(/(SEARCH|SCAN) r(equests)? USING (INDEX requests_\w+|INTEGER PRIMARY KEY|PRIMARY KEY|INDEX sqlite_autoindex_requests_1)/);
      }
    } finally {
      db.close();
    }
  });
});

describe.skipIf(noPostgres !== '')('PostgreSQL', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  beforeAll(async () => {
    db = await createTestDatabase('dashplans');
    pool = await openPostgres(db.url(), { max: 1 });
    await insertLedgerRows(pool, DASHBOARD_LEDGER);
    await pool.query('ANALYZE requests');
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('plans every dashboard query on an index of requests (never a sequential scan)', async () => {
    const client = await pool.connect();
    try {
      await client.query('SET enable_seqscan = off');
      for (const { sql, params } of queries()) {
        const plan = (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${numberedPlaceholders(sql)}`, params)).rows.map((r) => r['QUERY PLAN']).join('\n');
        expect(plan, sql).not.toMatch(/Seq Scan on requests/);
        expect(plan, sql).toMatch(/Index (Only )?Scan( Backward)? using requests_\w+|Bitmap Index Scan on requests_\w+/);
      }
    } finally {
      client.release();
    }
  });
});
