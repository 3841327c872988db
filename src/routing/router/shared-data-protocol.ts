import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_ZEROEVAL_PAIR } from './router-data-sources.js';
import { promptText, type RoutingExample } from './routing-example.js';
import type { RouterKind, TrainOptions } from './train-router.js';
import { auxiliaryTargets, readZeroEvalMatrix, type AuxiliaryOptions } from './zeroeval-auxiliary.js';

/**
 * How the per-dataset routers on the shared routing data are trained: the method per dataset was chosen by repeated
 * 5-fold cross-validation inside the training split only (tools/router-cv.ts; figures in docs/router.md):
 * boosted trees over the dense statistics for MATH level 5; for CRUXEval the lr + gbt ensemble (kind ens, trees
 * over the dense and code statistics) on auxiliary soft targets; logistic regression on auxiliary soft targets for
 * ZeroEval GSM8K; plain logistic regression for RouteLLM's datasets (no other models to learn from).
 */
export function selectedMethod(dataset: string): { kind: RouterKind; auxiliary: boolean } {
  if (dataset === 'zeroeval-math-l5') return { kind: 'gbt', auxiliary: false };
  if (dataset === 'zeroeval-crux') return { kind: 'ens', auxiliary: true };
  if (dataset.startsWith('zeroeval-')) return { kind: 'lr', auxiliary: true };
  return { kind: 'lr', auxiliary: false };
}

/**
 * The auxiliary targets' settings: the share of pairs (one of the 15 models nearest the cheap model's accuracy,
 * one of the 15 nearest the strong model's) in which the cheap-like model did at least as well on the prompt.
 */
export const AUXILIARY_SETTINGS: Omit<AuxiliaryOptions, 'weak' | 'strong'> = { method: 'pools', ownWeight: 0, poolSize: 15 };

/**
 * The auxiliary soft target for one dataset's training part, from its ZeroEval matrix in `dataDir`, computed from
 * the given TRAINING examples' prompts only; undefined when the dataset has no matrix.
 */
export function auxiliaryTargetFor(dataset: string, trainingPart: readonly RoutingExample[], dataDir: string): TrainOptions['target'] {
  const file = join(dataDir, 'zeroeval', `${dataset.replace(/^zeroeval-/, '')}_matrix.csv`);
  if (!dataset.startsWith('zeroeval-') || !existsSync(file)) return undefined;
  const prompts = trainingPart.map((e) => promptText(e.prompt));
  const targets = auxiliaryTargets(readZeroEvalMatrix(file), prompts, { ...DEFAULT_ZEROEVAL_PAIR, ...AUXILIARY_SETTINGS });
  return (e) => targets.get(promptText(e.prompt)) ?? (e.weak_score >= e.strong_score ? 1 : 0);
}

/** Train options for one dataset's training part under the chosen method. */
export function trainOptionsFor(dataset: string, trainingPart: readonly RoutingExample[], dataDir: string): TrainOptions {
  const method = selectedMethod(dataset);
  const target = method.auxiliary ? auxiliaryTargetFor(dataset, trainingPart, dataDir) : undefined;
  return { kind: method.kind, ...(target ? { target } : {}) };
}
