import { evaluateByDataset } from './evaluate-router.js';
import { featuresOfPrompt, type Features } from './extract-features.js';
import { DEFAULT_FEATURE_CONFIG } from './feature-config.js';
import { routerModelFromFile, scoreRequest, thresholdForStrongShare } from './router-model.js';
import { datasetOf, type RoutingExample } from './routing-example.js';
import { trainRouter, type TrainOptions } from './train-router.js';

/** One dataset's leave-one-dataset-out figures: the recipe trained without it, evaluated on all of it. */
export interface LodoResult {
  dataset: string;
  n: number;
  /** APGR on the held-out dataset (random = 0.5); null when its strong model is not better than its weak one. */
  apgr: number | null;
  /** The strong-call share actually sent on the held-out dataset by the threshold calibrated for 30%. */
  shareAt30: number;
  /** The validation APGR the training run reported (in-distribution, on the other datasets). */
  validationApgr: number;
}

export interface LodoSummary {
  results: LodoResult[];
  /** The lowest and the mean held-out APGR over the datasets that have one. */
  worst: number;
  mean: number;
}

/**
 * A features cache keyed by the example object, so that the runs of one leave-one-dataset-out sweep (and several
 * recipes in one process) extract each prompt's features once.
 */
export function featureCache(): (e: RoutingExample, code: boolean) => Features {
  const plain = new WeakMap<RoutingExample, Features>();
  const withCode = new WeakMap<RoutingExample, Features>();
  return (e, code) => {
    const map = code ? withCode : plain;
    let f = map.get(e);
    if (!f) map.set(e, (f = featuresOfPrompt(e.prompt, DEFAULT_FEATURE_CONFIG, code)));
    return f;
  };
}

/**
 * Leave-one-dataset-out: for each dataset, train with `options` on every OTHER dataset's examples (the training
 * run holds back its own validation share of those, as always), score every example of the left-out dataset, and
 * measure APGR on it. `options(trainingExamples, heldOut)` may build per-run options (e.g. targets that must be
 * computed from the training examples only).
 */
export function leaveOneDatasetOut(
  examples: readonly RoutingExample[],
  options: TrainOptions | ((training: RoutingExample[], heldOut: string) => TrainOptions),
  settings: { datasets?: readonly string[]; featuresOf?: (e: RoutingExample, code: boolean) => Features; progress?: (m: string) => void } = {},
): LodoSummary {
  const names = settings.datasets ?? [...new Set(examples.map(datasetOf))].sort();
  const featuresOf = settings.featuresOf ?? featureCache();
  const results: LodoResult[] = [];
  for (const d of names) {
    const training = examples.filter((e) => datasetOf(e) !== d);
    const held = examples.filter((e) => datasetOf(e) === d);
    if (held.length === 0) throw new Error(`no examples of dataset ${d}`);
    const opts = typeof options === 'function' ? options(training, d) : options;
    const { file } = trainRouter(training, { featuresOf, ...opts });
    const model = routerModelFromFile(file);
    const scores = held.map((e) => scoreRequest(model, e));
    const [ev] = evaluateByDataset(held, scores);
    const t = thresholdForStrongShare(model, 0.3);
    const shareAt30 = scores.filter((s) => s < t).length / scores.length;
    results.push({ dataset: d, n: held.length, apgr: ev!.router.apgr, shareAt30, validationApgr: Number(file.training.validation.meanApgr) });
    settings.progress?.(`${d}: APGR ${ev!.router.apgr?.toFixed(3) ?? 'n/a'} (n ${held.length}, strong share at the 30% threshold ${(shareAt30 * 100).toFixed(1)}%)`);
  }
  const apgrs = results.map((r) => r.apgr).filter((a): a is number => a !== null);
  return { results, worst: Math.min(...apgrs), mean: apgrs.reduce((a, b) => a + b, 0) / apgrs.length };
}
