import { firstShareReaching, valueAtShare, type CurvePoint } from './routing-curve.js';

export const QUALITY_SHARES = [0.1, 0.2, 0.3, 0.5] as const;

/** RouteLLM's figures for one curve, plus cost at 95% of the strong model's quality. */
export interface CurveMetrics {
  /** Area under PGR over strong-call share 0..1 (random = 0.5); null when strong is not better than weak. */
  apgr: number | null;
  /** Strong-call share at which PGR first reaches 50% / 80%. */
  cpt50: number | null;
  cpt80: number | null;
  /** Mean quality at 10/20/30/50% strong calls. */
  qualityAt: Record<string, number>;
  /** The smallest strong-call share whose quality reaches 95% of always-strong. */
  shareAt95: number | null;
  /** 1 − cost at that share / cost of always-strong; null without per-row costs. */
  costSavedAt95: number | null;
}

/** PGR of a quality: (quality − weak) / (strong − weak). */
export function pgr(quality: number, weak: number, strong: number): number {
  return (quality - weak) / (strong - weak);
}

/** Trapezoid area under PGR(share) over 0..1 (uncapped PGR, as RouteLLM computes it). */
export function apgrOf(curve: readonly CurvePoint[], weak: number, strong: number): number | null {
  if (!(strong > weak) || curve.length < 2) return null;
  let area = 0;
  for (let i = 1; i < curve.length; i++) {
    const a = curve[i - 1]!;
    const b = curve[i]!;
    area += ((pgr(a.quality, weak, strong) + pgr(b.quality, weak, strong)) / 2) * (b.share - a.share);
  }
  return area;
}

/** CPT(x): the strong-call share at which quality first reaches weak + x·(strong − weak). */
export function cptOf(curve: readonly CurvePoint[], weak: number, strong: number, x: number): number | null {
  if (!(strong > weak)) return null;
  return firstShareReaching(curve, weak + x * (strong - weak));
}

export function curveMetrics(curve: readonly CurvePoint[], weak: number, strong: number): CurveMetrics {
  const qualityAt: Record<string, number> = {};
  for (const s of QUALITY_SHARES) qualityAt[String(s)] = valueAtShare(curve, s);
  const shareAt95 = firstShareReaching(curve, 0.95 * strong);
  const last = curve[curve.length - 1];
  const hasCost = last?.cost !== undefined;
  const costSavedAt95 =
    hasCost && shareAt95 !== null && last.cost! > 0 ? 1 - valueAtShare(curve, shareAt95, 'cost') / last.cost! : null;
  return {
    apgr: apgrOf(curve, weak, strong),
    cpt50: cptOf(curve, weak, strong, 0.5),
    cpt80: cptOf(curve, weak, strong, 0.8),
    qualityAt,
    shareAt95,
    costSavedAt95,
  };
}
