import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog } from '../../catalog/catalog.js';
import { importRouteLlm } from './import-routellm.js';
import { importZeroEval } from './import-zeroeval.js';
import type { RoutingExample } from './routing-example.js';

/** The pair the shipped model is trained on for ZeroEval: a cheap open model against a strong closed one. */
export const DEFAULT_ZEROEVAL_PAIR = { weak: 'Meta-Llama-3.1-70B-Instruct', strong: 'gpt-4o-2024-08-06' } as const;
export const ZEROEVAL_MATRICES = ['gsm', 'math-l5', 'crux'] as const;

/** Every dataset of the shared routing data (RouteLLM's caches, the three ZeroEval matrices), as contract examples. */
export function importSharedRoutingData(dir: string, catalog: Catalog, notes: string[] = []): RoutingExample[] {
  const out: RoutingExample[] = [];
  const routellm = importRouteLlm(join(dir, 'routellm'));
  out.push(...routellm.examples);
  notes.push(...routellm.notes);
  for (const m of ZEROEVAL_MATRICES) {
    const file = join(dir, 'zeroeval', `${m}_matrix.csv`);
    if (!existsSync(file)) continue;
    const z = importZeroEval(file, { ...DEFAULT_ZEROEVAL_PAIR, catalog });
    out.push(...z.examples);
    notes.push(...z.notes);
  }
  return out;
}
