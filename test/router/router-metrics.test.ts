import { describe, expect, it } from 'vitest';
import { evaluateRows } from '../../src/routing/router/evaluate-router.js';
import { oracleCurve, randomCurve, routerCurve, type ScoredRow } from '../../src/routing/router/routing-curve.js';
import { apgrOf, cptOf, curveMetrics } from '../../src/routing/router/router-metrics.js';

// Four prompts, worked by hand: weak mean 0.25, strong mean 0.75 (gap 0.5); each costs 1 (weak) or 10 (strong).
const rows: ScoredRow[] = [
  { score: 0.1, weak: 0, strong: 1, weakCost: 1, strongCost: 10 }, // A: strong helps
  { score: 0.9, weak: 1, strong: 1, weakCost: 1, strongCost: 10 }, // B: both right
  { score: 0.6, weak: 0, strong: 1, weakCost: 1, strongCost: 10 }, // C: strong helps
  { score: 0.3, weak: 0, strong: 0, weakCost: 1, strongCost: 10 }, // D: both wrong
];

describe('routing curve and RouteLLM metrics on a hand-computed case', () => {
  it('sweeps the threshold from the lowest score up', () => {
    expect(routerCurve(rows).map((p) => [p.share, p.quality])).toEqual([
      [0, 0.25],
      [0.25, 0.5],
      [0.5, 0.5],
      [0.75, 0.75],
      [1, 0.75],
    ]);
  });

  it('APGR is the trapezoid area under PGR: (0.25 + 0.5 + 0.75 + 1) × 0.25 = 0.625', () => {
    expect(apgrOf(routerCurve(rows), 0.25, 0.75)).toBeCloseTo(0.625, 12);
  });

  it('CPT(50%) = 25% and CPT(80%) = 65% (interpolated within the segment)', () => {
    expect(cptOf(routerCurve(rows), 0.25, 0.75, 0.5)).toBeCloseTo(0.25, 12);
    expect(cptOf(routerCurve(rows), 0.25, 0.75, 0.8)).toBeCloseTo(0.65, 12);
  });

  it('the oracle sends the two prompts the strong model gains on first: APGR 0.75', () => {
    const c = oracleCurve(rows);
    expect(c.map((p) => [p.share, p.quality])).toEqual([
      [0, 0.25],
      [0.5, 0.75],
      [1, 0.75],
    ]);
    expect(apgrOf(c, 0.25, 0.75)).toBeCloseTo(0.75, 12);
  });

  it('the random router is the straight line: APGR 0.5, CPT(x) = x', () => {
    const m = curveMetrics(randomCurve(rows), 0.25, 0.75);
    expect(m.apgr).toBeCloseTo(0.5, 12);
    expect(m.cpt50).toBeCloseTo(0.5, 12);
    expect(m.cpt80).toBeCloseTo(0.8, 12);
    expect(m.qualityAt['0.1']).toBeCloseTo(0.3, 12);
  });

  it('cost saved at 95% of strong quality, router / random / oracle', () => {
    const ev = evaluateRows('hand', rows);
    // target 0.7125: router reaches it at share 0.7125 → cost 22 + 0.85 × 9 = 29.65 of 40.
    expect(ev.router.shareAt95).toBeCloseTo(0.7125, 12);
    expect(ev.router.costSavedAt95).toBeCloseTo(1 - 29.65 / 40, 12);
    // random: share 0.925 → cost 4 + 0.925 × 36 = 37.3.
    expect(ev.random.costSavedAt95).toBeCloseTo(1 - 37.3 / 40, 12);
    // oracle: share 0.4625 → cost 4 + 0.925 × 18 = 20.65.
    expect(ev.oracle.costSavedAt95).toBeCloseTo(1 - 20.65 / 40, 12);
    expect(ev.router.qualityAt['0.1']).toBeCloseTo(0.35, 12);
  });

  it('rows with equal scores cannot be split by a threshold: one point per tie group', () => {
    const tied = rows.map((r) => ({ ...r, score: 0.5 }));
    expect(routerCurve(tied).map((p) => p.share)).toEqual([0, 1]);
    expect(apgrOf(routerCurve(tied), 0.25, 0.75)).toBeCloseTo(0.5, 12);
  });

  it('PGR figures are undefined (null) when the strong model is not better', () => {
    const flat = rows.map((r) => ({ ...r, strong: r.weak }));
    const m = evaluateRows('flat', flat);
    expect(m.router.apgr).toBeNull();
    expect(m.router.cpt50).toBeNull();
    expect(m.hasCosts).toBe(true);
  });
});
