import type { Catalog } from '../../catalog/catalog.js';
import type { Price } from '../../catalog/catalog-types.js';

/**
 * ZeroEval column names → catalog model ids. Dated snapshots map to the catalog's current model of the same
 * line; Claude 3.5 Sonnet is not in the catalog, so it maps to claude-sonnet-4, its successor at the same
 * $3 / $15 per million tokens list price.
 */
export const ZEROEVAL_CATALOG_IDS: Readonly<Record<string, string>> = Object.freeze({
  'Meta-Llama-3.1-70B-Instruct': 'llama-3.1-70b-instruct',
  'Meta-Llama-3.1-8B-Instruct': 'llama-3.1-8b-instruct',
  'Llama-3.1-405B-Instruct-Turbo': 'llama-3.1-405b-instruct',
  'Qwen2.5-72B-Instruct': 'qwen2.5-72b-instruct',
  'Qwen2.5-7B-Instruct': 'qwen2.5-7b-instruct',
  'Mixtral-8x7B-Instruct-v0.1': 'mixtral-8x7b-instruct',
  'gpt-4o-2024-08-06': 'gpt-4o',
  'gpt-4o-2024-05-13': 'gpt-4o',
  'chatgpt-4o-latest-24-09-07': 'gpt-4o',
  'gpt-4o-mini-2024-07-18': 'gpt-4o-mini',
  'claude-3-5-sonnet-20240620': 'claude-sonnet-4',
});

export interface PricedModel {
  column: string;
  catalogId: string;
  /** The cheapest catalog offer (by output price): what a cost-minded router would buy. */
  price: Price;
  provider: string;
}

/** The catalog model and price for a ZeroEval column: the mapping table first, then the catalog's own name lookup. */
export function priceZeroEvalModel(catalog: Catalog, column: string, catalogId?: string): PricedModel {
  const id = catalogId ?? ZEROEVAL_CATALOG_IDS[column];
  const model = id ? catalog.model(id) : catalog.findModel(column);
  if (!model) throw new Error(`no catalog model for ZeroEval column ${column}; name one with --weak-id/--strong-id`);
  const offers = [...model.offers].sort((a, b) => a.price.output - b.price.output || a.price.input - b.price.input);
  const best = offers[0];
  if (!best) throw new Error(`catalog model ${model.id} has no priced offer`);
  return { column, catalogId: model.id, price: best.price, provider: best.provider };
}
