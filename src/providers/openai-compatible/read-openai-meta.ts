import { asNumber, asString, type JsonObject } from '../toolkit/json-shapes.js';

export interface OpenAIMeta {
  id?: string;
  model?: string;
  created?: number;
}

/**
 * The id, model and creation time of a response or chunk. Empty strings and a zero timestamp (Azure's
 * prompt-filter chunk, sanitized recordings) mean "not sent".
 */
export function readOpenAIMeta(body: JsonObject): OpenAIMeta {
  const created = asNumber(body.created);
  return {
    id: asString(body.id) || undefined,
    model: asString(body.model) || undefined,
    created: created !== undefined && created > 0 ? created : undefined,
  };
}
