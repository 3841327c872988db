/** The last `capacity` outcomes as failed or not, with running counts: push and rate are O(1). */
export class OutcomeWindow {
  private readonly failedAt: Uint8Array;
  private next = 0;
  private count = 0;
  private failed = 0;

  constructor(capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError('capacity must be an integer ≥ 1');
    this.failedAt = new Uint8Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  get failures(): number {
    return this.failed;
  }

  push(failed: boolean): void {
    const capacity = this.failedAt.length;
    if (this.count === capacity) this.failed -= this.failedAt[this.next] as number;
    else this.count++;
    this.failedAt[this.next] = failed ? 1 : 0;
    if (failed) this.failed++;
    this.next = (this.next + 1) % capacity;
  }

  /** Failures / outcomes; 0 when empty. */
  errorRate(): number {
    return this.count === 0 ? 0 : this.failed / this.count;
  }

  reset(): void {
    this.failedAt.fill(0);
    this.next = 0;
    this.count = 0;
    this.failed = 0;
  }
}
