import { datasetOf, type RoutingExample } from './routing-example.js';
import { oracleCurve, randomCurve, routerCurve, type CurvePoint, type ScoredRow } from './routing-curve.js';
import { curveMetrics, type CurveMetrics } from './router-metrics.js';

/** The evaluation of one dataset: the three routers' curves and figures side by side. */
export interface DatasetEvaluation {
  dataset: string;
  n: number;
  weakQuality: number;
  strongQuality: number;
  hasCosts: boolean;
  router: CurveMetrics;
  random: CurveMetrics;
  oracle: CurveMetrics;
  curves: { router: CurvePoint[]; random: CurvePoint[]; oracle: CurvePoint[] };
}

export function scoredRow(e: RoutingExample, score: number): ScoredRow {
  const row: ScoredRow = { score, weak: e.weak_score, strong: e.strong_score };
  if (e.weak_cost !== undefined) row.weakCost = e.weak_cost;
  if (e.strong_cost !== undefined) row.strongCost = e.strong_cost;
  return row;
}

export function evaluateRows(dataset: string, rows: readonly ScoredRow[]): DatasetEvaluation {
  const n = rows.length;
  const weak = rows.reduce((s, r) => s + r.weak, 0) / n;
  const strong = rows.reduce((s, r) => s + r.strong, 0) / n;
  const curves = { router: routerCurve(rows), random: randomCurve(rows), oracle: oracleCurve(rows) };
  return {
    dataset,
    n,
    weakQuality: weak,
    strongQuality: strong,
    hasCosts: curves.random[0]?.cost !== undefined,
    router: curveMetrics(curves.router, weak, strong),
    random: curveMetrics(curves.random, weak, strong),
    oracle: curveMetrics(curves.oracle, weak, strong),
    curves,
  };
}

/** Evaluate scores (one per example, same order) per dataset, datasets in name order. */
export function evaluateByDataset(examples: readonly RoutingExample[], scores: ArrayLike<number>): DatasetEvaluation[] {
  const groups = new Map<string, ScoredRow[]>();
  examples.forEach((e, i) => {
    const name = datasetOf(e);
    let rows = groups.get(name);
    if (!rows) groups.set(name, (rows = []));
    rows.push(scoredRow(e, scores[i]!));
  });
  return [...groups.keys()].sort().map((name) => evaluateRows(name, groups.get(name)!));
}

/** The name of the pooled evaluation: every example of the file as one dataset. */
export const POOLED = 'all';

/**
 * `dataset`: one evaluation per dataset and, when there are several, the pooled one after them (a file with
 * many `dataset` values still has one overall figure); `none`: the pooled one only.
 */
export function evaluateExamples(examples: readonly RoutingExample[], scores: ArrayLike<number>, by: 'dataset' | 'none'): DatasetEvaluation[] {
  const pooled = () => evaluateRows(POOLED, examples.map((e, i) => scoredRow(e, scores[i]!)));
  if (by === 'none') return [pooled()];
  const each = evaluateByDataset(examples, scores);
  return each.length > 1 ? [...each, pooled()] : each;
}
