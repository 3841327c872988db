import { readFileSync } from 'node:fs';
import type { ChatRequest } from '../../spec/chat-request.js';
import { FeatureExtractor } from './extract-features.js';
import { netFromFile, type RouterModelFile } from './model-file.js';
import { viewOfChatRequest, viewOfPrompt } from './prompt-view.js';
import type { RouterNet } from './router-net.js';
import { EnsembleNet } from './boosted-trees.js';
import { LogisticRegression } from './logistic-regression.js';
import type { PromptMessage } from './routing-example.js';

/** A loaded router: the file it came from, its scorer and a feature extractor with its own scratch buffers. */
export interface RouterModel {
  readonly file: RouterModelFile;
  readonly net: RouterNet;
  readonly extractor: FeatureExtractor;
}

/** A prompt in the JSONL contract's shape (a string or OpenAI-style messages). */
export interface PromptInput {
  prompt: string | readonly PromptMessage[];
}

export function routerModelFromFile(file: RouterModelFile): RouterModel {
  const net = netFromFile(file);
  return { file, net, extractor: new FeatureExtractor(file.features, file.kind === 'ens', readsHashedFeatures(net)) };
}

/** False when the scorer gives every hashed bucket zero weight (a dense-only model): hashing can be skipped. */
function readsHashedFeatures(net: RouterNet): boolean {
  const linear = net instanceof LogisticRegression ? net : net instanceof EnsembleNet && net.lr instanceof LogisticRegression ? net.lr : undefined;
  if (!linear) return true;
  for (let i = 0; i < linear.w.length; i++) if (linear.w[i] !== 0) return true;
  return false;
}

export function readRouterModel(path: string): RouterModel {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read router model ${path}: ${(err as Error).message}`);
  }
  return routerModelFromFile(parsed as RouterModelFile);
}

/** P(the cheap tier answers as well as the strong one) for a canonical request or a contract-shaped prompt. */
export function scoreRequest(model: RouterModel, req: ChatRequest | PromptInput): number {
  const view = 'messages' in req ? viewOfChatRequest(req) : viewOfPrompt(req.prompt);
  const z = model.net.logit(model.extractor.extract(view));
  return 1 / (1 + Math.exp(-z));
}

/** Send a request to the strong tier when its score is below the threshold. */
export function decide(score: number, threshold: number): 'weak' | 'strong' {
  return score < threshold ? 'strong' : 'weak';
}

/**
 * The threshold that sends about `share` (0..1) of traffic like the model's validation data to the strong tier:
 * the share-quantile of the validation scores (0 → nothing strong, 1 → everything strong).
 */
export function thresholdForStrongShare(model: RouterModel, share: number): number {
  if (!(share > 0)) return 0;
  if (share >= 1) return Number.POSITIVE_INFINITY;
  const q = model.file.calibration.scoreQuantiles;
  const pos = share * 100;
  const lo = Math.floor(pos);
  const hi = Math.min(100, lo + 1);
  return q[lo]! + (pos - lo) * (q[hi]! - q[lo]!);
}

/**
 * The smallest strong share (whole percent) whose validation quality reached `quality` × the always-strong
 * quality (e.g. 0.95); 1 (everything strong) when no share below 100% reached it.
 */
export function strongShareForQuality(model: RouterModel, quality: number): number {
  const rel = model.file.calibration.relativeQuality;
  for (let i = 0; i < rel.length; i++) if (rel[i]! >= quality) return i / 100;
  return 1;
}

/** The threshold for that share, on the model's validation scores. */
export function thresholdForQuality(model: RouterModel, quality: number): number {
  return thresholdForStrongShare(model, strongShareForQuality(model, quality));
}
