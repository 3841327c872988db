import type { Features } from './extract-features.js';

/** A trained scorer: maps features to the logit of P(the cheap model suffices). */
export interface RouterNet {
  readonly kind: 'lr' | 'mlp' | 'gbt' | 'ens';
  logit(f: Features): number;
}

/** Per-feature mean and spread of the dense statistics, so every dense input is about unit scale. */
export interface DenseScaler {
  mean: Float32Array;
  scale: Float32Array;
}

export function fitDenseScaler(rows: readonly Features[], dim: number): DenseScaler {
  const mean = new Float32Array(dim);
  const scale = new Float32Array(dim);
  for (const r of rows) for (let j = 0; j < dim; j++) mean[j] = mean[j]! + r.dense[j]! / rows.length;
  for (const r of rows) for (let j = 0; j < dim; j++) scale[j] = scale[j]! + (r.dense[j]! - mean[j]!) ** 2 / rows.length;
  for (let j = 0; j < dim; j++) scale[j] = 1 / Math.max(1e-3, Math.sqrt(scale[j]!));
  return { mean, scale };
}

export function scaledDense(f: Features, s: DenseScaler, j: number): number {
  return (f.dense[j]! - s.mean[j]!) * s.scale[j]!;
}
