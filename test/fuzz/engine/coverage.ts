import { Session } from 'node:inspector';

/**
 * Block coverage of the code under test, read from V8 through the inspector (precise coverage with call
 * counts). Facts this relies on, measured on Node 20:
 * - only functions compiled after `startPreciseCoverage` get block counters, so the target is imported after
 *   `start()`; code compiled before reports function-level counts only;
 * - `takePreciseCoverage` returns the counts since the last take and resets them;
 * - V8 leaves out a nested range whose count equals its enclosing range's. So every range ever reported is
 *   remembered, and each is given the count of the smallest range reported this time that contains it.
 *
 * A feature is (block, bucket of its hit count), numbered `blockId * 16 + bucket`.
 */
export class BlockCoverage {
  private readonly session = new Session();
  private readonly blockIds = new Map<string, number>();
  /** Per function (`scriptId:start`): the blocks ever reported, as [start, end, blockId]. */
  private readonly knownBlocks = new Map<string, Array<[number, number, number]>>();
  private readonly scriptWanted = new Map<string, boolean>();
  private readonly urls = new Set<string>();
  private started = false;
  /** Coverage reads, their total time, and the part of it spent in V8 (the rest is mapping blocks). */
  takes = 0;
  takeMs = 0;
  postMs = 0;

  constructor(private readonly covers: (url: string) => boolean) {}

  start(): void {
    this.session.connect();
    this.post('Profiler.enable');
    this.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
    this.started = true;
  }

  stop(): void {
    if (!this.started) return;
    this.started = false;
    this.post('Profiler.stopPreciseCoverage');
    this.post('Profiler.disable');
    this.session.disconnect();
  }

  /** Blocks known so far (across all takes). */
  get blocks(): number {
    return this.blockIds.size;
  }

  /** URLs of the scripts whose blocks count. */
  get scripts(): string[] {
    return [...this.urls].sort();
  }

  /** Reset the counters, discarding what ran since the last take. */
  reset(): void {
    this.take(() => undefined);
  }

  /**
   * Read and reset the counters. `visit(blockId, count)` is called for every block with a non-zero count
   * since the last take.
   */
  take(visit: (blockId: number, count: number) => void): void {
    const started = performance.now();
    const { result } = this.post('Profiler.takePreciseCoverage') as { result: ScriptCoverage[] };
    this.takes++;
    this.postMs += performance.now() - started;
    for (const script of result) {
      let wanted = this.scriptWanted.get(script.scriptId);
      if (wanted === undefined) {
        wanted = script.url !== '' && this.covers(script.url);
        this.scriptWanted.set(script.scriptId, wanted);
        if (wanted) this.urls.add(script.url);
      }
      if (!wanted) continue;
      for (const fn of script.functions) this.visitFunction(script.scriptId, fn.ranges, visit);
    }
    this.takeMs += performance.now() - started;
  }

  private visitFunction(scriptId: string, ranges: CoverageRange[], visit: (blockId: number, count: number) => void): void {
    const whole = ranges[0];
    if (!whole || whole.count === 0) return;
    const fnKey = `${scriptId}:${whole.startOffset}`;
    let known = this.knownBlocks.get(fnKey);
    if (!known) this.knownBlocks.set(fnKey, (known = []));
    for (const r of ranges) {
      const key = `${fnKey}:${r.startOffset}:${r.endOffset}`;
      if (!this.blockIds.has(key)) {
        const id = this.blockIds.size;
        this.blockIds.set(key, id);
        known.push([r.startOffset, r.endOffset, id]);
      }
    }
    for (const [start, end, id] of known) {
      let count = 0;
      let best = Infinity;
      for (const r of ranges) {
        const size = r.endOffset - r.startOffset;
        if (r.startOffset <= start && r.endOffset >= end && size < best) {
          best = size;
          count = r.count;
        }
      }
      if (count > 0) visit(id, count);
    }
  }

  private post(method: string, params?: object): unknown {
    let error: Error | null = null;
    let value: unknown;
    // the inspector answers a session of this thread synchronously
    this.session.post(method, params, (err, res) => {
      error = err;
      value = res;
    });
    if (error) throw error;
    return value;
  }
}

interface CoverageRange {
  startOffset: number;
  endOffset: number;
  count: number;
}

interface ScriptCoverage {
  scriptId: string;
  url: string;
  functions: Array<{ ranges: CoverageRange[] }>;
}

/** Hit counts folded into buckets, as AFL does: 1, 2, 3, 4-7, 8-15, 16-31, 32-127, 128+. */
export function bucketOf(count: number): number {
  if (count < 4) return count;
  if (count < 8) return 4;
  if (count < 16) return 5;
  if (count < 32) return 6;
  if (count < 128) return 7;
  return 8;
}
