import { createRequire } from 'node:module';
import type { ResourceLimits } from 'node:worker_threads';
import { ledgerParams } from '../ledger-columns.js';
import type { LedgerBacklog, LedgerRow, UsageWriter } from '../ledger-row.js';
import { CommitThread } from './commit-thread.js';
import type { CommitWorkerData, CommitWorkerReply } from './commit-worker-source.js';
import { INSERT_LEDGER_ROW_SQL } from './insert-ledger-row-sql.js';
import { RowBatch } from './row-batch.js';

/** How a `WorkerUsageWriter` commits, and whom it tells when its thread crashes. */
export interface WorkerWriterOptions {
  /** While rows arrive together, transactions start at least this far apart, ms (default 2, as in-thread). */
  minIntervalMs?: number;
  /** How long a commit waits for another connection's write lock, ms (default 5,000). */
  busyTimeoutMs?: number;
  /** The worker connection's `wal_autocheckpoint`: 0 where another thread checkpoints (default SQLite's). */
  walAutocheckpoint?: number;
  /** Heap limits of the commit thread (Node's defaults when absent). */
  resourceLimits?: ResourceLimits;
  /** Told of each crash of the commit thread: how many of the batches it held are retried, how many failed. */
  onCrash?(err: Error, outcome: { retried: number; failed: number }): void;
}

/** A batch the commit thread held through this many crashes is failed rather than sent again. */
const CRASHES_PER_BATCH = 2;
/** Longest pause before restarting a commit thread that keeps crashing, ms. */
const MAX_RESTART_DELAY_MS = 5_000;

/**
 * Writes ledger rows to a SQLite file from a worker thread, so that no commit runs on the event loop. The
 * rows written in one event-loop turn are posted to the thread in one message; the thread commits every
 * batch waiting into one transaction and acknowledges it, and `write` resolves only then (the row is in the
 * WAL, in the OS's hands, as with the in-thread writer). A failed transaction rejects its batches' writes.
 * Should the thread crash, a new one is started and the batches it held are sent again, one at a time
 * (ids are the primary key, so a batch it had committed before dying is not stored twice); a batch held
 * through two crashes is failed, and each crash is reported. `close` commits what was written, then ends
 * the thread. `:memory:` databases live in one connection: they keep the in-thread writer.
 */
export class WorkerUsageWriter implements UsageWriter {
  private filling: RowBatch | undefined;
  /** Batches posted to the thread and not yet answered, oldest first. */
  private readonly inFlight = new Map<number, RowBatch>();
  /** Batches a crashed thread held, sent again one at a time before anything else. */
  private retrying: RowBatch[] = [];
  /** Batches waiting while the thread restarts or the retried batches go through. */
  private held: RowBatch[] = [];
  private thread: CommitThread | undefined;
  private readonly workerData: CommitWorkerData;
  private nextId = 1;
  private closed = false;
  private closing: Promise<void> | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private crashesInARow = 0;
  private transactions = 0;
  private rowsCommitted = 0;
  private firstReady: { resolve(): void; reject(err: Error): void } | undefined;
  private readonly flushSoon = () => this.flush();

  private constructor(
    path: string,
    private readonly options: WorkerWriterOptions,
  ) {
    this.workerData = {
      module: createRequire(import.meta.url).resolve('better-sqlite3'),
      path,
      sql: INSERT_LEDGER_ROW_SQL,
      busyTimeoutMs: options.busyTimeoutMs ?? 5_000,
      minIntervalMs: options.minIntervalMs ?? 2,
      walAutocheckpoint: options.walAutocheckpoint,
    };
  }

  /** Start the commit thread on the (already created and migrated) file; rejects if it cannot open it. */
  static async open(path: string, options: WorkerWriterOptions = {}): Promise<WorkerUsageWriter> {
    const writer = new WorkerUsageWriter(path, options);
    await new Promise<void>((resolve, reject) => {
      writer.firstReady = { resolve, reject };
      writer.start();
    });
    return writer;
  }

  write(row: LedgerRow): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the ledger is closed'));
    let batch = this.filling;
    if (!batch) {
      batch = this.filling = new RowBatch(this.nextId++);
      setImmediate(this.flushSoon);
    }
    batch.rows.push(ledgerParams(row));
    return batch.promise;
  }

  /** Transactions committed so far, and the rows they carried. */
  committed(): { transactions: number; rows: number } {
    return { transactions: this.transactions, rows: this.rowsCommitted };
  }

  /** Rows waiting for their commit's acknowledgement, and when the oldest was written. */
  backlog(): LedgerBacklog {
    let rows = 0;
    let since = Infinity;
    for (const b of this.outstanding()) {
      rows += b.rows.length;
      since = Math.min(since, b.since);
    }
    return rows > 0 ? { pendingRows: rows, pendingSince: since } : { pendingRows: 0 };
  }

  /** Commit what was written (each write settles), then end the commit thread. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.flush();
    this.closed = true;
    this.closing = (async () => {
      await Promise.allSettled(this.outstanding().map((b) => b.promise));
      clearTimeout(this.restartTimer);
      const thread = this.thread;
      this.thread = undefined;
      await thread?.stop();
    })();
    return this.closing;
  }

  private flush(): void {
    const batch = this.filling;
    if (!batch) return;
    this.filling = undefined;
    if (this.thread && this.retrying.length === 0) this.send(this.thread, batch, false);
    else this.held.push(batch);
  }

  private send(thread: CommitThread, batch: RowBatch, alone: boolean): void {
    this.inFlight.set(batch.id, batch);
    thread.post(alone ? { id: batch.id, rows: batch.rows, alone } : { id: batch.id, rows: batch.rows });
    thread.keepAlive(true);
  }

  /** After a crash, the batches it held one at a time (each alone in its transaction), then the rest. */
  private dispatch(): void {
    const w = this.thread;
    if (!w) return;
    if (this.retrying.length > 0) {
      if (this.inFlight.size === 0) this.send(w, this.retrying.shift()!, true);
      return;
    }
    for (const b of this.held) this.send(w, b, false);
    this.held = [];
  }

  private start(): void {
    this.restartTimer = undefined;
    const thread: CommitThread = new CommitThread(this.workerData, this.options.resourceLimits, {
      reply: (m) => this.received(m),
      crash: (err) => this.crashed(thread, err),
    });
    this.thread = thread;
    // while `open` waits for the thread, it keeps the process alive
    thread.keepAlive(this.busy() || this.firstReady !== undefined);
    this.dispatch();
  }

  private received(m: CommitWorkerReply): void {
    if ('ready' in m) {
      this.firstReady?.resolve();
      this.firstReady = undefined;
      this.thread?.keepAlive(this.busy());
      return;
    }
    if ('done' in m) {
      this.transactions++;
      this.crashesInARow = 0;
      for (const id of m.done) {
        const b = this.take(id);
        this.rowsCommitted += b?.rows.length ?? 0;
        b?.resolve();
      }
    } else {
      const err = Object.assign(new Error(m.message), m.code === undefined ? {} : { code: m.code });
      for (const id of m.failed) this.take(id)?.reject(err);
    }
    this.dispatch();
    if (!this.busy()) this.thread?.keepAlive(false);
  }

  private take(id: number): RowBatch | undefined {
    const b = this.inFlight.get(id);
    this.inFlight.delete(id);
    return b;
  }

  /** The thread ended without being asked: restart it and send its batches again, or fail them. */
  private crashed(thread: CommitThread, err: Error): void {
    if (thread !== this.thread) return;
    this.thread = undefined;
    if (this.firstReady) {
      this.firstReady.reject(err);
      this.firstReady = undefined;
      this.closed = true;
      return;
    }
    const held = [...this.inFlight.values()];
    this.inFlight.clear();
    const retried: RowBatch[] = [];
    let failed = 0;
    for (const b of held) {
      if (++b.crashes < CRASHES_PER_BATCH) retried.push(b);
      else {
        failed++;
        b.reject(new Error(`the ledger's commit thread crashed ${b.crashes} times while holding these rows: ${err.message}`, { cause: err }));
      }
    }
    this.retrying = [...retried, ...this.retrying];
    this.options.onCrash?.(err, { retried: retried.length, failed });
    this.crashesInARow++;
    const delay = this.crashesInARow <= 1 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 100 * 2 ** (this.crashesInARow - 2));
    this.restartTimer = setTimeout(() => this.start(), delay);
    if (!this.busy()) this.restartTimer.unref();
  }

  /** Every batch written and not yet answered. */
  private outstanding(): RowBatch[] {
    const all = [...this.inFlight.values(), ...this.retrying, ...this.held];
    if (this.filling) all.push(this.filling);
    return all;
  }

  /** Whether any row written waits for its acknowledgement. */
  private busy(): boolean {
    return this.filling !== undefined || this.inFlight.size > 0 || this.retrying.length > 0 || this.held.length > 0;
  }
}
