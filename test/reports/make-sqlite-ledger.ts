import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LedgerRow } from '../../src/ledger/ledger-row.js';
import { openSqlite } from '../../src/ledger/sqlite/open-sqlite.js';
import { SqliteUsageQueries } from '../../src/ledger/sqlite/sqlite-usage-queries.js';
import { SqliteUsageWriter } from '../../src/ledger/sqlite/sqlite-usage-writer.js';
import type { QueriesHandle } from './usage-queries.contract.js';

/** A temp folder for ledger files; the caller removes it. */
export function makeLedgerDir(): string {
  return mkdtempSync(join(tmpdir(), 'switchyard-reports-'));
}

/** A fresh ledger file at `path` holding `rows`, written through the gateway's own writer. */
export async function makeSqliteLedger(rows: LedgerRow[], path: string): Promise<QueriesHandle & { path: string }> {
  const db = openSqlite(path);
  const writer = new SqliteUsageWriter(db);
  await Promise.all(rows.map((r) => writer.write(r)));
  await writer.close();
  return {
    path,
    queries: new SqliteUsageQueries(db),
    close: () => {
      db.close();
    },
  };
}
