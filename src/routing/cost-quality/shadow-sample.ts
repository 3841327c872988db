import type { Tier } from './cost-quality-router.js';

/**
 * One request answered by both tiers: the tier the router chose served the client, the other answered in
 * the background. With a judge, the verdict says whether the cheap answer was as good. These are the
 * gateway's own training data (`switchyard router train --from-ledger`) and its evidence for savings.
 */
export interface ShadowSample {
  id: string;
  ts: number;
  route: string;
  requestId: string;
  score: number;
  /**
   * The route's threshold when the request was routed: the router chose the cheap tier when score >= it.
   * With the score, it says what the router decided even when a self-check fallback overrode it.
   */
  threshold?: number;
  servedTier: Tier;
  weakModel?: string;
  strongModel?: string;
  /** The request's messages as JSON, capped; absent unless answers are stored. */
  prompt?: string;
  weakAnswer?: string;
  strongAnswer?: string;
  weakCostUsd?: number;
  strongCostUsd?: number;
  verdict?: ShadowVerdict;
  judgeModel?: string;
}

export type ShadowVerdict = 'weak_as_good' | 'strong_better';

export interface ShadowStore {
  add(sample: ShadowSample): Promise<void>;
  /** Samples in a time range, oldest first. */
  list(range: { since: number; until: number }): Promise<ShadowSample[]>;
}
