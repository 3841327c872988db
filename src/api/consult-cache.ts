import type { RequestAccount } from '../accounting/request-account.js';
import type { CachedAnswer } from '../cache/cached-answer.js';
import type { CacheAsk, CacheDecision } from '../cache/cache-decision.js';
import type { CacheOutcome } from '../cache/response-cache.js';
import type { RequestContext } from '../http/request-context.js';
import type { Attempt, RoutePlan } from '../routing/plan-route.js';
import type { GatewayContext } from './gateway-context.js';

/** A request the cache may store the answer of: under `key`, as `decision` says. */
export interface CacheFill {
  key: string;
  decision: Extract<CacheDecision, { use: true }>;
}

/** What the cache had for a request: a servable entry (and the attempt it stands for), and where a fresh answer goes. */
export interface CacheConsult<E extends CachedAnswer> {
  hit?: { entry: E; attempt: Attempt };
  fill?: CacheFill;
}

/**
 * Ask the response cache about a planned request: whether the config caches it, what the client allows,
 * and whether an entry is there that may be served. An entry is served only if the deployment that gave it
 * is still one the plan may use and no kill switch blocks it now (policies, kill switches and the caller's
 * rules all shape the plan): an answer from a provider since killed or disallowed is never served.
 * The outcome goes in `x-switchyard-cache` and the ledger row.
 */
export async function consultCache<E extends CachedAnswer>(
  ctx: GatewayContext,
  rc: RequestContext,
  account: RequestAccount,
  plan: RoutePlan,
  ask: Omit<CacheAsk, 'principal' | 'headers'>,
  kind: E['kind'],
  keyOf: (namespace: string) => string,
): Promise<CacheConsult<E>> {
  const cache = ctx.cache;
  if (!cache) return {};
  const decision = cache.decide({ ...ask, principal: rc.principal, headers: rc.req.headers });
  if (!decision.use) {
    noteCache(ctx, rc, account, 'bypass');
    return {};
  }
  const key = keyOf(decision.namespace);
  const entry = await cache.lookup(key, decision, ctx.now());
  const attempt = entry?.kind === kind ? servableAttempt(ctx, plan, entry) : undefined;
  // a hit is noted once the request is admitted (a refused request was served nothing)
  if (entry && attempt) return { hit: { entry: entry as E, attempt }, fill: { key, decision } };
  noteCache(ctx, rc, account, 'miss');
  return { fill: { key, decision } };
}

function servableAttempt(ctx: GatewayContext, plan: RoutePlan, entry: CachedAnswer): Attempt | undefined {
  const attempt = plan.attempts.find((a) => a.providerId === entry.providerId && a.model === entry.model);
  return attempt && !ctx.execute.blocked?.(attempt) ? attempt : undefined;
}

/** What the cache did for the request: in its header, access-log line, ledger row and the metrics. */
export function noteCache(ctx: GatewayContext, rc: RequestContext, account: RequestAccount, outcome: CacheOutcome): void {
  account.cache = outcome;
  rc.headers['x-switchyard-cache'] = outcome;
  rc.logFields.cache = outcome;
  ctx.cache?.count(outcome);
}
