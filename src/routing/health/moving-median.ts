/**
 * The median of the last `capacity` numbers added. A ring buffer keeps arrival order, a sorted copy keeps
 * order by value: add is O(capacity) (binary search and one splice), median is O(1).
 */
export class MovingMedian {
  private readonly ring: number[] = [];
  private readonly sorted: number[] = [];
  private next = 0;

  constructor(private readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError('capacity must be an integer ≥ 1');
  }

  get size(): number {
    return this.ring.length;
  }

  /** Adds a finite number, dropping the oldest once full. */
  add(value: number): void {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    if (this.ring.length < this.capacity) {
      this.ring.push(value);
    } else {
      const oldest = this.ring[this.next] as number;
      this.ring[this.next] = value;
      this.sorted.splice(this.lowerBound(oldest), 1);
    }
    this.next = (this.next + 1) % this.capacity;
    this.sorted.splice(this.lowerBound(value), 0, value);
  }

  /** The median (mean of the middle two for an even count); undefined when empty. */
  median(): number | undefined {
    const n = this.sorted.length;
    if (n === 0) return undefined;
    const mid = n >> 1;
    const upper = this.sorted[mid] as number;
    return n % 2 === 1 ? upper : ((this.sorted[mid - 1] as number) + upper) / 2;
  }

  /** First index whose value is ≥ `value`. */
  private lowerBound(value: number): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.sorted[mid] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
