import type { RouterModelFile } from '../routing/router/model-file.js';

/**
 * What training settled on, in words, for `router train`'s last line: the epoch kept for the kinds trained
 * by epochs (lr, mlp), the trees for the boosted kinds (gbt, ens), which have no epochs.
 */
export function describeTraining(file: RouterModelFile): string {
  const h = file.training.hyperparameters;
  if (file.kind === 'gbt' || file.kind === 'ens') {
    const trees = `${h.rounds} trees of depth ${h.depth}`;
    return file.kind === 'ens' ? `lr + ${trees}` : trees;
  }
  return `best epoch ${h.epochs} of ${h.maxEpochs}`;
}
