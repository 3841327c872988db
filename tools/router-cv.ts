/**
 * Method selection for the ZeroEval routers by k-fold cross-validation inside the TRAINING split only (70/30 by
 * prompt, seed 1, as in train-default-router.ts). The held-out 30% is never read here. For each ZeroEval dataset
 * and each variant, trains on k−1 folds of the training prompts and measures APGR (the dataset's own weak/strong
 * pair) on the remaining fold; prints the mean and spread per variant.
 *
 *   tsc -p tools/tsconfig.json --outDir /tmp/router-tools && node /tmp/router-tools/tools/router-cv.js [folds] [variant...]
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadDefaultCatalog } from '../src/catalog/load-catalog.js';
import { evaluateByDataset } from '../src/routing/router/evaluate-router.js';
import { DEFAULT_ZEROEVAL_PAIR, importSharedRoutingData } from '../src/routing/router/router-data-sources.js';
import { routerModelFromFile, scoreRequest } from '../src/routing/router/router-model.js';
import { datasetOf, promptText, type RoutingExample } from '../src/routing/router/routing-example.js';
import { hashString } from '../src/routing/router/seeded-random.js';
import { splitExamples } from '../src/routing/router/split-examples.js';
import { trainRouter, type TrainOptions } from '../src/routing/router/train-router.js';
import { auxiliaryTargets, readZeroEvalMatrix, type AuxiliaryOptions } from '../src/routing/router/zeroeval-auxiliary.js';
import { findRepoRoot } from './build-catalog.js';
import { predictBoosted, trainBoosted, type BoostOptions } from '../src/routing/router/boosted-trees.js';
import { featuresOfPrompt } from '../src/routing/router/extract-features.js';
import { DEFAULT_FEATURE_CONFIG } from '../src/routing/router/feature-config.js';
import { seededRandom } from '../src/routing/router/seeded-random.js';
import { CODE_DIM, codeFeatures } from '../src/routing/router/code-features.js';

const root = findRepoRoot(process.cwd());
const dataDir = resolve(process.env.SWITCHYARD_ROUTING_DATA ?? join(root, '..', 'shared', 'routing-data'));
if (!existsSync(dataDir)) throw new Error(`routing data not found at ${dataDir}`);
const folds = Number(process.argv[2] ?? 5);
const repeats = Number(process.env.CV_REPEATS ?? 3);
const only = process.argv.slice(3);
const all = importSharedRoutingData(dataDir, loadDefaultCatalog());
const { train } = splitExamples(all, 0.3, 1);

interface Variant {
  /** Gradient-boosted trees over the dense statistics instead of trainRouter. */
  gbt?: BoostOptions;
  /** With gbt: average its logit with the logistic regression's. */
  ensemble?: boolean;
  /** With gbt: use only the first this-many dense statistics. */
  denseDims?: number;
  /** With gbt: the code statistics (code-features.ts) after the dense ones; 'only' = the code statistics alone. */
  code?: boolean | 'only';
  /** With ensemble: the lr logit's weight (the gbt's is 1 − this); default ½. */
  lrWeight?: number;
  /** Other datasets' training rows added to every fold's training set (their own pair labels). */
  extra?: string[];
  aux?: Omit<AuxiliaryOptions, 'weak' | 'strong'>;
  opts?: TrainOptions;
}
const variants: Record<string, Variant> = {
  'lr': {},
  'lr aux own.5 pool5': { aux: { ownWeight: 0.5, poolSize: 5 } },
  'lr aux own0 pool5': { aux: { ownWeight: 0, poolSize: 5 } },
  'lr aux own.5 pool9': { aux: { ownWeight: 0.5, poolSize: 9 } },
  'lr aux own.25 pool9': { aux: { ownWeight: 0.25, poolSize: 9 } },
  'lr aux own0 pool15': { aux: { ownWeight: 0, poolSize: 15 } },
  'lr gain own1': { aux: { ownWeight: 1, target: 'gain' } },
  'lr gain own.5 pool5': { aux: { ownWeight: 0.5, poolSize: 5, target: 'gain' } },
  'lr gain own.25 pool9': { aux: { ownWeight: 0.25, poolSize: 9, target: 'gain' } },
  'lr gain own0 pool15': { aux: { ownWeight: 0, poolSize: 15, target: 'gain' } },
  'lr l2 1e-4': { opts: { l2: 1e-4 } },
  'lr l2 1e-3': { opts: { l2: 1e-3 } },
  'lr rate .001': { opts: { learningRate: 0.001, maxEpochs: 30, patience: 5 } },
  'lr rate .01': { opts: { learningRate: 0.01 } },
  'lr l2 1e-4 aux own0 pool15': { aux: { ownWeight: 0, poolSize: 15 }, opts: { l2: 1e-4 } },
  'lr ease own0 b8': { aux: { method: 'ease', ownWeight: 0, bins: 8 } },
  'lr ease own.5 b8': { aux: { method: 'ease', ownWeight: 0.5, bins: 8 } },
  'lr ease own.25 b8': { aux: { method: 'ease', ownWeight: 0.25, bins: 8 } },
  'lr ease own0 b5': { aux: { method: 'ease', ownWeight: 0, bins: 5 } },
  'lr ease own0 b12': { aux: { method: 'ease', ownWeight: 0, bins: 12 } },
  'lr ease gain own0 b8': { aux: { method: 'ease', ownWeight: 0, bins: 8, target: 'gain' } },
  'lr ease gain own.5 b8': { aux: { method: 'ease', ownWeight: 0.5, bins: 8, target: 'gain' } },
  'mlp ease own0 b8': { aux: { method: 'ease', ownWeight: 0, bins: 8 }, opts: { kind: 'mlp' } },
  'lr +zeroeval': { extra: ['zeroeval-math-l5', 'zeroeval-crux', 'zeroeval-gsm'] },
  'lr +zeroeval+rl-gsm8k': { extra: ['zeroeval-math-l5', 'zeroeval-crux', 'zeroeval-gsm', 'routellm-gsm8k'] },
  'lr +all': { extra: ['zeroeval-math-l5', 'zeroeval-crux', 'zeroeval-gsm', 'routellm-gsm8k', 'routellm-mmlu', 'routellm-mt-bench'] },
  'mlp +zeroeval': { extra: ['zeroeval-math-l5', 'zeroeval-crux', 'zeroeval-gsm'], opts: { kind: 'mlp' } },
  'mlp +all': { extra: ['zeroeval-math-l5', 'zeroeval-crux', 'zeroeval-gsm', 'routellm-gsm8k', 'routellm-mmlu', 'routellm-mt-bench'], opts: { kind: 'mlp' } },
  'gbt d2 r50': { gbt: { depth: 2, rounds: 50, shrinkage: 0.05, subsample: 0.8 } },
  'gbt d3 r100': { gbt: { depth: 3, rounds: 100, shrinkage: 0.05, subsample: 0.8 } },
  'gbt d2 r100 ease': { gbt: { depth: 2, rounds: 100, shrinkage: 0.05, subsample: 0.8 }, aux: { method: 'ease', ownWeight: 0.5, bins: 8 } },
  'gbt d1 r100': { gbt: { depth: 1, rounds: 100, shrinkage: 0.05, subsample: 0.8 } },
  'gbt d2 r50 old24': { gbt: { depth: 2, rounds: 50, shrinkage: 0.05, subsample: 0.8 }, denseDims: 24 },
  'ens lr+gbt d2 r50': { gbt: { depth: 2, rounds: 50, shrinkage: 0.05, subsample: 0.8 }, ensemble: true },
  'ens lr+gbt d2 r100': { gbt: { depth: 2, rounds: 100, shrinkage: 0.05, subsample: 0.8 }, ensemble: true },
  'ens lr+gbt d2 r50 ease': { gbt: { depth: 2, rounds: 50, shrinkage: 0.05, subsample: 0.8 }, ensemble: true, aux: { method: 'ease', ownWeight: 0.5, bins: 8 } },
  'gbt code d2 r30': { gbt: { depth: 2, rounds: 30, shrinkage: 0.05, subsample: 0.8 }, code: true },
  'gbt code d2 r50': { gbt: { depth: 2, rounds: 50, shrinkage: 0.05, subsample: 0.8 }, code: true },
  'gbt code d2 r100': { gbt: { depth: 2, rounds: 100, shrinkage: 0.05, subsample: 0.8 }, code: true },
  'gbt code d3 r50': { gbt: { depth: 3, rounds: 50, shrinkage: 0.05, subsample: 0.8 }, code: true },
  'gbt code d1 r100': { gbt: { depth: 1, rounds: 100, shrinkage: 0.05, subsample: 0.8 }, code: true },
  'gbt codeonly d2 r50': { gbt: { depth: 2, rounds: 50, shrinkage: 0.05, subsample: 0.8 }, code: 'only' },
  'gbt code d2 r50 aux': { gbt: { depth: 2, rounds: 50, shrinkage: 0.05, subsample: 0.8 }, code: true, aux: { ownWeight: 0, poolSize: 15 } },
  'gbt code d2 r100 aux': { gbt: { depth: 2, rounds: 100, shrinkage: 0.05, subsample: 0.8 }, code: true, aux: { ownWeight: 0, poolSize: 15 } },
  'gbt code d3 r100 aux': { gbt: { depth: 3, rounds: 100, shrinkage: 0.05, subsample: 0.8 }, code: true, aux: { ownWeight: 0, poolSize: 15 } },
  'gbt code d1 r200 aux': { gbt: { depth: 1, rounds: 200, shrinkage: 0.05, subsample: 0.8 }, code: true, aux: { ownWeight: 0, poolSize: 15 } },
  'ens lr+gbt code d2 r50 aux': { gbt: { depth: 2, rounds: 50, shrinkage: 0.05, subsample: 0.8 }, code: true, ensemble: true, aux: { ownWeight: 0, poolSize: 15 } },
  'ens.25 lr+gbt code d2 r50 aux': { gbt: { depth: 2, rounds: 50, shrinkage: 0.05, subsample: 0.8 }, code: true, ensemble: true, lrWeight: 0.25, aux: { ownWeight: 0, poolSize: 15 } },
  'ens.75 lr+gbt code d2 r50 aux': { gbt: { depth: 2, rounds: 50, shrinkage: 0.05, subsample: 0.8 }, code: true, ensemble: true, lrWeight: 0.75, aux: { ownWeight: 0, poolSize: 15 } },
  'ens lr+gbt code d2 r100 aux': { gbt: { depth: 2, rounds: 100, shrinkage: 0.05, subsample: 0.8 }, code: true, ensemble: true, aux: { ownWeight: 0, poolSize: 15 } },
  'gbt d1 r200 aux': { gbt: { depth: 1, rounds: 200, shrinkage: 0.05, subsample: 0.8 }, aux: { ownWeight: 0, poolSize: 15 } },
  'gbt code d1 r300 aux': { gbt: { depth: 1, rounds: 300, shrinkage: 0.05, subsample: 0.8 }, code: true, aux: { ownWeight: 0, poolSize: 15 } },
  'gbt code d1 r400 aux': { gbt: { depth: 1, rounds: 400, shrinkage: 0.05, subsample: 0.8 }, code: true, aux: { ownWeight: 0, poolSize: 15 } },
  'gbt code d1 r200 ease': { gbt: { depth: 1, rounds: 200, shrinkage: 0.05, subsample: 0.8 }, code: true, aux: { method: 'ease', ownWeight: 0, bins: 8 } },
  'ens lr+gbt code d1 r200 aux': { gbt: { depth: 1, rounds: 200, shrinkage: 0.05, subsample: 0.8 }, code: true, ensemble: true, aux: { ownWeight: 0, poolSize: 15 } },
  'ens lr+gbt code d1 r300 aux': { gbt: { depth: 1, rounds: 300, shrinkage: 0.05, subsample: 0.8 }, code: true, ensemble: true, aux: { ownWeight: 0, poolSize: 15 } },
  'ens lr+gbt d2 r50 aux': { gbt: { depth: 2, rounds: 50, shrinkage: 0.05, subsample: 0.8 }, ensemble: true, aux: { ownWeight: 0, poolSize: 15 } },
  'ens aux': { opts: { kind: 'ens' }, aux: { ownWeight: 0, poolSize: 15 } },
  'gbt d2 r30': { gbt: { depth: 2, rounds: 30, shrinkage: 0.05, subsample: 0.8 } },
  'gbt d2 r100': { gbt: { depth: 2, rounds: 100, shrinkage: 0.05, subsample: 0.8 } },
  'gbt': { opts: { kind: 'gbt' } },
  'gbt r50': { opts: { kind: 'gbt', boost: { rounds: 50 } } },
  'gbt ease': { opts: { kind: 'gbt' }, aux: { method: 'ease', ownWeight: 0.5, bins: 8 } },
  'mlp': { opts: { kind: 'mlp' } },
  'mlp aux own.5 pool9': { aux: { ownWeight: 0.5, poolSize: 9 }, opts: { kind: 'mlp' } },
};

const denseCache = new Map<string, Float32Array>();
function denseOf(e: RoutingExample, v: Variant): Float32Array {
  const key = `${String(v.code)}:${v.denseDims ?? ''}:${promptText(e.prompt)}`;
  let x = denseCache.get(key);
  if (!x) {
    const base = featuresOfPrompt(e.prompt, DEFAULT_FEATURE_CONFIG).dense.slice(0, v.denseDims ?? 1000);
    const code = codeFeatures(promptText(e.prompt), new Float32Array(CODE_DIM));
    x = v.code === 'only' ? code : v.code ? Float32Array.from([...base, ...code]) : base;
    denseCache.set(key, x);
  }
  return x;
}

for (const d of (process.env.CV_DATASETS ?? 'zeroeval-math-l5,zeroeval-crux,zeroeval-gsm').split(',')) {
  const matrix = readZeroEvalMatrix(join(dataDir, 'zeroeval', `${d.replace(/^zeroeval-/, '')}_matrix.csv`));
  const rows = train.filter((e) => datasetOf(e) === d);
  for (const [name, v] of Object.entries(variants)) {
    if (only.length && !only.includes(name)) continue;
    // Per repeat: out-of-fold scores for every training prompt, then one APGR over all of them (per-fold APGRs on
    // ~100 prompts swing wildly when a fold's weak–strong gap is small).
    const apgrs: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const foldOf = (e: RoutingExample) => hashString(`cv${r}:${promptText(e.prompt)}`) % folds;
      const scores = new Float64Array(rows.length);
      for (let k = 0; k < folds; k++) {
        const fit = rows.filter((e) => foldOf(e) !== k);
        const extra = train.filter((e) => datasetOf(e) !== d && v.extra?.includes(datasetOf(e)));
        const opts: TrainOptions = { kind: 'lr', seed: r + 1, ...v.opts };
        if (v.aux) {
          if (extra.length) throw new Error('aux with extra datasets is not supported here');
          const targets = auxiliaryTargets(matrix, fit.map((e) => promptText(e.prompt)), { ...DEFAULT_ZEROEVAL_PAIR, ...v.aux });
          opts.target = (e) => targets.get(promptText(e.prompt)) ?? (e.weak_score >= e.strong_score ? 1 : 0);
        }
        if (v.gbt) {
          const dense = (e: RoutingExample) => denseOf(e, v);
          const lr = v.ensemble ? routerModelFromFile(trainRouter(fit, opts).file) : undefined;
          const logitOf = (e: RoutingExample) => {
            const p = scoreRequest(lr!, e);
            return Math.log(p / (1 - p));
          };
          const y = fit.map((e) => (opts.target ? opts.target(e) : e.weak_score >= e.strong_score ? 1 : 0));
          const m = trainBoosted(fit.map(dense), y, { random: seededRandom(r + 1), ...v.gbt });
          rows.forEach((e, i) => {
            const a = v.lrWeight ?? 0.5;
            if (foldOf(e) === k) scores[i] = lr ? (1 - a) * predictBoosted(m, dense(e)) + a * logitOf(e) : predictBoosted(m, dense(e));
          });
          continue;
        }
        const model = routerModelFromFile(trainRouter([...fit, ...extra], opts).file);
        rows.forEach((e, i) => {
          if (foldOf(e) === k) scores[i] = scoreRequest(model, e);
        });
      }
      apgrs.push(evaluateByDataset(rows, scores)[0]!.router.apgr ?? Number.NaN);
    }
    const mean = apgrs.reduce((a, b) => a + b, 0) / apgrs.length;
    const sd = Math.sqrt(apgrs.reduce((a, b) => a + (b - mean) ** 2, 0) / apgrs.length);
    console.log(`${d}\t${name}\tmean ${mean.toFixed(3)}\tsd ${sd.toFixed(3)}\t[${apgrs.map((a) => a.toFixed(2)).join(' ')}]`);
  }
}
