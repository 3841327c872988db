/** The most recent scores kept: the live calibration follows the last this many decisions. */
export const LIVE_WINDOW = 2_000;
/** Scores needed before the live quantiles replace the model's own (from its validation data). */
export const LIVE_MIN = 500;
/** The sorted snapshot is rebuilt every this many scores. */
const REFRESH_EVERY = 200;

/**
 * The router's scores on this gateway's own recent traffic, so a threshold set as a share of strong calls
 * sends about that share of *this* traffic to the strong tier. A model's calibration comes from its
 * validation data; on traffic unlike it the same threshold can send 1% or 70% strong (docs/router.md). A
 * ring of the last LIVE_WINDOW scores is kept, and a sorted copy rebuilt every REFRESH_EVERY scores (a sort of
 * 2,000 numbers: well under a microsecond per request, spread out).
 */
export class LiveScoreQuantiles {
  private readonly ring = new Float64Array(LIVE_WINDOW);
  private seen = 0;
  private sorted: Float64Array | undefined;

  add(score: number): void {
    if (!Number.isFinite(score)) return;
    this.ring[this.seen % LIVE_WINDOW] = score;
    this.seen++;
    if (this.seen >= LIVE_MIN && this.seen % REFRESH_EVERY === 0) {
      this.sorted = this.ring.slice(0, Math.min(this.seen, LIVE_WINDOW)).sort();
    }
  }

  /** Scores seen so far. */
  get count(): number {
    return this.seen;
  }

  /**
   * The threshold that sends `share` of the recent scores to the strong tier (those below it), or undefined
   * while fewer than LIVE_MIN have been seen.
   */
  thresholdFor(share: number): number | undefined {
    const s = this.sorted;
    if (!s) return undefined;
    if (!(share > 0)) return 0;
    if (share >= 1) return Number.POSITIVE_INFINITY;
    // the score at rank share × n: that many scores lie below it
    return s[Math.min(s.length - 1, Math.floor(share * s.length))]!;
  }
}
