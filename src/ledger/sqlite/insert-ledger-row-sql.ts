import { LEDGER_COLUMNS } from '../ledger-columns.js';

/**
 * The statement that stores one ledger row, its values in `ledgerParams` order. A row whose id is already
 * there is skipped (a row is written once), but only that conflict: `INSERT OR IGNORE` would also skip, in
 * silence, a row breaking a NOT NULL column, where this statement fails and its write is rejected.
 */
export const INSERT_LEDGER_ROW_SQL =
  `INSERT INTO requests (${LEDGER_COLUMNS.join(', ')}) VALUES (${LEDGER_COLUMNS.map(() => '?').join(', ')}) ON CONFLICT (id) DO NOTHING`;
