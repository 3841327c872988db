import type pg from 'pg';
import { LEDGER_COLUMNS, ledgerParams } from '../ledger-columns.js';
import type { LedgerRow } from '../ledger-row.js';
import { inTransaction } from './in-transaction.js';

/** Rows per INSERT: at one parameter per ledger column (35), a statement stays under PostgreSQL's 65,535. */
const ROWS_PER_STATEMENT = 1_000;

/**
 * Insert rows with multi-row INSERTs in one transaction; a row whose id is already there is skipped, so
 * inserting the same rows again (a replayed spool) adds nothing.
 */
export async function insertLedgerRows(pool: pg.Pool, rows: readonly LedgerRow[]): Promise<void> {
  if (rows.length === 0) return;
  await inTransaction(pool, async (client) => {
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
      const params: unknown[] = [];
      const tuples = chunk.map((row) => {
        const start = params.length;
        params.push(...ledgerParams(row));
        return `(${LEDGER_COLUMNS.map((_c, j) => `$${start + j + 1}`).join(', ')})`;
      });
      await client.query(`INSERT INTO requests (${LEDGER_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT (id) DO NOTHING`, params);
    }
  });
}
