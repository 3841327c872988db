import { parseChatRequest } from '../../api/openai/parse-chat-request.js';
import { priceUsage } from '../../ledger/price-usage.js';
import { isGatewayError } from '../../spec/gateway-error.js';
import type { DeploymentHealth } from '../health/deployment-health.js';
import type { ModelTable } from '../model-table.js';
import { planChatRoute, type RoutePlan } from '../plan-route.js';
import { KillSet } from './kill-set.js';
import { killTargetText, type KillSwitch, type KillTarget } from './kill-switch.js';
import { policiesFor, type PolicySet } from './policy.js';
import type { TrafficGroup } from './traffic-groups.js';

export interface DrillInput {
  groups: readonly TrafficGroup[];
  table: ModelTable;
  policies: PolicySet;
  /** The kill switches in force now. */
  kills: readonly KillSwitch[];
  /** What the drill takes away. */
  without: readonly KillTarget[];
  /** Every circuit closed: the drill asks what the config allows, not what is failing now. */
  health: DeploymentHealth;
}

export interface Volume {
  requests: number;
  tokens: number;
}

export interface DrillFailure extends Volume {
  model: string;
  team: string | null;
  /** Why nothing is left, e.g. `kill:provider:deepseek` or `unknown_model`. */
  reasons: string[];
  /** What these requests cost today (USD, re-priced at today's first choice). */
  costUsd: number;
}

export interface DrillMove {
  from: string;
  to: string;
  requests: number;
}

export interface DrillResult {
  without: string[];
  total: Volume;
  /** Requests and tokens that still have a compliant deployment. */
  served: Volume;
  /** Requests that today's config cannot serve even with everything in place (a model since removed...). */
  alreadyFailing: Volume;
  failing: DrillFailure[];
  /** Where served traffic would go instead, largest first. */
  moved: DrillMove[];
  cost: {
    /** What the ledger recorded for all the replayed requests. */
    recordedUsd: number;
    /** The requests still served, priced at today's first choice with everything in place... */
    beforeUsd: number;
    /** ...and at the first choice left after the removal. */
    afterUsd: number;
    /** Requests left out of the cost comparison: token counts or a price unknown. */
    unpricedRequests: number;
  };
}

/**
 * Replay grouped ledger traffic through today's config twice, as it stands and with the drill's targets
 * killed, and say what is still served, what would fail (by model and team), where traffic would move and
 * what it would cost. Pure: it reads the groups and the model table and sends nothing.
 */
export function runDrill(input: DrillInput): DrillResult {
  const now = new KillSet(input.kills);
  const drilled = new KillSet([
    ...input.kills,
    ...input.without.map((target) => ({ target, actor: 'drill', createdAt: 0 })),
  ]);
  const total: Volume = { requests: 0, tokens: 0 };
  const served: Volume = { requests: 0, tokens: 0 };
  const alreadyFailing: Volume = { requests: 0, tokens: 0 };
  const failing = new Map<string, DrillFailure>();
  const moved = new Map<string, DrillMove>();
  const cost = { recordedUsd: 0, beforeUsd: 0, afterUsd: 0, unpricedRequests: 0 };
  const plans = new Map<string, { before: RoutePlan | string; after: RoutePlan | string }>();

  for (const g of input.groups) {
    const tokens = g.inputTokens + g.outputTokens;
    total.requests += g.requests;
    total.tokens += tokens;
    cost.recordedUsd += g.costUsd;
    const known = g.requests - g.unknownTokenRequests;
    const inputTokens = known > 0 ? Math.round(g.inputTokens / known) : 0;
    const caller = { ...(g.team !== null && { team: g.team }), ...(g.keyId !== null && { keyId: g.keyId }) };
    const cacheKey = JSON.stringify([g.requestedModel, g.team, g.keyId, inputTokens, g.routerTier ?? null]);
    let pair = plans.get(cacheKey);
    if (!pair) {
      const policies = policiesFor(input.policies, caller);
      pair = {
        before: plan(g, input, inputTokens, { policies, kills: now }),
        after: plan(g, input, inputTokens, { policies, kills: drilled }),
      };
      plans.set(cacheKey, pair);
    }
    const { before, after } = pair;
    if (typeof before === 'string' || before.attempts.length === 0) {
      // failing today already: not the drill's doing
      alreadyFailing.requests += g.requests;
      alreadyFailing.tokens += tokens;
      continue;
    }
    const first = typeof after === 'string' ? undefined : after.attempts[0];
    if (!first) {
      const key = JSON.stringify([g.requestedModel, g.team]);
      let f = failing.get(key);
      if (!f) failing.set(key, (f = { model: g.requestedModel, team: g.team, requests: 0, tokens: 0, reasons: [], costUsd: 0 }));
      f.requests += g.requests;
      f.tokens += tokens;
      for (const r of typeof after === 'string' ? [after] : after.excluded.map((e) => e.reason)) if (!f.reasons.includes(r)) f.reasons.push(r);
      const was = typeof before === 'string' ? undefined : before.attempts[0];
      f.costUsd += (was && priceGroup(g, was.info.price)) ?? 0;
      continue;
    }
    served.requests += g.requests;
    served.tokens += tokens;
    const was = typeof before === 'string' ? undefined : before.attempts[0];
    const beforeCost = was && priceGroup(g, was.info.price);
    const afterCost = priceGroup(g, first.info.price);
    if (beforeCost === undefined || afterCost === undefined || g.unknownTokenRequests > 0) cost.unpricedRequests += g.requests;
    else {
      cost.beforeUsd += beforeCost;
      cost.afterUsd += afterCost;
    }
    const from = was ? `${was.providerId}/${was.model}` : g.provider ? `${g.provider}/${g.servedModel}` : '(none)';
    const to = `${first.providerId}/${first.model}`;
    if (from !== to) {
      const key = `${from}\u0000${to}`;
      const m = moved.get(key);
      if (m) m.requests += g.requests;
      else moved.set(key, { from, to, requests: g.requests });
    }
  }
  return {
    without: input.without.map(killTargetText),
    total,
    served,
    alreadyFailing,
    failing: [...failing.values()].sort((a, b) => b.requests - a.requests),
    moved: [...moved.values()].sort((a, b) => b.requests - a.requests),
    cost,
  };
}

function plan(g: TrafficGroup, input: DrillInput, inputTokens: number, policy: { policies: ReturnType<typeof policiesFor>; kills: KillSet }): RoutePlan | string {
  try {
    // a cost-quality route's requests go to the tier it chose for them (the prompt is not in the ledger)
    const router = g.routerTier ? { router: { threshold: g.routerTier === 'strong' ? 2 : -1 } } : {};
    const req = parseChatRequest({ model: g.requestedModel, messages: [{ role: 'user', content: '-' }] });
    if (g.routerTier) req.routing = { ...req.routing, ...router };
    return planChatRoute(req, input.table, { health: input.health, random: () => 0, inputTokens, policy });
  } catch (err) {
    if (isGatewayError(err)) return err.code === 'model_not_found' ? 'unknown_model' : err.code;
    throw err;
  }
}

function priceGroup(g: TrafficGroup, price: Parameters<typeof priceUsage>[1]): number | undefined {
  if (!price) return undefined;
  const usage = {
    inputTokens: g.inputTokens,
    cachedInputTokens: g.cachedInputTokens,
    cacheWriteTokens: g.cacheWriteTokens,
    outputTokens: g.outputTokens,
    reasoningTokens: g.reasoningTokens,
  };
  return priceUsage(usage, price, () => ({ input: 0, output: 0 })).cost;
}
