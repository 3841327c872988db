import { datasetOf, promptText, type RoutingExample } from './routing-example.js';
import { hashString, seededRandom, shuffleInPlace } from './seeded-random.js';

export interface Split {
  train: RoutingExample[];
  test: RoutingExample[];
}

/**
 * Deterministic train/held-out split by prompt, per dataset: the distinct prompts of each dataset are ordered by
 * hash, shuffled with the seed, and the first round(testShare × count) go to test. Every copy of a prompt lands
 * on the same side, so no prompt is both trained on and evaluated.
 */
export function splitExamples(examples: readonly RoutingExample[], testShare = 0.3, seed = 1): Split {
  if (!(testShare >= 0 && testShare <= 1)) throw new Error('test share must be in 0..1');
  const byDataset = new Map<string, Map<string, number>>();
  for (const e of examples) {
    const d = datasetOf(e);
    let prompts = byDataset.get(d);
    if (!prompts) byDataset.set(d, (prompts = new Map()));
    const key = promptText(e.prompt);
    if (!prompts.has(key)) prompts.set(key, hashString(key));
  }
  const testKeys = new Map<string, Set<string>>();
  for (const [d, prompts] of [...byDataset].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const keys = [...prompts.keys()].sort((a, b) => prompts.get(a)! - prompts.get(b)! || (a < b ? -1 : a > b ? 1 : 0));
    shuffleInPlace(keys, seededRandom(seed ^ hashString(d)));
    testKeys.set(d, new Set(keys.slice(0, Math.round(testShare * keys.length))));
  }
  const split: Split = { train: [], test: [] };
  for (const e of examples) (testKeys.get(datasetOf(e))!.has(promptText(e.prompt)) ? split.test : split.train).push(e);
  return split;
}
