import type { LedgerBacklog, LedgerRow, UsageWriter } from '../ledger-row.js';
import type { RowSpool } from './row-spool.js';

/** Where a spool's rows finally go: resolves once they are committed there (a repeated row is ignored). */
export type RowSink = (rows: readonly LedgerRow[]) => Promise<void>;

export interface SpoolEvents {
  /** The sink failed: rows stay in the spool and are retried. Called once per outage. */
  onOutage?(err: unknown): void;
  /** The sink works again after an outage; `rows` were drained since. */
  onRecovered?(rows: number): void;
}

export interface SpoolOptions extends SpoolEvents {
  /** The drainer's pause between rounds, and after rows arrive while it was idle, ms: each round carries what arrived meanwhile. */
  drainIntervalMs?: number;
  /** Longest wait between retries while the sink is down, ms. */
  maxRetryMs?: number;
  /**
   * While rows arrive together (the last append carried more than one), appends start at least this far
   * apart, ms, so each carries more rows: a sync costs the gateway's CPU far more than a row. A row arriving
   * alone is appended at once. Default 2 (as the SQLite ledger's commits).
   */
  minSyncIntervalMs?: number;
  /** How long `close` tries to drain what is left before leaving it for the next start, ms. */
  closeDrainMs?: number;
}

interface Pending {
  row: LedgerRow;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * A UsageWriter in front of a networked store: `write` resolves once the row is in the local spool (on
 * disk), so the response never waits on the network and an outage of the store does not stop the
 * gateway. Group commit: rows written in the same event-loop turn share one append, and so do all rows
 * written while an append (its write and fdatasync) is in flight: they go in one append right after it,
 * so a burst costs one sync per sync time rather than one per turn, queued. A drainer sends the
 * spool's sealed segments to the sink in batches and deletes each once committed; while the sink is down
 * it retries with a growing pause and the spool grows. Exactly once rests on the sink ignoring a row id it
 * already has (a crash between its commit and the segment's deletion replays that segment).
 */
export class SpooledUsageWriter implements UsageWriter {
  private pending: Pending[] = [];
  /** Unix ms when the oldest pending row was written. */
  private pendingSince = 0;
  /** The rows of the append in flight, and when the oldest of them was written. */
  private appendingRows = 0;
  private appendingSince = 0;
  private scheduled = false;
  /** The append in flight, if any: rows written meanwhile wait for it and then go together in the next one. */
  private appending: Promise<void> | undefined;
  private lastAppendAt = 0;
  private lastBatchSize = 0;
  private closed = false;
  private draining: Promise<void> | undefined;
  private drainChain: Promise<void> = Promise.resolve();
  private wake: (() => void) | undefined;
  private stopWait: (() => void) | undefined;
  private outage = false;
  private drainedInOutage = 0;
  private readonly drainIntervalMs: number;
  private readonly maxRetryMs: number;
  private readonly closeDrainMs: number;
  private readonly minSyncIntervalMs: number;

  constructor(
    private readonly spool: RowSpool,
    private readonly sink: RowSink,
    private readonly options: SpoolOptions = {},
  ) {
    this.drainIntervalMs = options.drainIntervalMs ?? 50;
    this.maxRetryMs = options.maxRetryMs ?? 2_000;
    this.closeDrainMs = options.closeDrainMs ?? 5_000;
    this.minSyncIntervalMs = options.minSyncIntervalMs ?? 2;
    this.draining = this.drainLoop();
  }

  write(row: LedgerRow): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the ledger is closed'));
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) this.pendingSince = Date.now();
      this.pending.push({ row, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  /** Whether the sink is failing now (rows accumulate in the spool). */
  get inOutage(): boolean {
    return this.outage;
  }

  /** Append what is pending (and whatever arrives during that append); resolves once all of it is durable. */
  private flush(): Promise<void> {
    this.scheduled = false;
    if (!this.appending) {
      this.appending = this.appendPending().finally(() => {
        this.appending = undefined;
      });
    }
    return this.appending;
  }

  /** One append at a time: each takes every row pending when it starts (after the pause between syncs). */
  private async appendPending(): Promise<void> {
    while (this.pending.length > 0) {
      const wait = this.lastBatchSize > 1 ? this.lastAppendAt + this.minSyncIntervalMs - performance.now() : 0;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const batch = this.pending;
      this.pending = [];
      this.appendingRows = batch.length;
      this.appendingSince = this.pendingSince;
      this.lastAppendAt = performance.now();
      this.lastBatchSize = batch.length;
      try {
        await this.spool.append(batch.map((p) => p.row));
      } catch (err) {
        for (const p of batch) p.reject(err);
        continue;
      } finally {
        this.appendingRows = 0;
      }
      for (const p of batch) p.resolve();
      this.wake?.();
    }
  }

  /** Rows not yet on disk (pending or being appended), and the spool's rows not yet in the shared store. */
  backlog(): LedgerBacklog {
    const pendingRows = this.pending.length + this.appendingRows;
    const since = this.appendingRows > 0 ? this.appendingSince : this.pendingSince;
    const spool = this.spool.depth();
    return {
      pendingRows,
      ...(pendingRows > 0 && { pendingSince: since }),
      spooledRows: spool.rows,
      spooledSegments: spool.segments,
      ...(spool.oldestAt !== undefined && { spooledSince: spool.oldestAt }),
    };
  }

  private async drainLoop(): Promise<void> {
    let retryMs = 100;
    while (!this.closed) {
      try {
        await this.drainOnce();
        retryMs = 100;
        // sleep until rows arrive (unless some did during the round), then give the next round a moment to
        // gather more: rows written one at a time share a segment, rather than each opening a new file
        // (and syncing the folder) ahead of its own append
        if (!this.spool.hasOpenRows) await this.pause(1_000, true);
        await this.pause(this.drainIntervalMs, false);
      } catch (err) {
        this.noteFailure(err);
        await this.pause(retryMs, false);
        retryMs = Math.min(this.maxRetryMs, retryMs * 2);
      }
    }
  }

  /** Drain now: resolves once every row appended so far is committed downstream (rejects if the sink fails). */
  async drained(): Promise<void> {
    await this.flush();
    await this.drainOnce();
  }

  /** Seal what was appended and send every sealed segment on, oldest first; one round at a time. */
  private drainOnce(): Promise<void> {
    const run = this.drainChain.then(() => this.drainRound());
    this.drainChain = run.catch(() => undefined);
    return run;
  }

  private async drainRound(): Promise<void> {
    await this.spool.seal();
    for (;;) {
      const segment = await this.spool.readOldest();
      if (!segment) break;
      if (segment.rows.length > 0) await this.sink(segment.rows);
      await this.spool.removeOldest();
      if (this.outage) this.drainedInOutage += segment.rows.length;
    }
    if (this.outage) {
      this.outage = false;
      this.options.onRecovered?.(this.drainedInOutage);
      this.drainedInOutage = 0;
    }
  }

  private noteFailure(err: unknown): void {
    if (this.outage) return;
    this.outage = true;
    this.options.onOutage?.(err);
  }

  /** Wait `ms`; a wakeable wait ends early when rows are appended. `close` ends any wait. */
  private pause(ms: number, wakeable: boolean): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        this.stopWait = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.stopWait = done;
      this.wake = wakeable ? done : undefined;
      if (this.closed) done();
    });
  }

  /** Spool what is pending, stop the drainer, and try (for a bounded time) to drain what is left. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    this.stopWait?.();
    await this.draining;
    const deadline = Date.now() + this.closeDrainMs;
    while (Date.now() < deadline) {
      try {
        await this.drainOnce();
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    await this.spool.close();
  }
}
