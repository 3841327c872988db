import { calibrate } from './calibrate-router.js';
import { evaluateByDataset } from './evaluate-router.js';
import { featuresOfPrompt, type Features } from './extract-features.js';
import { DEFAULT_FEATURE_CONFIG, DENSE_DIM, DENSE_FEATURE_NAMES, ENSEMBLE_FEATURE_NAMES, TREE_FEATURE_NAMES, type FeatureConfig } from './feature-config.js';
import { BoostedTreesNet, EnsembleNet, trainBoosted, type BoostOptions } from './boosted-trees.js';
import { LogisticRegression } from './logistic-regression.js';
import { ROUTER_MODEL_FORMAT, ROUTER_MODEL_VERSION, netWeights, type RouterModelFile } from './model-file.js';
import { fitDenseScaler, type RouterNet } from './router-net.js';
import { datasetOf, type RoutingExample } from './routing-example.js';
import { seededRandom, shuffleInPlace } from './seeded-random.js';
import { SmallMlp } from './small-mlp.js';
import { splitExamples } from './split-examples.js';

export type RouterKind = 'lr' | 'mlp' | 'gbt' | 'ens';

export interface TrainOptions {
  kind?: RouterKind;
  features?: FeatureConfig;
  maxEpochs?: number;
  /** Stop after this many epochs without a better validation APGR. */
  patience?: number;
  learningRate?: number;
  l2?: number;
  hidden?: number;
  seed?: number;
  /** Share of the training prompts held back (per dataset) to pick the epoch and calibrate thresholds. */
  validationShare?: number;
  /** The cheap model "suffices" when weak_score >= strong_score − tieTolerance. */
  tieTolerance?: number;
  sources?: string[];
  /** Gradient-boosted trees (kind gbt) over the dense statistics: rounds, depth, shrinkage, row subsample. */
  boost?: Pick<BoostOptions, 'rounds' | 'depth' | 'shrinkage' | 'subsample' | 'minLeaf'>;
  /** Kind ens: the logistic regression's weight in the mean of the two logits (default ½). */
  lrWeight?: number;
  /**
   * Training target per example, 0..1, in place of the hard label (e.g. a soft label from auxiliary supervision:
   * how often similar cheap models matched similar strong models on that training prompt). Validation (epoch
   * choice, calibration) always uses the examples' own weak and strong scores.
   */
  target?: (e: RoutingExample) => number;
  /**
   * How training examples are weighted (kinds lr and mlp): `none` (default) counts every prompt once, so the largest
   * dataset dominates; `balanced` gives every dataset the same total weight (each prompt weighs N / (D · n_d)), so
   * what is learnt is what holds across datasets rather than the largest one's style.
   */
  datasetWeighting?: 'none' | 'balanced';
  /**
   * Kinds lr and mlp: learn one bias per training dataset beside the model (dataset fixed effects) and drop them
   * from the saved model. The base rate of "the cheap model suffices" differs between benchmarks; with its own
   * bias per dataset, the shared weights are not spent on telling benchmarks apart (their style) and learn what
   * ranks prompts within a dataset, which is all a route's threshold uses.
   */
  datasetBias?: boolean;
  /**
   * false: train on the dense statistics only (the hashed words and character n-grams get no weight), so the
   * model cannot memorise a benchmark's wording. Default true.
   */
  hashed?: boolean;
  /**
   * Kind lr: train this many models with seeds seed, seed + 1, ... (each with its own validation split, epoch and
   * shuffle) and average them into one logistic regression (the mean of linear logits is linear, so the file and
   * the cost per decision are those of one model). Reduces the variance that the epoch choice and the split add.
   */
  bags?: number;
  /** Features of a training example (e.g. a cache shared between runs); default: extracted from its prompt. */
  featuresOf?: (e: RoutingExample, code: boolean) => Features;
  progress?: (message: string) => void;
}

export interface TrainedRouter {
  file: RouterModelFile;
  net: RouterNet;
}

/** The training label: 1 when the cheap model's score is at least the strong model's (within the tolerance). */
export function labelOf(e: RoutingExample, tieTolerance = 0): number {
  return e.weak_score >= e.strong_score - tieTolerance ? 1 : 0;
}

function meanApgr(examples: readonly RoutingExample[], scores: Float64Array): number {
  const evals = evaluateByDataset(examples, scores).filter((e) => e.router.apgr !== null);
  return evals.length ? evals.reduce((s, e) => s + e.router.apgr!, 0) / evals.length : 0;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * Train a router: features of every prompt; a seeded validation split (by prompt, per dataset); Adam epochs on
 * the log loss, keeping the epoch whose validation APGR (mean over datasets) is best; calibration on validation.
 */
export function trainRouter(examples: readonly RoutingExample[], options: TrainOptions = {}): TrainedRouter {
  const kind = options.kind ?? 'lr';
  const features = options.features ?? DEFAULT_FEATURE_CONFIG;
  const seed = options.seed ?? 1;
  const maxEpochs = options.maxEpochs ?? 12;
  const patience = options.patience ?? 3;
  const lr = options.learningRate ?? (kind === 'lr' ? 0.003 : 0.002);
  const l2 = options.l2 ?? 1e-5;
  const hidden = options.hidden ?? 8;
  const tol = options.tieTolerance ?? 0;
  const progress = options.progress ?? (() => {});
  if (examples.length < 4) throw new Error(`need at least 4 examples to train, got ${examples.length}`);

  const { train, test: validation } = splitExamples(examples, options.validationShare ?? 0.2, seed + 7);
  if (train.length === 0 || validation.length === 0) throw new Error('too few prompts for a validation split');
  progress(`features: ${examples.length} prompts`);
  const extract = options.featuresOf ?? ((e: RoutingExample, code: boolean) => featuresOfPrompt(e.prompt, features, code));
  const featuresOf = options.hashed === false ? (e: RoutingExample, code: boolean): Features => ({ ...extract(e, code), n: 0 }) : extract;
  const trainX = train.map((e) => featuresOf(e, kind === 'ens'));
  const validX = validation.map((e) => featuresOf(e, kind === 'ens'));
  function modelFile(k: RouterKind, n: RouterNet | BoostedTreesNet | EnsembleNet, validScores: Float64Array, apgr: number, hyperparameters: Record<string, number | string>): RouterModelFile {
    const datasets: Record<string, number> = {};
    for (const e of examples) datasets[datasetOf(e)] = (datasets[datasetOf(e)] ?? 0) + 1;
    const validation_: Record<string, number | null> = { meanApgr: apgr };
    for (const ev of evaluateByDataset(validation, validScores)) validation_[`apgr:${ev.dataset}`] = ev.router.apgr;
    return {
      format: ROUTER_MODEL_FORMAT,
      version: ROUTER_MODEL_VERSION,
      kind: k,
      features,
      denseFeatures: [...(k === 'gbt' ? TREE_FEATURE_NAMES : k === 'ens' ? ENSEMBLE_FEATURE_NAMES : DENSE_FEATURE_NAMES)],
      label: { rule: 'weak_score >= strong_score - tieTolerance', tieTolerance: tol },
      weights: netWeights(n),
      calibration: calibrate(validScores, validation.map((e) => e.weak_score), validation.map((e) => e.strong_score)),
      training: {
        trainedAt: new Date().toISOString(),
        examples: train.length,
        validationExamples: validation.length,
        datasets,
        sources: options.sources ?? [],
        hyperparameters,
        validation: validation_,
      },
    };
  }
  const trainY = train.map((e) => (options.target ? options.target(e) : labelOf(e, tol)));
  const random = seededRandom(seed);
  // Per-example weights (dataset-balanced or 1) and, with datasetBias, each dataset's base-rate logit.
  const trainD = train.map((e) => datasetOf(e));
  const counts = new Map<string, number>();
  for (const d of trainD) counts.set(d, (counts.get(d) ?? 0) + 1);
  const weightOf = (i: number) => (options.datasetWeighting === 'balanced' ? train.length / (counts.size * counts.get(trainD[i]!)!) : 1);
  const logitOfMean = (ys: number[]) => {
    const m = ys.reduce((a, b) => a + b, 0) / Math.max(1, ys.length);
    return Math.log(Math.max(1e-3, m) / Math.max(1e-3, 1 - m));
  };
  const overall = logitOfMean(trainY);
  const datasetLogit = new Map<string, number>();
  for (const d of counts.keys()) datasetLogit.set(d, logitOfMean(trainY.filter((_, i) => trainD[i] === d)) - overall);
  // Trees: per-dataset starting offsets (with datasetBias) and weights, both for training only.
  const treeExtras = () => ({
    ...(options.datasetBias ? { offsets: trainD.map((d) => datasetLogit.get(d)!) } : {}),
    ...(options.datasetWeighting === 'balanced' ? { weights: trainD.map((_, i) => weightOf(i)) } : {}),
  });
  if (kind === 'ens') {
    // The linear part exactly as kind lr trains it (same seed, so the same validation split), then depth-1 trees
    // over the dense and code statistics on the same training part; the logits are averaged.
    const { net: lrNet } = trainRouter(examples, { ...options, kind: 'lr', progress: () => {} });
    const boost = { rounds: 200, depth: 1, shrinkage: 0.05, subsample: 0.8, minLeaf: 10, ...options.boost };
    progress(`ensemble: lr + ${boost.rounds} trees of depth ${boost.depth}`);
    const gbt = new BoostedTreesNet(trainBoosted(trainX.map((f) => f.dense), trainY, { ...boost, random, ...treeExtras() }));
    const lrWeight = options.lrWeight ?? 0.5;
    const ens = new EnsembleNet(lrNet, gbt, lrWeight);
    const validScores = Float64Array.from(validX, (f) => sigmoid(ens.logit(f)));
    const apgr = meanApgr(validation, validScores);
    progress(`validation APGR ${apgr.toFixed(4)}`);
    return { file: modelFile(kind, ens, validScores, apgr, { kind, ...boost, lrWeight, seed, tieTolerance: tol }), net: ens };
  }
  if (kind === 'gbt') {
    const boost = { rounds: 30, depth: 2, shrinkage: 0.05, subsample: 0.8, minLeaf: 10, ...options.boost };
    progress(`boosting ${boost.rounds} trees of depth ${boost.depth}`);
    const gbt = new BoostedTreesNet(trainBoosted(trainX.map((f) => f.dense), trainY, { ...boost, random, ...treeExtras() }));
    const validScores = Float64Array.from(validX, (f) => sigmoid(gbt.logit(f)));
    const apgr = meanApgr(validation, validScores);
    progress(`validation APGR ${apgr.toFixed(4)}`);
    return { file: modelFile(kind, gbt, validScores, apgr, { kind, ...boost, seed, tieTolerance: tol }), net: gbt };
  }
  if (kind === 'lr' && (options.bags ?? 1) > 1) {
    const nets = Array.from({ length: options.bags! }, (_, k) => trainRouter(examples, { ...options, bags: 1, seed: seed + k, progress: () => {} }).net as LogisticRegression);
    const net = averageLogistic(nets);
    const validScores = Float64Array.from(validX, (f) => sigmoid(net.logit(f)));
    const apgr = meanApgr(validation, validScores);
    progress(`${nets.length} bagged models: validation APGR ${apgr.toFixed(4)}`);
    const hp: Record<string, number | string> = { kind, bags: nets.length, maxEpochs, learningRate: lr, l2, seed, tieTolerance: tol };
    if (options.datasetWeighting === 'balanced') hp.datasetWeighting = 'balanced';
    if (options.datasetBias) hp.datasetBias = 'trained, not saved';
    if (options.hashed === false) hp.hashed = 'no (dense statistics only)';
    return { file: modelFile(kind, net, validScores, apgr, hp), net };
  }
  const scaler = fitDenseScaler(trainX, DENSE_DIM);
  const dim = 1 << features.dimBits;
  const net = kind === 'lr' ? LogisticRegression.zeros(dim, DENSE_DIM, scaler) : SmallMlp.init(dim, DENSE_DIM, hidden, scaler, random);
  const params = kind === 'lr' ? [net.w, net.u, net.bias] : [net.w, net.u, net.bias, (net as SmallMlp).w1, (net as SmallMlp).u1, (net as SmallMlp).b1, (net as SmallMlp).w2];
  const step = net.trainer(lr, l2);

  const base = trainY.reduce((a, b) => a + b, 0) / trainY.length;
  net.bias[0] = Math.log(Math.max(1e-3, base) / Math.max(1e-3, 1 - base));
  const score = (x: readonly Features[]) => Float64Array.from(x, (f) => sigmoid(net.logit(f)));
  // Per-dataset bias offsets (fixed effects), learnt beside the weights and not saved.
  const offsets = new Map<string, number>();
  if (options.datasetBias) for (const [d, v] of datasetLogit) offsets.set(d, v);
  const offsetRate = lr * 10;
  let best = { apgr: -Infinity, epoch: 0, snapshot: params.map((p) => p.slice()) };
  const order = trainX.map((_, i) => i);
  for (let epoch = 1; epoch <= maxEpochs; epoch++) {
    shuffleInPlace(order, random);
    for (const i of order) {
      const off = offsets.get(trainD[i]!) ?? 0;
      const p = sigmoid(net.logit(trainX[i]!) + off);
      const w = weightOf(i);
      step(trainX[i]!, trainY[i]!, p, w);
      if (options.datasetBias) offsets.set(trainD[i]!, off - offsetRate * (p - trainY[i]!) * w);
    }
    const apgr = meanApgr(validation, score(validX));
    progress(`epoch ${epoch}/${maxEpochs}: validation APGR ${apgr.toFixed(4)}`);
    if (apgr > best.apgr) best = { apgr, epoch, snapshot: params.map((p) => p.slice()) };
    else if (epoch - best.epoch >= patience) break;
  }
  params.forEach((p, i) => p.set(best.snapshot[i]!));

  const validScores = score(validX);
  const file = modelFile(kind, net, validScores, best.apgr, {
    kind,
    epochs: best.epoch,
    maxEpochs,
    learningRate: lr,
    l2,
    seed,
    tieTolerance: tol,
    ...(kind === 'mlp' ? { hidden } : {}),
    ...(options.datasetWeighting === 'balanced' ? { datasetWeighting: 'balanced' } : {}),
    ...(options.datasetBias ? { datasetBias: 'trained, not saved' } : {}),
    ...(options.hashed === false ? { hashed: 'no (dense statistics only)' } : {}),
  });
  return { file, net };
}

/**
 * One logistic regression whose logit is the mean of the given models' logits: hashed weights averaged, dense
 * weights folded through each model's own scaler onto the first one's (u·(x − m)·s is linear in x).
 */
export function averageLogistic(nets: readonly LogisticRegression[]): LogisticRegression {
  const k = nets.length;
  const first = nets[0]!;
  const dim = first.w.length;
  const dd = first.u.length;
  const w = new Float32Array(dim);
  for (const n of nets) for (let i = 0; i < dim; i++) w[i] = w[i]! + n.w[i]! / k;
  const raw = new Float64Array(dd);
  let bias = 0;
  for (const n of nets) {
    bias += n.bias[0]! / k;
    for (let j = 0; j < dd; j++) {
      const a = n.u[j]! * n.scaler.scale[j]!;
      raw[j] = raw[j]! + a / k;
      bias -= (a * n.scaler.mean[j]!) / k;
    }
  }
  const u = new Float32Array(dd);
  for (let j = 0; j < dd; j++) {
    u[j] = raw[j]! / first.scaler.scale[j]!;
    bias += raw[j]! * first.scaler.mean[j]!;
  }
  return new LogisticRegression(w, u, Float32Array.of(bias), { mean: first.scaler.mean.slice(), scale: first.scaler.scale.slice() });
}
