import { wilsonInterval } from '../../reports/wilson-interval.js';

/** One judged shadow sample, as the self-check reads it. */
export interface JudgedSample {
  /** The router's score for the request. */
  score: number;
  /** The route's threshold when it was routed: the router chose the cheap tier when score >= threshold. */
  threshold: number;
  /** The judge found the cheap answer as good as the strong one. */
  weakAsGood: boolean;
}

/**
 * `better`: the router beats random at its threshold (the interval lies above 0); `worse`: it is below
 * (the interval lies below 0); `unclear`: too few samples, the interval holds 0, or the router sent every
 * sample to one tier (then it is no different from a random router with that share).
 */
export type RouterCheckState = 'better' | 'worse' | 'unclear';

export interface RouterAssessment {
  /** Judged samples read. */
  samples: number;
  /** Of them, those the router sent to the cheap tier. */
  routedWeak: number;
  /** How often the cheap answer was as good among requests the router sent cheap, and among those it kept strong. */
  weakAsGoodWhenWeak: number | null;
  weakAsGoodWhenStrong: number | null;
  /**
   * The difference of the two: a random router with the same cheap share has 0 (it sends requests cheap
   * regardless of whether cheap suffices); a useful one sends cheap the requests where cheap suffices.
   */
  advantage: number | null;
  /** 95% interval of the advantage (Newcombe's method from two Wilson intervals). */
  low: number | null;
  high: number | null;
  state: RouterCheckState;
  /** Why, in a sentence. */
  reason: string;
}

/** Fewer judged samples than this on either side of the threshold are not evidence either way. */
export const MIN_PER_SIDE = 5;

/**
 * Whether a cost-quality router beats random at its threshold, from judged shadow samples. Shadow samples
 * are a random share of the route's requests answered by both tiers, so among them the router's split is an
 * unbiased test: if it routes well, the cheap answer is as good more often among requests it sent cheap than
 * among those it kept strong.
 */
export function assessRouter(samples: readonly JudgedSample[], minSamples: number): RouterAssessment {
  let weakN = 0;
  let weakGood = 0;
  let strongN = 0;
  let strongGood = 0;
  for (const s of samples) {
    if (s.score >= s.threshold) {
      weakN++;
      if (s.weakAsGood) weakGood++;
    } else {
      strongN++;
      if (s.weakAsGood) strongGood++;
    }
  }
  const base = { samples: samples.length, routedWeak: weakN };
  const none = { weakAsGoodWhenWeak: weakN ? weakGood / weakN : null, weakAsGoodWhenStrong: strongN ? strongGood / strongN : null, advantage: null, low: null, high: null };
  if (samples.length < minSamples) {
    return { ...base, ...none, state: 'unclear', reason: `${samples.length} judged samples of the ${minSamples} needed` };
  }
  if (weakN < MIN_PER_SIDE || strongN < MIN_PER_SIDE) {
    return { ...base, ...none, state: 'unclear', reason: `the router sent ${weakN} samples cheap and ${strongN} strong: at least ${MIN_PER_SIDE} on each side are needed to compare` };
  }
  const p1 = weakGood / weakN;
  const p2 = strongGood / strongN;
  const [l1, u1] = wilsonInterval(weakGood, weakN)!;
  const [l2, u2] = wilsonInterval(strongGood, strongN)!;
  const advantage = p1 - p2;
  const low = advantage - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2);
  const high = advantage + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2);
  const figures = `cheap as good ${pct(p1)} when routed cheap vs ${pct(p2)} when kept strong`;
  const state: RouterCheckState = low > 0 ? 'better' : high < 0 ? 'worse' : 'unclear';
  const reason = {
    better: `beats random: ${figures}`,
    worse: `worse than random: ${figures}`,
    unclear: `not distinguishable from random yet: ${figures}`,
  }[state];
  return { ...base, weakAsGoodWhenWeak: p1, weakAsGoodWhenStrong: p2, advantage, low, high, state, reason };
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
