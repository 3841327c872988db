import { sameDeveloper } from './developer-name.js';
import type { KillSubject } from './kill-set.js';

export type ConcentrationDimension = 'provider' | 'developer' | 'origin';
export type ConcentrationMeasure = 'requests' | 'tokens' | 'spend';

/** No single provider, developer or origin country may take more than `maxShare` of the traffic. */
export interface ConcentrationLimit {
  by: ConcentrationDimension;
  /** In (0, 1]. */
  maxShare: number;
  measure: ConcentrationMeasure;
  /** The sliding window the share is measured over. */
  windowMs: number;
  /** Cap only these groups (provider ids, developers, countries); all when absent. */
  only?: readonly string[];
}

export interface ShareReading {
  limit: ConcentrationLimit;
  group: string;
  share: number;
}

const BUCKETS = 60;

type Amounts = { requests?: number; tokens?: number; spend?: number };

/** One limit's sliding window: per-group amounts in time buckets, and the total. */
class Window {
  readonly groups = new Map<string, Float64Array>();
  readonly total = new Float64Array(BUCKETS);
  private current = -1;
  readonly bucketMs: number;

  constructor(windowMs: number) {
    this.bucketMs = Math.max(1, windowMs / BUCKETS);
  }

  /** Clear the buckets that fell out of the window since the last call. */
  advance(now: number): number {
    const b = Math.floor(now / this.bucketMs);
    if (this.current < 0) this.current = b;
    const steps = Math.min(BUCKETS, b - this.current);
    for (let i = 1; i <= steps; i++) {
      const slot = (this.current + i) % BUCKETS;
      this.total[slot] = 0;
      for (const g of this.groups.values()) g[slot] = 0;
    }
    if (b > this.current) this.current = b;
    return this.current % BUCKETS;
  }

  share(group: string): number {
    const g = this.groups.get(group);
    if (!g) return 0;
    const total = sum(this.total);
    return total > 0 ? sum(g) / total : 0;
  }
}

/**
 * Shares of recent traffic by provider, developer or origin, and whether a deployment's group has reached
 * its cap. Past the cap the planner tries other compliant deployments first; the capped one stays as a
 * fallback, so a cap never fails a request. Each process measures its own traffic: when every process
 * keeps a group's share of its own traffic at or under the cap, the group's share of the whole is too.
 */
export class ConcentrationTracker {
  private readonly windows: Window[];

  constructor(
    readonly limits: readonly ConcentrationLimit[],
    private readonly now: () => number = Date.now,
  ) {
    this.windows = limits.map((l) => new Window(l.windowMs));
  }

  /** Count what one served request used: the request when it is sent, tokens and spend when it is settled. */
  record(d: KillSubject, amounts: Amounts): void {
    const t = this.now();
    for (let i = 0; i < this.limits.length; i++) this.recordAt(i, d, amounts, t);
  }

  /** Count an amount under one limit only: to seed the windows from the ledger, one window's rows at a time. */
  recordFor(limit: ConcentrationLimit, d: KillSubject, amounts: Amounts): void {
    const i = this.limits.indexOf(limit);
    if (i >= 0) this.recordAt(i, d, amounts, this.now());
  }

  private recordAt(i: number, d: KillSubject, amounts: Amounts, t: number): void {
    const limit = this.limits[i]!;
    const amount = amounts[limit.measure];
    if (amount === undefined || !(amount > 0)) return;
    const w = this.windows[i]!;
    const slot = w.advance(t);
    w.total[slot] = w.total[slot]! + amount;
    const group = groupOf(limit, d);
    if (group === undefined) return;
    let g = w.groups.get(group);
    if (!g) w.groups.set(group, (g = new Float64Array(BUCKETS)));
    g[slot] = g[slot]! + amount;
  }

  /** Why this deployment should wait behind others: `concentration:provider=deepseek(62%>50%)`. */
  overCap(d: KillSubject): string | undefined {
    if (this.limits.length === 0) return undefined;
    const t = this.now();
    for (let i = 0; i < this.limits.length; i++) {
      const limit = this.limits[i]!;
      const group = groupOf(limit, d);
      if (group === undefined || (limit.only && !limit.only.some((name) => sameGroup(limit, name, group)))) continue;
      const w = this.windows[i]!;
      w.advance(t);
      const share = w.share(group);
      if (share >= limit.maxShare) {
        return `concentration:${limit.by}=${group}(${pct(share)}>=${pct(limit.maxShare)} of ${limit.measure})`;
      }
    }
    return undefined;
  }

  /** Every group's current share under every limit, largest first. */
  shares(): ShareReading[] {
    const t = this.now();
    const out: ShareReading[] = [];
    this.limits.forEach((limit, i) => {
      const w = this.windows[i]!;
      w.advance(t);
      for (const group of w.groups.keys()) out.push({ limit, group, share: w.share(group) });
    });
    return out.sort((a, b) => b.share - a.share);
  }
}

/** Whether a name in `only` names a group: countries by code, developers by slug, providers by id. */
export function sameGroup(limit: Pick<ConcentrationLimit, 'by'>, name: string, group: string): boolean {
  if (limit.by === 'developer') return sameDeveloper(name, group);
  if (limit.by === 'origin') return name.toUpperCase() === group.toUpperCase();
  return name.toLowerCase() === group.toLowerCase();
}

function groupOf(limit: ConcentrationLimit, d: KillSubject): string | undefined {
  if (limit.by === 'provider') return d.providerId;
  if (limit.by === 'developer') return d.info.developer;
  return d.info.origin;
}

function sum(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}
