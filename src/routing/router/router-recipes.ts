import type { RoutingExample } from './routing-example.js';
import type { TrainOptions } from './train-router.js';

/** Half the hard label (the cheap model at least as good), half the gain target. */
export const mixedTarget = (e: RoutingExample): number => 0.5 * (e.weak_score >= e.strong_score ? 1 : 0) + 0.5 * gainTarget(e);

/** A soft target that also ranks prompts where the cheap model beat the strong one above ties: (1 + weak − strong) / 2. */
export const gainTarget = (e: RoutingExample): number => (1 + e.weak_score - e.strong_score) / 2;

/**
 * Training recipes compared by leave-one-dataset-out evaluation (tools/router-lodo.ts): every one trains a single
 * router on several benchmarks at once, as the shipped model is trained. Figures in docs/router.md.
 */
export const LODO_RECIPES: Record<string, TrainOptions> = {
  /** The recipe of the shipped model before leave-one-dataset-out work: plain logistic regression. */
  'lr': { kind: 'lr' },
  'lr balanced': { kind: 'lr', datasetWeighting: 'balanced' },
  'lr bias': { kind: 'lr', datasetBias: true },
  'lr balanced bias': { kind: 'lr', datasetWeighting: 'balanced', datasetBias: true },
  'gbt': { kind: 'gbt' },
  'lr bias gain': { kind: 'lr', datasetBias: true, target: gainTarget },
  'lr dense bias': { kind: 'lr', datasetBias: true, hashed: false },
  'lr dense balanced bias': { kind: 'lr', datasetWeighting: 'balanced', datasetBias: true, hashed: false },
  'lr dense bias seed2': { kind: 'lr', datasetBias: true, hashed: false, seed: 2 },
  'lr dense bias seed3': { kind: 'lr', datasetBias: true, hashed: false, seed: 3 },
  'lr dense bias gain': { kind: 'lr', datasetBias: true, hashed: false, target: gainTarget },
  'lr dense': { kind: 'lr', hashed: false },
  'lr dense bias l2 1e-3': { kind: 'lr', datasetBias: true, hashed: false, l2: 1e-3 },
  'mlp dense bias': { kind: 'mlp', datasetBias: true, hashed: false },
  'ens dense bias': { kind: 'ens', datasetBias: true, hashed: false },
  'lr dense bias bag5': { kind: 'lr', datasetBias: true, hashed: false, bags: 5 },
  'lr dense bias bag10': { kind: 'lr', datasetBias: true, hashed: false, bags: 10 },
  'lr dense bias bag10 seed11': { kind: 'lr', datasetBias: true, hashed: false, bags: 10, seed: 11 },
  'lr dense bias bag10 l2 1e-2': { kind: 'lr', datasetBias: true, hashed: false, bags: 10, l2: 1e-2 },
  'lr dense bias bag10 l2 1e-3': { kind: 'lr', datasetBias: true, hashed: false, bags: 10, l2: 1e-3 },
  'lr dense bias bag10 rate .001': { kind: 'lr', datasetBias: true, hashed: false, bags: 10, learningRate: 0.001, maxEpochs: 30, patience: 5 },
  'lr dense balanced bias bag10': { kind: 'lr', datasetWeighting: 'balanced', datasetBias: true, hashed: false, bags: 10 },
  'ens dense bias bag10 lr.75': { kind: 'ens', datasetBias: true, hashed: false, bags: 10, lrWeight: 0.75 },
  'lr dense bias bag10 l2 1e-2 seed11': { kind: 'lr', datasetBias: true, hashed: false, bags: 10, l2: 1e-2, seed: 11 },
  'lr dense bias bag10 l2 1e-2 seed21': { kind: 'lr', datasetBias: true, hashed: false, bags: 10, l2: 1e-2, seed: 21 },
  'lr dense bias bag10 rate .001 seed11': { kind: 'lr', datasetBias: true, hashed: false, bags: 10, learningRate: 0.001, maxEpochs: 30, patience: 5, seed: 11 },
  'lr dense bias bag10 rate .001 seed21': { kind: 'lr', datasetBias: true, hashed: false, bags: 10, learningRate: 0.001, maxEpochs: 30, patience: 5, seed: 21 },
  'lr dense bias bag10 gain': { kind: 'lr', datasetBias: true, hashed: false, bags: 10, target: gainTarget },
  'lr dense bias bag10 seed21': { kind: 'lr', datasetBias: true, hashed: false, bags: 10, seed: 21 },
  'lr dense bias bag10 gain seed11': { kind: 'lr', datasetBias: true, hashed: false, bags: 10, target: gainTarget, seed: 11 },
  'lr dense bias bag10 gain seed21': { kind: 'lr', datasetBias: true, hashed: false, bags: 10, target: gainTarget, seed: 21 },
  'lr dense bias bag10 mixed': { kind: 'lr', datasetBias: true, hashed: false, bags: 10, target: mixedTarget },
  'lr dense bias bag10 mixed seed11': { kind: 'lr', datasetBias: true, hashed: false, bags: 10, target: mixedTarget, seed: 11 },
  'lr dense bias bag10 gain rate .001': { kind: 'lr', datasetBias: true, hashed: false, bags: 10, target: gainTarget, learningRate: 0.001, maxEpochs: 30, patience: 5 },
  'lr dense bias bag10 mixed seed21': { kind: 'lr', datasetBias: true, hashed: false, bags: 10, target: mixedTarget, seed: 21 },
  'lr dense bias bag20 mixed': { kind: 'lr', datasetBias: true, hashed: false, bags: 20, target: mixedTarget },
  'lr bias bag5 mixed': { kind: 'lr', datasetBias: true, bags: 5, target: mixedTarget },
  'lr bias bag5': { kind: 'lr', datasetBias: true, bags: 5 },
  'gbt bias': { kind: 'gbt', datasetBias: true },
  'gbt balanced bias': { kind: 'gbt', datasetWeighting: 'balanced', datasetBias: true },
  'ens bias': { kind: 'ens', datasetBias: true },
  'ens balanced bias': { kind: 'ens', datasetWeighting: 'balanced', datasetBias: true },
};

/**
 * The recipe the shipped model (tools/train-default-router.ts) is trained with, chosen by leave-one-dataset-out
 * evaluation: logistic regression over the 24 dense statistics only (no hashed n-grams, which memorise a
 * benchmark's wording), one bias per training dataset during training (dropped from the file), a target half the
 * hard label and half the gain, 20 bagged seeds averaged into one model.
 */
export const SHIPPED_RECIPE = 'lr dense bias bag20 mixed';
/** The shipped model's recipe before leave-one-dataset-out work (plain logistic regression), for comparison. */
export const PREVIOUS_RECIPE = 'lr';

export function shippedTrainOptions(): TrainOptions {
  return { ...LODO_RECIPES[SHIPPED_RECIPE]! };
}
