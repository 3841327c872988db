import { executeEmbedding } from '../../routing/execute-plan.js';
import { planEmbeddingRoute } from '../../routing/plan-route.js';
import type { GatewayContext } from '../gateway-context.js';
import type { RequestContext } from '../../http/request-context.js';
import type { RouteTable } from '../../http/route-table.js';
import type { EmbeddingRequest } from '../../spec/embedding.js';
import { GatewayError } from '../../spec/gateway-error.js';
import { describeType, invalid, isObject, optionalNumber, optionalString } from './read-fields.js';

/** POST /v1/embeddings for providers that serve them. */
export function registerEmbeddingsRoute(routes: RouteTable, ctx: GatewayContext): void {
  const handler = async (rc: RequestContext) => {
    const req = parseEmbeddingRequest(rc.body);
    const plan = planEmbeddingRoute(req.model, ctx.models);
    const { signal, release } = ctx.inflight.open(rc.res);
    rc.outcome.model = req.model;
    try {
      const { value, served } = await executeEmbedding(plan, req, signal);
      rc.headers['x-switchyard-provider'] = served.providerId;
      rc.headers['x-switchyard-model'] = served.model;
      rc.outcome.provider = served.providerId;
      if (value.usage) rc.outcome.usage = value.usage;
      const prompt = value.usage?.inputTokens;
      return {
        object: 'list',
        data: value.data.map((embedding, index) => ({ object: 'embedding', index, embedding })),
        model: served.model,
        ...(prompt !== undefined && { usage: { prompt_tokens: prompt, total_tokens: prompt } }),
      };
    } finally {
      release();
    }
  };
  routes.post('/v1/embeddings', handler).post('/embeddings', handler);
}

export function parseEmbeddingRequest(body: unknown): EmbeddingRequest {
  if (!isObject(body)) throw new GatewayError('invalid_request', `The request body must be a JSON object, got ${describeType(body)}.`);
  if (typeof body.model !== 'string' || body.model === '') throw invalid('model', 'is required: the name of the model to use.');
  const input = body.input;
  const isTokens = (v: unknown) => Array.isArray(v) && v.length > 0 && v.every((t) => Number.isInteger(t));
  const valid =
    (typeof input === 'string' && input !== '') ||
    (Array.isArray(input) && input.length > 0 && (input.every((s) => typeof s === 'string') || isTokens(input) || input.every(isTokens)));
  if (!valid) throw invalid('input', 'expected a non-empty string, an array of strings, or token arrays.');
  const format = optionalString(body, 'encoding_format');
  if (format !== undefined && format !== 'float' && format !== 'base64') throw invalid('encoding_format', "expected 'float' or 'base64'.");
  const dimensions = optionalNumber(body, 'dimensions', { integer: true, min: 1 });
  const user = optionalString(body, 'user');
  return {
    model: body.model,
    input: input as EmbeddingRequest['input'],
    ...(format !== undefined && { encodingFormat: format }),
    ...(dimensions !== undefined && { dimensions }),
    ...(user !== undefined && { user }),
  };
}
