import { executeEmbedding } from '../../routing/execute-plan.js';
import { planEmbeddingRoute } from '../../routing/plan-route.js';
import { describeRoute } from '../../routing/describe-route.js';
import { parseRoutingPreferences } from './parse-routing-preferences.js';
import type { GatewayContext } from '../gateway-context.js';
import type { RequestContext } from '../../http/request-context.js';
import type { RouteTable } from '../../http/route-table.js';
import type { EmbeddingRequest } from '../../spec/embedding.js';
import { GatewayError, toGatewayError } from '../../spec/gateway-error.js';
import { randomUUID } from 'node:crypto';
import { estimateTokens } from '../../ledger/estimate-tokens.js';
import { boundEmbeddingInputTokens } from '../../accounting/bound-request-tokens.js';
import { costHeader, withCost, type WireUsage } from './encode-usage.js';
import { describeType, invalid, isObject, optionalNumber, optionalString, requireModelName } from './read-fields.js';
import { consultCache, noteCache } from '../consult-cache.js';
import { embeddingCacheKey } from '../../cache/cache-key.js';
import { cachedEmbedding, type CachedEmbedding } from '../../cache/cached-answer.js';
import type { PricedUsage } from '../../ledger/price-usage.js';
import type { EmbeddingResult } from '../../spec/embedding.js';

/** POST /v1/embeddings for providers that serve them. */
export function registerEmbeddingsRoute(routes: RouteTable, ctx: GatewayContext): void {
  const handler = async (rc: RequestContext) => {
    const account = ctx.openAccount(`emb-${randomUUID()}`, rc.principal, 'embeddings');
    try {
      const req = parseEmbeddingRequest(rc.body);
      account.requestedModel = req.model;
      rc.outcome.model = req.model;
      const plan = planEmbeddingRoute(req.model, ctx.models, ctx.policy.forCaller(rc.principal), account.spendsBudget, ctx.execute.health, req.routing);
      account.plan = plan;
      const cached = await consultCache<CachedEmbedding>(ctx, rc, account, plan, { model: req.model, deterministic: true }, 'embeddings', (ns) =>
        embeddingCacheKey(ns, req),
      );
      const spends = !cached.hit || ctx.cache?.settings.hitsSpendBudget === true;
      account.hitSpends = spends;
      await account.admit({
        model: req.model,
        plan,
        inputEstimate: estimateInputTokens(req.input),
        inputBound: boundEmbeddingInputTokens(req.input),
        maxOutput: 0,
        spends,
        ...(req.routing?.models && { fallbacks: req.routing.models }),
      });
      if (cached.hit) {
        // an answer from the response cache: nothing sent upstream, cost 0 (docs/caching.md)
        noteCache(ctx, rc, account, 'hit');
        const { entry, attempt } = cached.hit;
        account.served = attempt;
        account.route = `${describeRoute(plan, attempt, [])} (from cache)`;
        rc.headers['x-switchyard-route'] = account.route;
        account.usage = entry.result.usage && { ...entry.result.usage, outputTokens: entry.result.usage.outputTokens ?? 0 };
        noteServed(rc, attempt);
        const priced = await account.close(200);
        rc.headers['x-switchyard-cost'] = costHeader(priced);
        return embeddingBody(entry.result, attempt.model, priced);
      }
      if (plan.attempts[0]) ctx.policy.noteSent(plan.attempts[0]);
      const { signal, release } = ctx.inflight.open(rc.res);
      try {
        const { value, served, failures } = await executeEmbedding(ctx.execute, plan, req, signal, account.trace);
        account.served = served;
        account.attempts = failures;
        account.route = describeRoute(plan, served, failures);
        rc.headers['x-switchyard-route'] = account.route;
        account.usage = value.usage && { ...value.usage, outputTokens: value.usage.outputTokens ?? 0 };
        noteServed(rc, served);
        if (value.usage) rc.outcome.usage = value.usage;
        if (cached.fill) ctx.cache?.keep(cached.fill.key, cachedEmbedding(value, { storedAt: ctx.now(), providerId: served.providerId, model: served.model }), cached.fill.decision);
        const priced = await account.close(200);
        rc.headers['x-switchyard-cost'] = costHeader(priced);
        return embeddingBody(value, served.model, priced);
      } finally {
        release();
      }
    } catch (err) {
      const error = toGatewayError(err);
      if (error.attempts) account.attempts = [...error.attempts];
      if (account.plan) {
        account.route = describeRoute(account.plan, undefined, account.attempts);
        rc.headers['x-switchyard-route'] = account.route;
      }
      await account.close(error.status, error);
      throw error;
    }
  };
  routes.post('/v1/embeddings', handler).post('/embeddings', handler);
}

function noteServed(rc: RequestContext, served: { providerId: string; model: string; adapter: { simulated?: boolean } }): void {
  rc.headers['x-switchyard-provider'] = served.providerId;
  rc.headers['x-switchyard-model'] = served.model;
  if (served.adapter.simulated) rc.headers['x-switchyard-simulated'] = 'true';
  rc.outcome.provider = served.providerId;
}

function embeddingBody(value: EmbeddingResult, model: string, priced: PricedUsage): unknown {
  const prompt = value.usage?.inputTokens;
  return {
    object: 'list',
    data: value.data.map((embedding, index) => ({ object: 'embedding', index, embedding })),
    model,
    usage: withCost<WireUsage>(prompt !== undefined ? { prompt_tokens: prompt, total_tokens: prompt } : {}, priced),
  };
}

/** Input tokens of embedding input: text estimated, token arrays counted. */
function estimateInputTokens(input: EmbeddingRequest['input']): number {
  if (typeof input === 'string') return estimateTokens(input);
  let n = 0;
  for (const item of input) n += typeof item === 'string' ? estimateTokens(item) : Array.isArray(item) ? item.length : 1;
  return n;
}

export function parseEmbeddingRequest(body: unknown): EmbeddingRequest {
  if (!isObject(body)) throw new GatewayError('invalid_request', `The request body must be a JSON object, got ${describeType(body)}.`);
  const model = requireModelName(body.model, 'model');
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
  // OpenRouter's `models` and `provider`, under the same rules as on chat completions
  const routing = parseRoutingPreferences(body);
  if (routing?.router) throw invalid('router', 'sets a cost-quality route\'s threshold for chat requests; embeddings do not take it.');
  return {
    model,
    input: input as EmbeddingRequest['input'],
    ...(format !== undefined && { encodingFormat: format }),
    ...(dimensions !== undefined && { dimensions }),
    ...(user !== undefined && { user }),
    ...(routing && { routing }),
  };
}
