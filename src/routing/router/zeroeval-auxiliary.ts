import { readFileSync } from 'node:fs';
import { csvRecords } from './parse-csv.js';

/**
 * Auxiliary supervision from a ZeroEval matrix's other models, for training prompts only.
 *
 * The router's label for one prompt ("the cheap model did at least as well as the strong one") is a single noisy
 * 0/1 draw. The matrix has ~40 other models' correctness on the same prompt; models of about the cheap model's
 * accuracy and of about the strong model's accuracy give many more draws of the same decision. The soft target is
 * the share of (cheap-like, strong-like) pairs where the cheap-like model was at least as good, blended with the
 * pair's own label. It is computed only for the prompts it is asked about (the caller passes training prompts);
 * at inference only the prompt is available and the model is an ordinary router.
 */
export interface ZeroEvalMatrix {
  models: string[];
  /** question text → correctness per model (NaN where missing), in `models` order. */
  rows: Map<string, Float64Array>;
}

export function readZeroEvalMatrix(path: string): ZeroEvalMatrix {
  const records = csvRecords(readFileSync(path, 'utf8'), path);
  const models = records[0] ? Object.keys(records[0]).filter((k) => k.endsWith('|correct')).map((k) => k.slice(0, -8)) : [];
  const rows = new Map<string, Float64Array>();
  for (const r of records) {
    const q = r.question ?? '';
    if (!q) continue;
    rows.set(
      q,
      Float64Array.from(models, (m) => {
        const v = r[`${m}|correct`];
        return v === undefined || v === '' ? Number.NaN : Number(v) > 0 ? 1 : 0;
      }),
    );
  }
  return { models, rows };
}

export interface AuxiliaryOptions {
  weak: string;
  strong: string;
  /** How many models (the named one included) form each pool: those closest in accuracy on the given prompts. */
  poolSize?: number;
  /** Weight of the pair's own label in the blend (0 = pools only, 1 = own label only). */
  ownWeight?: number;
  /**
   * `label`: share of pool pairs with cheap-like ≥ strong-like (the router's own label, averaged).
   * `gain`: (1 + cheap-like accuracy − strong-like accuracy) / 2 on the prompt, so that prompts where the cheap
   * model does better than the strong one rank above ties (RouteLLM's curves reward that ordering too).
   */
  target?: 'label' | 'gain';
  /**
   * `pools` (default): the pair labels of the models nearest in accuracy, as above. `ease`: the prompt's ease (share
   * of all other models that answered it correctly) is cut into `bins` quantile bins over the training prompts, and
   * the target is the mean of the pair's own label (or gain) within the prompt's bin: a denoised label that follows
   * the label's actual relation to difficulty (often non-monotone: the hardest prompts defeat both models).
   */
  method?: 'pools' | 'ease';
  bins?: number;
}

/** Accuracy of every model over the given prompts (missing answers left out). */
function accuracies(matrix: ZeroEvalMatrix, prompts: readonly string[]): Float64Array {
  const sum = new Float64Array(matrix.models.length);
  const n = new Float64Array(matrix.models.length);
  for (const p of prompts) {
    const row = matrix.rows.get(p);
    if (!row) continue;
    row.forEach((v, j) => {
      if (!Number.isNaN(v)) {
        sum[j] = sum[j]! + v;
        n[j] = n[j]! + 1;
      }
    });
  }
  return sum.map((s, j) => (n[j]! > 0 ? s / n[j]! : Number.NaN));
}

/** The `size` models whose accuracy is closest to `center`'s (itself first), excluding `exclude`. */
function poolAround(matrix: ZeroEvalMatrix, acc: Float64Array, center: number, size: number, exclude: Set<number>): number[] {
  const others = matrix.models
    .map((_, j) => j)
    .filter((j) => j !== center && !exclude.has(j) && !Number.isNaN(acc[j]!))
    .sort((a, b) => Math.abs(acc[a]! - acc[center]!) - Math.abs(acc[b]! - acc[center]!) || a - b);
  return [center, ...others.slice(0, Math.max(0, size - 1))];
}

/**
 * Soft targets for the given training prompts: prompt → blend of the pair's own label and the share of pool
 * pairs (cheap-like ≥ strong-like). Pools are chosen by accuracy on these same training prompts.
 */
export function auxiliaryTargets(matrix: ZeroEvalMatrix, trainingPrompts: readonly string[], opts: AuxiliaryOptions): Map<string, number> {
  const wi = matrix.models.indexOf(opts.weak);
  const si = matrix.models.indexOf(opts.strong);
  if (wi < 0 || si < 0) throw new Error(`matrix has no column for ${wi < 0 ? opts.weak : opts.strong}`);
  const size = opts.poolSize ?? 5;
  const own = opts.ownWeight ?? 0.5;
  const gain = opts.target === 'gain';
  if (opts.method === 'ease') return easeTargets(matrix, trainingPrompts, wi, si, own, gain, opts.bins ?? 8);
  const acc = accuracies(matrix, trainingPrompts);
  const weakPool = poolAround(matrix, acc, wi, size, new Set([si]));
  const strongPool = poolAround(matrix, acc, si, size, new Set(weakPool));
  const out = new Map<string, number>();
  for (const p of trainingPrompts) {
    const row = matrix.rows.get(p);
    if (!row || Number.isNaN(row[wi]!) || Number.isNaN(row[si]!)) continue;
    let agree = 0;
    let pairs = 0;
    for (const w of weakPool)
      for (const s of strongPool) {
        const a = row[w]!;
        const b = row[s]!;
        if (Number.isNaN(a) || Number.isNaN(b)) continue;
        pairs++;
        agree += gain ? (1 + a - b) / 2 : a >= b ? 1 : 0;
      }
    const ownLabel = gain ? (1 + row[wi]! - row[si]!) / 2 : row[wi]! >= row[si]! ? 1 : 0;
    out.set(p, pairs ? own * ownLabel + (1 - own) * (agree / pairs) : ownLabel);
  }
  return out;
}

function easeTargets(matrix: ZeroEvalMatrix, prompts: readonly string[], wi: number, si: number, own: number, gain: boolean, bins: number): Map<string, number> {
  const items: Array<{ p: string; ease: number; label: number }> = [];
  for (const p of prompts) {
    const row = matrix.rows.get(p);
    if (!row || Number.isNaN(row[wi]!) || Number.isNaN(row[si]!)) continue;
    let sum = 0;
    let n = 0;
    row.forEach((v, j) => {
      if (j !== wi && j !== si && !Number.isNaN(v)) {
        sum += v;
        n++;
      }
    });
    const label = gain ? (1 + row[wi]! - row[si]!) / 2 : row[wi]! >= row[si]! ? 1 : 0;
    items.push({ p, ease: n ? sum / n : 0.5, label });
  }
  // Quantile bins by ease; prompts of equal ease always share a bin.
  const sorted = [...items].sort((a, b) => a.ease - b.ease);
  const out = new Map<string, number>();
  const per = Math.max(1, Math.ceil(sorted.length / bins));
  for (let start = 0; start < sorted.length; ) {
    let end = Math.min(sorted.length, start + per);
    while (end < sorted.length && sorted[end]!.ease === sorted[end - 1]!.ease) end++;
    const group = sorted.slice(start, end);
    const mean = group.reduce((a, b) => a + b.label, 0) / group.length;
    for (const it of group) out.set(it.p, own * it.label + (1 - own) * mean);
    start = end;
  }
  return out;
}
