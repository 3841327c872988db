import type Database from 'better-sqlite3';
import { ledgerParams } from '../ledger-columns.js';
import type { LedgerBacklog, LedgerRow, UsageWriter } from '../ledger-row.js';
import { INSERT_LEDGER_ROW_SQL } from './insert-ledger-row-sql.js';

interface Pending {
  row: LedgerRow;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Writes ledger rows with group commits: rows written while a commit is due are inserted in one
 * transaction, and every `write` of the batch resolves once that transaction has committed. While rows
 * arrive one at a time (the last commit carried one row) a row is committed at the end of the event-loop
 * turn it was written in, adding no wait; once they arrive together, commits are at least
 * `minIntervalMs` apart, so each carries many rows (a commit costs far more than a row). A row is
 * inserted once: its id is the primary key and a repeat is ignored.
 */
export class SqliteUsageWriter implements UsageWriter {
  private pending: Pending[] = [];
  /** Unix ms when the oldest pending row was written. */
  private pendingSince = 0;
  private scheduled = false;
  private closed = false;
  private lastCommit = 0;
  private lastBatchSize = 0;
  private readonly insert: Database.Statement;
  private readonly commit: (batch: Pending[]) => void;

  constructor(
    db: Database.Database,
    private readonly minIntervalMs = 2,
  ) {
    this.insert = db.prepare(INSERT_LEDGER_ROW_SQL);
    this.commit = db.transaction((batch: Pending[]) => {
      for (const p of batch) this.insert.run(ledgerParams(p.row));
    });
  }

  write(row: LedgerRow): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the ledger is closed'));
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) this.pendingSince = Date.now();
      this.pending.push({ row, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        const wait = this.lastBatchSize > 1 ? this.lastCommit + this.minIntervalMs - performance.now() : 0;
        if (wait <= 0) setImmediate(() => this.flush());
        else setTimeout(() => this.flush(), wait);
      }
    });
  }

  /** Commit what is pending now. */
  flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    try {
      this.commit(batch);
      this.lastCommit = performance.now();
      this.lastBatchSize = batch.length;
    } catch (err) {
      for (const p of batch) p.reject(err);
      return;
    }
    for (const p of batch) p.resolve();
  }

  /** Rows waiting for their commit, and when the oldest was written. */
  backlog(): LedgerBacklog {
    const n = this.pending.length;
    return n > 0 ? { pendingRows: n, pendingSince: this.pendingSince } : { pendingRows: 0 };
  }

  async close(): Promise<void> {
    this.flush();
    this.closed = true;
  }
}
