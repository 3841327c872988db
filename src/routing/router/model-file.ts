import { DENSE_DIM, DENSE_FEATURE_NAMES, ENSEMBLE_DENSE_DIM, ENSEMBLE_FEATURE_NAMES, TREE_DENSE_DIM, TREE_FEATURE_NAMES, checkFeatureConfig, type FeatureConfig } from './feature-config.js';
import { BoostedTreesNet, EnsembleNet, flattenTrees, unflattenTrees } from './boosted-trees.js';
import { LogisticRegression } from './logistic-regression.js';
import type { RouterNet } from './router-net.js';
import { SmallMlp } from './small-mlp.js';

export const ROUTER_MODEL_FORMAT = 'switchyard-router';
export const ROUTER_MODEL_VERSION = 1;

/** Maps router scores to strong-call shares and quality, measured on the validation part of the training data. */
export interface RouterCalibration {
  /** scoreQuantiles[i] = the score below which i% of validation prompts fall (101 entries, ascending). */
  scoreQuantiles: number[];
  /** relativeQuality[i] = validation quality when the i% lowest-scored prompts go strong, ÷ always-strong quality. */
  relativeQuality: number[];
  examples: number;
}

/** The JSON model file (weights as base64 little-endian float32). */
export interface RouterModelFile {
  format: typeof ROUTER_MODEL_FORMAT;
  version: number;
  kind: 'lr' | 'mlp' | 'gbt' | 'ens';
  features: FeatureConfig;
  denseFeatures: string[];
  label: { rule: string; tieTolerance: number };
  weights: Record<string, string | number>;
  calibration: RouterCalibration;
  training: {
    trainedAt: string;
    examples: number;
    validationExamples: number;
    datasets: Record<string, number>;
    sources: string[];
    hyperparameters: Record<string, number | string>;
    validation: Record<string, number | null>;
  };
}

export function encodeFloats(a: Float32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

export function decodeFloats(text: unknown, length: number, name: string): Float32Array {
  if (typeof text !== 'string') throw new Error(`router model: weights.${name} missing`);
  const buf = Buffer.from(text, 'base64');
  if (buf.byteLength !== length * 4) throw new Error(`router model: weights.${name} has ${buf.byteLength / 4} values, expected ${length}`);
  const out = new Float32Array(length);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

export function netWeights(net: RouterNet | BoostedTreesNet | EnsembleNet): Record<string, string | number> {
  const common = (n: LogisticRegression | SmallMlp) => ({
    w: encodeFloats(n.w),
    u: encodeFloats(n.u),
    bias: encodeFloats(n.bias),
    denseMean: encodeFloats(n.scaler.mean),
    denseScale: encodeFloats(n.scaler.scale),
  });
  if (net instanceof EnsembleNet) {
    if (!(net.lr instanceof LogisticRegression)) throw new Error('ensemble: the linear part must be logistic regression');
    return { ...common(net.lr), ...netWeights(net.gbt), lrWeight: net.lrWeight };
  }
  if (net instanceof BoostedTreesNet) {
    const c = flattenTrees(net.model);
    return { trees: c.roots.length, nodes: c.feature.length, base: net.model.base, roots: encodeFloats(c.roots), feature: encodeFloats(c.feature), threshold: encodeFloats(c.threshold), left: encodeFloats(c.left), right: encodeFloats(c.right), value: encodeFloats(c.value) };
  }
  if (net instanceof LogisticRegression) return common(net);
  if (net instanceof SmallMlp) {
    return { ...common(net), hidden: net.hiddenSize, w1: encodeFloats(net.w1), u1: encodeFloats(net.u1), b1: encodeFloats(net.b1), w2: encodeFloats(net.w2) };
  }
  throw new Error('unknown router net');
}

/** Check a parsed model file and rebuild its scorer; errors name the field. */
export function netFromFile(file: RouterModelFile): RouterNet {
  if (file.format !== ROUTER_MODEL_FORMAT) throw new Error(`not a switchyard router model (format ${String(file.format)})`);
  if (file.version !== ROUTER_MODEL_VERSION) throw new Error(`router model version ${String(file.version)} is not supported (expected ${ROUTER_MODEL_VERSION})`);
  checkFeatureConfig(file.features);
  const names = file.kind === 'gbt' ? TREE_FEATURE_NAMES : file.kind === 'ens' ? ENSEMBLE_FEATURE_NAMES : DENSE_FEATURE_NAMES;
  if (file.denseFeatures?.join(',') !== names.join(',')) throw new Error('router model: dense features differ from this build');
  const c = file.calibration;
  if (!c || c.scoreQuantiles?.length !== 101 || c.relativeQuality?.length !== 101) throw new Error('router model: calibration must have 101 quantiles');
  const dim = 1 << file.features.dimBits;
  const w = file.weights;
  const f = (name: string, n: number) => decodeFloats(w[name], n, name);
  if (file.kind === 'gbt' || file.kind === 'ens') {
    const { trees, nodes, base } = w;
    if (typeof trees !== 'number' || typeof nodes !== 'number' || typeof base !== 'number' || !Number.isInteger(trees) || !Number.isInteger(nodes) || trees < 1 || nodes < trees || nodes > 1e6)
      throw new Error('router model: weights.trees, nodes and base must be numbers');
    const cols = { roots: f('roots', trees), feature: f('feature', nodes), threshold: f('threshold', nodes), left: f('left', nodes), right: f('right', nodes), value: f('value', nodes) };
    if (file.kind === 'gbt') return new BoostedTreesNet(unflattenTrees(base, cols, TREE_DENSE_DIM));
    const a = w.lrWeight;
    if (typeof a !== 'number' || !(a >= 0 && a <= 1)) throw new Error('router model: weights.lrWeight must be 0..1');
    const lr = new LogisticRegression(f('w', dim), f('u', DENSE_DIM), f('bias', 1), { mean: f('denseMean', DENSE_DIM), scale: f('denseScale', DENSE_DIM) });
    return new EnsembleNet(lr, new BoostedTreesNet(unflattenTrees(base, cols, ENSEMBLE_DENSE_DIM)), a);
  }
  const scaler = { mean: f('denseMean', DENSE_DIM), scale: f('denseScale', DENSE_DIM) };
  if (file.kind === 'lr') return new LogisticRegression(f('w', dim), f('u', DENSE_DIM), f('bias', 1), scaler);
  if (file.kind === 'mlp') {
    const h = w.hidden;
    if (typeof h !== 'number' || !Number.isInteger(h) || h < 1 || h > 256) throw new Error('router model: weights.hidden must be 1..256');
    return new SmallMlp(h, f('w', dim), f('u', DENSE_DIM), f('bias', 1), f('w1', dim * h), f('u1', DENSE_DIM * h), f('b1', h), f('w2', h), scaler);
  }
  throw new Error(`router model kind ${String(file.kind)} is not supported`);
}
