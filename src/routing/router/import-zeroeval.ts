import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Catalog } from '../../catalog/catalog.js';
import type { ImportResult } from './import-routellm.js';
import { csvRecords } from './parse-csv.js';
import { priceZeroEvalModel } from './zeroeval-models.js';

export interface ZeroEvalImportOptions {
  weak: string;
  strong: string;
  catalog: Catalog;
  weakId?: string;
  strongId?: string;
  /** Dataset name; default `zeroeval-<file name without _matrix.csv>`. */
  dataset?: string;
}

/** About four characters a token, for English text and code. */
export const CHARS_PER_TOKEN = 4;

/**
 * A ZeroEval matrix (`id,question,gold,<model>|correct,...,<model>|output_chars,...`): one example per question.
 * Costs are estimates: (question chars / 4) input tokens at the model's input price plus (output chars / 4)
 * output tokens at its output price, from the cheapest catalog offer.
 */
export function importZeroEval(path: string, opts: ZeroEvalImportOptions): ImportResult {
  const records = csvRecords(readFileSync(path, 'utf8'), path);
  const dataset = opts.dataset ?? `zeroeval-${basename(path).replace(/_matrix\.csv$/, '').replace(/\.csv$/, '')}`;
  const first = records[0];
  for (const m of [opts.weak, opts.strong]) {
    if (first && !(`${m}|correct` in first)) {
      const models = Object.keys(first).filter((k) => k.endsWith('|correct')).map((k) => k.slice(0, -8));
      throw new Error(`${path}: no column ${m}|correct; models: ${models.join(', ')}`);
    }
  }
  const weak = priceZeroEvalModel(opts.catalog, opts.weak, opts.weakId);
  const strong = priceZeroEvalModel(opts.catalog, opts.strong, opts.strongId);
  const cost = (p: typeof weak.price, inChars: number, outChars: number) =>
    ((inChars / CHARS_PER_TOKEN) * p.input + (outChars / CHARS_PER_TOKEN) * p.output) / 1e6;
  const result: ImportResult = {
    examples: [],
    notes: [
      `${dataset}: weak ${opts.weak} → ${weak.catalogId} (${weak.provider} $${weak.price.input}/$${weak.price.output} per M, ${weak.price.asOf}), ` +
        `strong ${opts.strong} → ${strong.catalogId} (${strong.provider} $${strong.price.input}/$${strong.price.output} per M, ${strong.price.asOf})`,
    ],
  };
  let skipped = 0;
  for (const r of records) {
    const w = r[`${opts.weak}|correct`];
    const s = r[`${opts.strong}|correct`];
    const question = r.question ?? '';
    if (!question || w === '' || s === '' || w === undefined || s === undefined) {
      skipped++;
      continue;
    }
    const wc = Number(r[`${opts.weak}|output_chars`] ?? 0) || 0;
    const sc = Number(r[`${opts.strong}|output_chars`] ?? 0) || 0;
    result.examples.push({
      prompt: question,
      weak_score: Number(w) > 0 ? 1 : 0,
      strong_score: Number(s) > 0 ? 1 : 0,
      weak_cost: cost(weak.price, question.length, wc),
      strong_cost: cost(strong.price, question.length, sc),
      dataset,
    });
  }
  if (skipped) result.notes.push(`${dataset}: ${skipped} questions without both models' results left out`);
  return result;
}
