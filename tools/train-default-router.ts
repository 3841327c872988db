/**
 * Train the shipped router (src/routing/router/data/default-router.json) and measure it, from the shared routing
 * data in ../shared/routing-data (or $SWITCHYARD_ROUTING_DATA). The data is read here and never committed.
 *
 *   npm run router:train-default
 *
 * Protocol: every dataset is split 70/30 by prompt (seed 1). The shipped model is one logistic regression trained
 * on the union of the training parts with the recipe leave-one-dataset-out evaluation chose (SHIPPED_RECIPE in
 * src/routing/router/router-recipes.ts; tools/router-lodo.ts measures it); the previous recipe (plain lr) is
 * trained beside it for comparison. For comparison it also trains one model per dataset (lr, lr on auxiliary
 * targets, gbt, mlp, and the method cross-validation chose per dataset: src/routing/router/shared-data-protocol.ts)
 * and a combined mlp, evaluates everything on the held-out parts, and writes docs/router/results.json, the curves
 * (docs/router/*.svg: the cross-validation-chosen per-dataset models and the shipped one) and a Markdown table.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadDefaultCatalog } from '../src/catalog/load-catalog.js';
import { evaluateByDataset, type DatasetEvaluation } from '../src/routing/router/evaluate-router.js';
import { evaluationJson } from '../src/routing/router/format-evaluation.js';
import { importSharedRoutingData } from '../src/routing/router/router-data-sources.js';
import { routerModelFromFile, scoreRequest } from '../src/routing/router/router-model.js';
import { datasetOf, type RoutingExample } from '../src/routing/router/routing-example.js';
import { splitExamples } from '../src/routing/router/split-examples.js';
import { trainRouter, type RouterKind, type TrainOptions } from '../src/routing/router/train-router.js';
import { auxiliaryTargetFor, trainOptionsFor } from '../src/routing/router/shared-data-protocol.js';
import { LODO_RECIPES, PREVIOUS_RECIPE, shippedTrainOptions } from '../src/routing/router/router-recipes.js';
import { curveSvg } from '../src/routing/router/write-curve-svg.js';
import { findRepoRoot } from './build-catalog.js';

const root = findRepoRoot(process.cwd());
const dataDir = resolve(process.env.SWITCHYARD_ROUTING_DATA ?? join(root, '..', 'shared', 'routing-data'));
if (!existsSync(dataDir)) {
  console.error(`routing data not found at ${dataDir}: set SWITCHYARD_ROUTING_DATA`);
  process.exit(1);
}
const SOURCES = [
  'RouteLLM evaluation caches (lm-sys/RouteLLM @ 0b64fda, Apache-2.0): MMLU, GSM8K, MT-Bench; Mixtral-8x7B-Instruct vs GPT-4-1106-preview',
  'ZeroEval matrices (yuchenlin/ZeroEval @ 570c626, Apache-2.0): GSM8K, MATH level 5, CRUXEval; Meta-Llama-3.1-70B-Instruct vs gpt-4o-2024-08-06',
];
const notes: string[] = [];
const all = importSharedRoutingData(dataDir, loadDefaultCatalog(), notes);
for (const n of notes) console.error(n);
const { train, test } = splitExamples(all, 0.3, 1);
console.error(`${all.length} examples: ${train.length} train, ${test.length} held out`);

function scoresOf(trainSet: RoutingExample[], kind: RouterKind | 'selected' | 'shipped' | 'previous', perDataset: boolean, auxAll = false): { scores: Float64Array; file?: ReturnType<typeof trainRouter>['file'] } {
  const scores = new Float64Array(test.length);
  const groups = perDataset ? [...new Set(trainSet.map(datasetOf))].sort() : [undefined];
  let file;
  for (const g of groups) {
    const part = g ? trainSet.filter((e) => datasetOf(e) === g) : trainSet;
    // 'selected': the per-dataset method chosen by cross-validation inside the training split.
    const base: TrainOptions =
      kind === 'selected' ? trainOptionsFor(g!, part, dataDir) : kind === 'shipped' ? shippedTrainOptions() : kind === 'previous' ? { ...LODO_RECIPES[PREVIOUS_RECIPE]! } : { kind };
    const aux = auxAll && g ? auxiliaryTargetFor(g, part, dataDir) : undefined;
    if (aux) base.target = aux;
    const trained = trainRouter(part, { ...base, sources: SOURCES, progress: (m) => console.error(`${base.kind} ${g ?? 'combined'}: ${m}`) });
    file = trained.file;
    const model = routerModelFromFile(trained.file);
    test.forEach((e, i) => {
      if (!g || datasetOf(e) === g) scores[i] = scoreRequest(model, e);
    });
  }
  return { scores, ...(perDataset ? {} : { file }) };
}

const shipped = scoresOf(train, 'shipped', false);
writeFileSync(join(root, 'src', 'routing', 'router', 'data', 'default-router.json'), `${JSON.stringify(shipped.file)}\n`);
const runs: Record<string, DatasetEvaluation[]> = {
  'lr-combined (shipped)': evaluateByDataset(test, shipped.scores),
  'lr-combined (previous shipped recipe)': evaluateByDataset(test, scoresOf(train, 'previous', false).scores),
  'lr-per-dataset': evaluateByDataset(test, scoresOf(train, 'lr', true).scores),
  'lr-per-dataset + aux': evaluateByDataset(test, scoresOf(train, 'lr', true, true).scores),
  'gbt-per-dataset': evaluateByDataset(test, scoresOf(train, 'gbt', true).scores),
  'cv-selected per dataset': evaluateByDataset(test, scoresOf(train, 'selected', true).scores),
  'mlp-combined': evaluateByDataset(test, scoresOf(train, 'mlp', false).scores),
  'mlp-per-dataset': evaluateByDataset(test, scoresOf(train, 'mlp', true).scores),
};

const out = join(root, 'docs', 'router');
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'results.json'),
  `${JSON.stringify({ protocol: 'split 70/30 by prompt per dataset, seed 1; evaluated on the held-out 30%', sources: SOURCES, runs: Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, evaluationJson(v)])) }, null, 2)}\n`,
);
for (const ev of runs['cv-selected per dataset']!) writeFileSync(join(out, `${ev.dataset}.svg`), curveSvg(ev));
for (const ev of runs['lr-combined (shipped)']!) writeFileSync(join(out, `shipped-${ev.dataset}.svg`), curveSvg(ev));

const f = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
const p = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
console.log('| dataset | n | run | APGR | CPT50 | CPT80 | Q@10% | Q@20% | Q@30% | Q@50% | strong share @95% | cost saved @95% |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const ev0 of runs['lr-per-dataset']!) {
  const line = (name: string, m: DatasetEvaluation['router']) =>
    console.log(`| ${ev0.dataset} | ${ev0.n} | ${name} | ${f(m.apgr)} | ${p(m.cpt50)} | ${p(m.cpt80)} | ${['0.1', '0.2', '0.3', '0.5'].map((k) => f(m.qualityAt[k] ?? null)).join(' | ')} | ${p(m.shareAt95)} | ${p(m.costSavedAt95)} |`);
  for (const [name, evs] of Object.entries(runs)) line(name, evs.find((e) => e.dataset === ev0.dataset)!.router);
  line('random', ev0.random);
  line('oracle', ev0.oracle);
}
