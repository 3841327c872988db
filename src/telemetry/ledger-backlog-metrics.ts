import { Gauge, type Registry } from 'prom-client';
import type { LedgerBacklog } from '../ledger/ledger-row.js';

/**
 * The ledger's backlog as gauges, read at each scrape:
 * - `switchyard_ledger_pending_rows`, `switchyard_ledger_pending_age_seconds`: rows handed to the ledger
 *   and not yet durable (their group commit, or their append to the spool), and the age of the oldest;
 * - with PostgreSQL storage, the local spool: `switchyard_ledger_spool_rows`,
 *   `switchyard_ledger_spool_segments` and `switchyard_ledger_spool_age_seconds` (how far PostgreSQL lags
 *   behind: the age of the oldest segment not yet drained into it).
 */
export function watchLedgerBacklog(registry: Registry, read: () => LedgerBacklog, now: () => number = Date.now): void {
  const age = (since: number | undefined) => (since === undefined ? 0 : Math.max(0, now() - since) / 1000);
  const gauge = (name: string, help: string, value: (b: LedgerBacklog) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(value(read()));
      },
    });
  gauge('switchyard_ledger_pending_rows', 'Ledger rows written and not yet durable (waiting for their commit or spool append).', (b) => b.pendingRows);
  gauge('switchyard_ledger_pending_age_seconds', 'Age of the oldest ledger row not yet durable (0 when none).', (b) => age(b.pendingSince));
  if (read().spooledRows === undefined) return;
  gauge('switchyard_ledger_spool_rows', 'Ledger rows in the local spool, not yet committed to PostgreSQL.', (b) => b.spooledRows ?? 0);
  gauge('switchyard_ledger_spool_segments', 'Spool segment files waiting to be drained into PostgreSQL.', (b) => b.spooledSegments ?? 0);
  gauge('switchyard_ledger_spool_age_seconds', 'Age of the oldest spool segment not yet drained: how far PostgreSQL lags behind (0 when none).', (b) =>
    age(b.spooledSince),
  );
}
