/** One prompt as the evaluation sees it: the router's score and both models' outcomes. */
export interface ScoredRow {
  /** The router's P(the cheap model suffices): the lowest scores go to the strong model first. */
  score: number;
  weak: number;
  strong: number;
  weakCost?: number;
  strongCost?: number;
}

/** A point on the curve: the share of calls sent to the strong model and the mean quality it gives. */
export interface CurvePoint {
  share: number;
  quality: number;
  /** Total cost of the routed answers, when every row has both costs. */
  cost?: number;
}

/**
 * The curve a threshold sweep gives: rows go to the strong model in the given order (lowest key first); rows
 * with equal keys cannot be separated by a threshold, so a point is made only after each group of ties (the
 * straight line between two points is what a random tie-break gives on average).
 */
function curveInOrder(rows: readonly ScoredRow[], key: (r: ScoredRow) => number): CurvePoint[] {
  const n = rows.length;
  if (n === 0) return [];
  const withCost = rows.every((r) => r.weakCost !== undefined && r.strongCost !== undefined);
  const sorted = [...rows].sort((a, b) => key(a) - key(b));
  let quality = 0;
  let cost = 0;
  for (const r of rows) {
    quality += r.weak;
    if (withCost) cost += r.weakCost!;
  }
  const point = (k: number): CurvePoint => (withCost ? { share: k / n, quality: quality / n, cost } : { share: k / n, quality: quality / n });
  const points = [point(0)];
  for (let i = 0; i < n; ) {
    const k = key(sorted[i]!);
    while (i < n && key(sorted[i]!) === k) {
      const r = sorted[i]!;
      quality += r.strong - r.weak;
      if (withCost) cost += r.strongCost! - r.weakCost!;
      i++;
    }
    points.push(point(i));
  }
  return points;
}

/** The router's curve: strong calls go to the lowest scores first. */
export function routerCurve(rows: readonly ScoredRow[]): CurvePoint[] {
  return curveInOrder(rows, (r) => r.score);
}

/** The oracle's curve: strong calls go first where the strong model gains most over the weak one. */
export function oracleCurve(rows: readonly ScoredRow[]): CurvePoint[] {
  return curveInOrder(rows, (r) => r.weak - r.strong);
}

/** The random router's expected curve: a straight line from all-weak to all-strong (exact in expectation). */
export function randomCurve(rows: readonly ScoredRow[]): CurvePoint[] {
  const n = rows.length;
  if (n === 0) return [];
  const withCost = rows.every((r) => r.weakCost !== undefined && r.strongCost !== undefined);
  let weak = 0, strong = 0, weakCost = 0, strongCost = 0;
  for (const r of rows) {
    weak += r.weak;
    strong += r.strong;
    if (withCost) (weakCost += r.weakCost!), (strongCost += r.strongCost!);
  }
  return withCost
    ? [{ share: 0, quality: weak / n, cost: weakCost }, { share: 1, quality: strong / n, cost: strongCost }]
    : [{ share: 0, quality: weak / n }, { share: 1, quality: strong / n }];
}

/** Linear interpolation of a curve's field at a strong-call share. */
export function valueAtShare(curve: readonly CurvePoint[], share: number, field: 'quality' | 'cost' = 'quality'): number {
  for (let i = 1; i < curve.length; i++) {
    const a = curve[i - 1]!;
    const b = curve[i]!;
    if (share <= b.share) {
      const t = b.share === a.share ? 1 : (share - a.share) / (b.share - a.share);
      return a[field]! + t * (b[field]! - a[field]!);
    }
  }
  return curve[curve.length - 1]![field]!;
}

/** The smallest share at which the curve's quality first reaches `target` (linear within a segment); null if never. */
export function firstShareReaching(curve: readonly CurvePoint[], target: number): number | null {
  if (curve.length === 0) return null;
  if (curve[0]!.quality >= target) return 0;
  for (let i = 1; i < curve.length; i++) {
    const a = curve[i - 1]!;
    const b = curve[i]!;
    if (b.quality >= target) return a.share + ((target - a.quality) / (b.quality - a.quality)) * (b.share - a.share);
  }
  return null;
}
