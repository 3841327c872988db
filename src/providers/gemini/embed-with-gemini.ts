import type { EmbeddingRequest, EmbeddingResult } from '../../spec/embedding.js';
import { GatewayError } from '../../spec/gateway-error.js';
import { asArray, asObject } from '../toolkit/json-shapes.js';
import { postJson, type JsonCall } from '../toolkit/send-json.js';

/** Gemini refuses a `batchEmbedContents` call with more requests than this. */
const BATCH_LIMIT = 100;

/**
 * Embeddings through `:batchEmbedContents`, one embed request per input text, in batches Gemini accepts,
 * returned in input order. Gemini takes text only (token-id arrays are refused) and reports no usage.
 * Gemini returns floats; `encodingFormat: base64` is produced here as OpenAI does it (float32, little-endian).
 * `user` has no Gemini counterpart and is not sent.
 */
export async function embedWithGemini(
  call: Omit<JsonCall, 'url' | 'body'>,
  url: string,
  resource: string,
  request: EmbeddingRequest,
): Promise<EmbeddingResult> {
  const inputs = readTextInputs(request.input);
  const data: Array<number[] | string> = [];
  for (let start = 0; start < inputs.length; start += BATCH_LIMIT) {
    const batch = inputs.slice(start, start + BATCH_LIMIT);
    const body = {
      requests: batch.map((text) => ({
        model: resource,
        content: { parts: [{ text }] },
        ...(request.dimensions !== undefined && { outputDimensionality: request.dimensions }),
      })),
    };
    const vectors = readVectors(call.providerId, await postJson({ ...call, url, body }), batch.length);
    for (const v of vectors) data.push(request.encodingFormat === 'base64' ? toBase64(v) : v);
  }
  return { model: resource.replace(/^models\//, ''), data };
}

function readTextInputs(input: EmbeddingRequest['input']): string[] {
  const list: unknown[] = typeof input === 'string' ? [input] : input;
  if (list.length === 0 || !list.every((x): x is string => typeof x === 'string')) {
    throw new GatewayError('invalid_request', "Gemini embeds text only: 'input' must be a string or a non-empty array of strings.", {
      param: 'input',
    });
  }
  return list;
}

function readVectors(providerId: string, value: unknown, expected: number): number[][] {
  const vectors = asArray(asObject(value)?.embeddings).map((e) => asObject(e)?.values);
  const valid = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number');
  if (vectors.length !== expected || !vectors.every(valid)) {
    throw new GatewayError('upstream_invalid_response', `Provider '${providerId}' sent embeddings in an unknown shape.`, {
      provider: providerId,
    });
  }
  return vectors as number[][];
}

function toBase64(values: number[]): string {
  return Buffer.from(Float32Array.from(values).buffer).toString('base64');
}
