/**
 * The rows one event-loop turn wrote, as `ledgerParams` arrays, and the one promise every `write` of them
 * returns: it resolves once their transaction has committed, or rejects with why it did not.
 */
export class RowBatch {
  readonly rows: unknown[][] = [];
  /** Unix ms when its first row was written. */
  readonly since = Date.now();
  /** Crashes of the commit worker while it held this batch. */
  crashes = 0;
  readonly promise: Promise<void>;
  resolve!: () => void;
  reject!: (err: unknown) => void;

  constructor(readonly id: number) {
    this.promise = new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }
}
