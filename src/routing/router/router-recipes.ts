import type { RoutingExample } from './routing-example.js';
import type { TrainOptions } from './train-router.js';

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
  'mlp': { kind: 'mlp' },
  'mlp balanced bias': { kind: 'mlp', datasetWeighting: 'balanced', datasetBias: true },
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
  'gbt bias': { kind: 'gbt', datasetBias: true },
  'gbt balanced bias': { kind: 'gbt', datasetWeighting: 'balanced', datasetBias: true },
  'ens bias': { kind: 'ens', datasetBias: true },
  'ens balanced bias': { kind: 'ens', datasetWeighting: 'balanced', datasetBias: true },
};

/** The recipe the shipped model (tools/train-default-router.ts) is trained with. */
export const SHIPPED_RECIPE = 'lr';
