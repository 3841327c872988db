import type { RouterCalibration } from './model-file.js';

/** Quantiles of the validation scores and the relative quality at each whole-percent strong share. */
export function calibrate(scores: ArrayLike<number>, weak: ArrayLike<number>, strong: ArrayLike<number>): RouterCalibration {
  const n = scores.length;
  if (n === 0) throw new Error('cannot calibrate on no examples');
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  const scoreQuantiles: number[] = [];
  for (let i = 0; i <= 100; i++) {
    const pos = (i / 100) * (n - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(n - 1, lo + 1);
    scoreQuantiles.push(scores[order[lo]!]! + (pos - lo) * (scores[order[hi]!]! - scores[order[lo]!]!));
  }
  let strongTotal = 0;
  let quality = 0;
  for (let i = 0; i < n; i++) (strongTotal += strong[i]!), (quality += weak[i]!);
  const relativeQuality: number[] = [];
  let k = 0;
  for (let i = 0; i <= 100; i++) {
    const target = Math.round((i / 100) * n);
    for (; k < target; k++) quality += strong[order[k]!]! - weak[order[k]!]!;
    relativeQuality.push(strongTotal > 0 ? quality / strongTotal : 1);
  }
  return { scoreQuantiles, relativeQuality, examples: n };
}
