import type { EmbeddingResult } from '../../spec/embedding.js';
import { GatewayError } from '../../spec/gateway-error.js';
import { countOrUndefined } from '../../spec/usage.js';
import { asArray, asObject, asString } from '../toolkit/json-shapes.js';
import { mapInBandError } from '../toolkit/map-in-band-error.js';

/** An `/embeddings` answer as a canonical result: one vector (floats or base64 text) per input, in input order. */
export function parseOpenAIEmbeddings(providerId: string, value: unknown, secrets: readonly string[]): EmbeddingResult {
  const body = asObject(value);
  if (body?.error != null) throw mapInBandError(providerId, body.error, secrets);
  const data = asArray(body?.data)
    .map((d) => asObject(d))
    .sort((a, b) => indexOf(a) - indexOf(b))
    .map((d) => d?.embedding);
  if (!body || data.length === 0 || data.some((e) => !Array.isArray(e) && typeof e !== 'string')) {
    throw new GatewayError('upstream_invalid_response', `Provider '${providerId}' sent embeddings in an unknown shape.`, {
      provider: providerId,
    });
  }
  const usage = asObject(body.usage);
  return {
    model: asString(body.model),
    data: data as Array<number[] | string>,
    ...(usage && { usage: { inputTokens: countOrUndefined(usage.prompt_tokens), raw: body.usage } }),
  };
}

/** A vector's `index`: a number as sent, else 0 (whatever a provider puts there, sorting cannot throw). */
function indexOf(d: Record<string, unknown> | undefined): number {
  const i = d?.index;
  return typeof i === 'number' && Number.isFinite(i) ? i : 0;
}
