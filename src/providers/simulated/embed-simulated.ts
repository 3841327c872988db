import type { EmbeddingRequest, EmbeddingResult } from '../../spec/embedding.js';
import { hashText, seededRandom } from './seeded-random.js';
import { countTokens } from './compose-simulated-answer.js';

const DEFAULT_DIMENSIONS = 256;

/**
 * Embeddings without a model: each input's vector is drawn from a generator seeded by its text, so the same
 * text always gets the same unit vector (and different texts nearly orthogonal ones). Base64 as OpenAI
 * encodes it: float32, little-endian.
 */
export function embedSimulated(request: EmbeddingRequest, model: string): EmbeddingResult {
  const inputs: string[] = typeof request.input === 'string' ? [request.input] : request.input.map((i) => (typeof i === 'string' ? i : JSON.stringify(i)));
  const dimensions = request.dimensions ?? DEFAULT_DIMENSIONS;
  let tokens = 0;
  const data = inputs.map((text) => {
    tokens += countTokens(text);
    const random = seededRandom(hashText(text));
    const v = Array.from({ length: dimensions }, () => random() * 2 - 1);
    const norm = Math.hypot(...v) || 1;
    const unit = v.map((x) => x / norm);
    return request.encodingFormat === 'base64' ? Buffer.from(Float32Array.from(unit).buffer).toString('base64') : unit;
  });
  return { model, data, usage: { inputTokens: tokens, outputTokens: 0 } };
}
