/**
 * Gradient-boosted regression trees on the log loss, over the dense statistics only (small, exact, no
 * dependencies). Each tree has depth ≤ `depth`, splits chosen on candidate thresholds at feature quantiles,
 * leaves set by one Newton step; predictions are the sum of leaf values (a logit).
 */
export interface BoostOptions {
  rounds?: number;
  depth?: number;
  shrinkage?: number;
  minLeaf?: number;
  /** Candidate thresholds per feature (quantiles of the training values). */
  candidates?: number;
  /** Share of rows sampled (without replacement) per tree; 1 = all. */
  subsample?: number;
  random?: () => number;
  /** Per-row starting logit added to the base (e.g. per-dataset offsets learnt beside the trees, then dropped). */
  offsets?: ArrayLike<number>;
  /** Per-row weights on the loss (e.g. dataset-balanced); default 1. */
  weights?: ArrayLike<number>;
}

/** A tree in flat arrays: node i splits on feature[i] at threshold[i] (x < t → left[i]) or is a leaf (feature −1). */
export interface FlatTree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
}

export interface BoostedTrees {
  base: number;
  trees: FlatTree[];
}

export function predictBoosted(model: BoostedTrees, x: ArrayLike<number>): number {
  let z = model.base;
  for (const t of model.trees) {
    let i = 0;
    while (t.feature[i]! >= 0) i = x[t.feature[i]!]! < t.threshold[i]! ? t.left[i]! : t.right[i]!;
    z += t.value[i]!;
  }
  return z;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function trainBoosted(xs: readonly ArrayLike<number>[], ys: readonly number[], opts: BoostOptions = {}): BoostedTrees {
  const rounds = opts.rounds ?? 100;
  const depth = opts.depth ?? 3;
  const eta = opts.shrinkage ?? 0.1;
  const minLeaf = opts.minLeaf ?? 10;
  const nCand = opts.candidates ?? 16;
  const subsample = opts.subsample ?? 1;
  const random = opts.random ?? Math.random;
  const n = xs.length;
  const dim = n ? xs[0]!.length : 0;
  const mean = ys.reduce((a, b) => a + b, 0) / Math.max(1, n);
  const base = Math.log(Math.max(1e-3, mean) / Math.max(1e-3, 1 - mean));
  const cands: number[][] = [];
  for (let j = 0; j < dim; j++) {
    const v = xs.map((x) => x[j]!).sort((a, b) => a - b);
    const set = new Set<number>();
    for (let q = 1; q < nCand; q++) set.add(v[Math.floor((q / nCand) * n)]!);
    cands.push([...set]);
  }
  const z = new Float64Array(n).fill(base);
  if (opts.offsets) for (let i = 0; i < n; i++) z[i] = base + opts.offsets[i]!;
  const wt = opts.weights;
  const trees: FlatTree[] = [];
  for (let r = 0; r < rounds; r++) {
    const g = new Float64Array(n);
    const h = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const p = sigmoid(z[i]!);
      const w = wt ? wt[i]! : 1;
      g[i] = (ys[i]! - p) * w;
      h[i] = Math.max(1e-6, p * (1 - p)) * w;
    }
    let rows = [...Array(n).keys()];
    if (subsample < 1) rows = rows.filter(() => random() < subsample);
    const tree: FlatTree = { feature: [], threshold: [], left: [], right: [], value: [] };
    const grow = (idx: number[], d: number): number => {
      const node = tree.feature.length;
      tree.feature.push(-1);
      tree.threshold.push(0);
      tree.left.push(-1);
      tree.right.push(-1);
      let G = 0, H = 0;
      for (const i of idx) (G += g[i]!), (H += h[i]!);
      tree.value.push((eta * G) / (H + 1));
      if (d >= depth || idx.length < 2 * minLeaf) return node;
      const parent = (G * G) / (H + 1);
      let best = { gain: 1e-9, j: -1, t: 0 };
      for (let j = 0; j < dim; j++)
        for (const t of cands[j]!) {
          let gl = 0, hl = 0, nl = 0;
          for (const i of idx) if (xs[i]![j]! < t) (gl += g[i]!), (hl += h[i]!), nl++;
          if (nl < minLeaf || idx.length - nl < minLeaf) continue;
          const gain = (gl * gl) / (hl + 1) + ((G - gl) * (G - gl)) / (H - hl + 1) - parent;
          if (gain > best.gain) best = { gain, j, t };
        }
      if (best.j < 0) return node;
      tree.feature[node] = best.j;
      tree.threshold[node] = best.t;
      const l = grow(idx.filter((i) => xs[i]![best.j]! < best.t), d + 1);
      const rr = grow(idx.filter((i) => xs[i]![best.j]! >= best.t), d + 1);
      tree.left[node] = l;
      tree.right[node] = rr;
      return node;
    };
    grow(rows, 0);
    trees.push(tree);
    for (let i = 0; i < n; i++) z[i] = z[i]! + predictBoosted({ base: 0, trees: [tree] }, xs[i]!);
  }
  return { base, trees };
}

/** Boosted trees as a router scorer over the (unscaled) dense statistics. */
export class BoostedTreesNet {
  readonly kind = 'gbt' as const;
  constructor(readonly model: BoostedTrees) {}
  logit(f: { dense: Float32Array }): number {
    return predictBoosted(this.model, f.dense);
  }
}

/**
 * The lr + gbt ensemble (kind ens): a weighted mean of a logistic regression's logit and boosted trees' logit, the
 * trees reading the dense and code statistics.
 */
export class EnsembleNet {
  readonly kind = 'ens' as const;
  constructor(
    readonly lr: { logit(f: { idx: Int32Array; val: Float32Array; n: number; dense: Float32Array }): number },
    readonly gbt: BoostedTreesNet,
    readonly lrWeight: number,
  ) {}
  logit(f: { idx: Int32Array; val: Float32Array; n: number; dense: Float32Array }): number {
    return this.lrWeight * this.lr.logit(f) + (1 - this.lrWeight) * this.gbt.logit(f);
  }
}

/** Trees as flat float32 columns for the model file: every tree's nodes concatenated, child indices global. */
export function flattenTrees(model: BoostedTrees): { roots: Float32Array; feature: Float32Array; threshold: Float32Array; left: Float32Array; right: Float32Array; value: Float32Array } {
  const nodes = model.trees.reduce((a, t) => a + t.feature.length, 0);
  const out = { roots: new Float32Array(model.trees.length), feature: new Float32Array(nodes), threshold: new Float32Array(nodes), left: new Float32Array(nodes), right: new Float32Array(nodes), value: new Float32Array(nodes) };
  let at = 0;
  model.trees.forEach((t, k) => {
    out.roots[k] = at;
    for (let i = 0; i < t.feature.length; i++) {
      out.feature[at + i] = t.feature[i]!;
      out.threshold[at + i] = t.threshold[i]!;
      out.left[at + i] = t.left[i]! < 0 ? -1 : at + t.left[i]!;
      out.right[at + i] = t.right[i]! < 0 ? -1 : at + t.right[i]!;
      out.value[at + i] = t.value[i]!;
    }
    at += t.feature.length;
  });
  return out;
}

/** Rebuild trees from the flat columns, checking every index. */
export function unflattenTrees(base: number, cols: ReturnType<typeof flattenTrees>, denseDim: number): BoostedTrees {
  const n = cols.feature.length;
  const trees: FlatTree[] = [];
  for (let k = 0; k < cols.roots.length; k++) {
    const start = cols.roots[k]!;
    const end = k + 1 < cols.roots.length ? cols.roots[k + 1]! : n;
    if (!(Number.isInteger(start) && start >= 0 && end <= n && start < end)) throw new Error('router model: bad tree roots');
    const t: FlatTree = { feature: [], threshold: [], left: [], right: [], value: [] };
    for (let i = start; i < end; i++) {
      const f = cols.feature[i]!;
      const isLeaf = f < 0;
      if (!isLeaf && !(Number.isInteger(f) && f < denseDim)) throw new Error('router model: bad tree feature');
      const l = cols.left[i]!;
      const r = cols.right[i]!;
      if (!isLeaf && !(l > i && l < end && r > i && r < end)) throw new Error('router model: bad tree child');
      t.feature.push(isLeaf ? -1 : f);
      t.threshold.push(cols.threshold[i]!);
      t.left.push(isLeaf ? -1 : l - start);
      t.right.push(isLeaf ? -1 : r - start);
      t.value.push(cols.value[i]!);
    }
    trees.push(t);
  }
  return { base, trees };
}
