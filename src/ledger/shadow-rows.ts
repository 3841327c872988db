import type { Tier } from '../routing/cost-quality/cost-quality-router.js';
import type { ShadowSample, ShadowVerdict } from '../routing/cost-quality/shadow-sample.js';

/** The `shadow_samples` row, as every backend reads it. */
export interface ShadowSampleRow {
  id: string;
  ts: number;
  route: string;
  request_id: string;
  score: number;
  served_tier: string;
  weak_model: string | null;
  strong_model: string | null;
  prompt: string | null;
  weak_answer: string | null;
  strong_answer: string | null;
  weak_cost_usd: number | null;
  strong_cost_usd: number | null;
  verdict: string | null;
  judge_model: string | null;
  threshold?: number | null;
}

/** The table's columns, in the order `shadowSampleParams` gives their values. */
export const SHADOW_SAMPLE_COLUMNS = [
  'id', 'ts', 'route', 'request_id', 'score', 'served_tier', 'weak_model', 'strong_model', 'prompt',
  'weak_answer', 'strong_answer', 'weak_cost_usd', 'strong_cost_usd', 'verdict', 'judge_model', 'threshold',
] as const;

export function shadowSampleParams(s: ShadowSample): unknown[] {
  return [
    s.id, s.ts, s.route, s.requestId, s.score, s.servedTier, s.weakModel ?? null, s.strongModel ?? null, s.prompt ?? null,
    s.weakAnswer ?? null, s.strongAnswer ?? null, s.weakCostUsd ?? null, s.strongCostUsd ?? null, s.verdict ?? null, s.judgeModel ?? null,
    s.threshold !== undefined && Number.isFinite(s.threshold) ? s.threshold : null,
  ];
}

export function shadowSampleOf(r: ShadowSampleRow): ShadowSample {
  return {
    id: r.id,
    ts: Number(r.ts),
    route: r.route,
    requestId: r.request_id,
    score: r.score,
    ...(r.threshold !== undefined && r.threshold !== null && { threshold: r.threshold }),
    servedTier: r.served_tier as Tier,
    ...(r.weak_model !== null && { weakModel: r.weak_model }),
    ...(r.strong_model !== null && { strongModel: r.strong_model }),
    ...(r.prompt !== null && { prompt: r.prompt }),
    ...(r.weak_answer !== null && { weakAnswer: r.weak_answer }),
    ...(r.strong_answer !== null && { strongAnswer: r.strong_answer }),
    ...(r.weak_cost_usd !== null && { weakCostUsd: r.weak_cost_usd }),
    ...(r.strong_cost_usd !== null && { strongCostUsd: r.strong_cost_usd }),
    ...(r.verdict !== null && { verdict: r.verdict as ShadowVerdict }),
    ...(r.judge_model !== null && { judgeModel: r.judge_model }),
  };
}
