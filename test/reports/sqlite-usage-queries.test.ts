import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/ledger/sqlite/open-sqlite.js';
import { SqliteUsageQueries } from '../../src/ledger/sqlite/sqlite-usage-queries.js';
import { makeLedgerDir, makeSqliteLedger } from './make-sqlite-ledger.js';
import { usageQueriesContract } from './usage-queries.contract.js';

const dir = makeLedgerDir();
let files = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

usageQueriesContract('sqlite', (rows) => makeSqliteLedger(rows, join(dir, `ledger-${++files}.db`)));

describe('SqliteUsageQueries reads through indexes', () => {
  const db = openSqlite(join(dir, 'plans.db'));
  afterAll(() => db.close());
  const plan = (sql: string, ...params: unknown[]) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join('; ');

  it('never scans the table for a report range', () => {
    // capture every statement the class prepares, then ask SQLite how it would run each
    const seen: string[] = [];
    const recording = new Proxy(db, {
      get(target, prop) {
        if (prop === 'prepare') {
          return (sql: string) => {
            seen.push(sql);
            return target.prepare(sql);
          };
        }
        return Reflect.get(target, prop, target) as unknown;
      },
    });
    new SqliteUsageQueries(recording);
    expect(seen.length).toBe(15); // 5 budget scopes (key, team, both, all, shadow route), 5 spend groupings, 2 token splits, origins, providers, span
    for (const sql of seen) {
      const detail = plan(sql, ...(sql.match(/\?/g) ?? []).map(() => 0));
      expect(detail, sql).not.toMatch(/SCAN requests/);
      expect(detail, sql).toMatch(/SEARCH requests USING (COVERING )?INDEX requests_(key_|team_)?ts/);
    }
  });
});
