import type { TrainOptions } from './train-router.js';

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
};

/** The recipe the shipped model (tools/train-default-router.ts) is trained with. */
export const SHIPPED_RECIPE = 'lr';
