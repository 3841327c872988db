import type { ChatParam, ChatRequest } from '../spec/chat-request.js';
import type { RoutingPreferences } from '../spec/routing-preferences.js';
import { GatewayError } from '../spec/gateway-error.js';
import { orderByPreferences, preferenceBlock } from './apply-provider-preferences.js';
import { checkDeployment, isPaused, PAUSED, traitsOf } from './check-deployment.js';
import { deploymentKey } from './deployment-info.js';
import type { DeploymentHealth } from './health/deployment-health.js';
import { flatten, tierOf, type CostQualityNode, type ModelTable, type ResolvedDeployment } from './model-table.js';
import type { TierDecision } from './cost-quality/cost-quality-router.js';
import { orderDeployments } from './order-deployments.js';
import { isPolicyReason, policyBlock, type RoutePolicy } from './policies/route-policy.js';
import { resolveRequestedModels, type RequestedModels } from './requested-models.js';

export interface Exclusion {
  providerId: string;
  model: string;
  /** Short machine-readable reason: `unsupported:seed`, `capability:tools`, `price_cap`, `circuit_open`, `pref:ignore`... */
  reason: string;
  /** The request parameter that excluded it, as the client named it. */
  param?: string;
}

export interface Attempt extends ResolvedDeployment {
  /** Parameters this deployment cannot take, left out of its request (`require_parameters: false`). */
  drop?: ChatParam[];
  /** Paused (open or cooling) but tried anyway: nothing else was left (the panic rule). */
  panic?: boolean;
}

export interface RoutePlan {
  requestedModel: string;
  /** The requested model is unknown, so the request falls back to its `models`, from this one. */
  fallback?: RequestedModels['fallback'];
  /** Deployments to try, in order. */
  attempts: Attempt[];
  /** Deployments left out, each with why. */
  excluded: Exclusion[];
  /** Start the next attempt if the first has sent nothing by then (the route's hedging). */
  hedgeAfterMs?: number;
  /**
   * Deployments moved behind the others, each with why: their group is past a concentration cap, or the
   * provider refused the gateway's credentials (`misconfigured`).
   */
  demoted?: Exclusion[];
  /** Every candidate was paused, so these are tried anyway, soonest back first (the panic rule). */
  panic?: Exclusion[];
  /** A cost-quality route's decision for this request. */
  router?: RouterDecision;
}

export interface RouterDecision extends TierDecision {
  route: string;
  /** The strong tier's first allowed deployment: what the request would have cost there (savings). */
  strongReference?: Attempt;
  /** Which tier a deployment belongs to; undefined for one outside both (a request's own fallback model). */
  tierOf(d: { providerId: string; model: string }): TierDecision['tier'] | undefined;
}

export interface PlanContext {
  health: DeploymentHealth;
  random: () => number;
  /** Estimated input tokens of the request, for the context-length check. */
  inputTokens: number;
  /** Kill switches, the caller's policies and concentration caps; none when absent. */
  policy?: RoutePolicy;
  /**
   * Leave out deployments with no known price: the caller spends against a budget, and a cost that cannot
   * be counted would not be charged to it (fail closed on money).
   */
  requirePrice?: boolean;
}

/** Why a deployment is left out for a caller with a budget. */
export const UNPRICED_FOR_BUDGET = 'price_unknown:budget';

/**
 * Which deployments may serve a chat request, in order, and why the others may not. Pure: it reads the
 * request, the model table and a snapshot of health and changes nothing. The requested model comes first,
 * then the request's fallback `models` (resolveRequestedModels: an unknown requested model falls back to
 * them, an unknown one among them is a 400); each is ordered by its route's strategy, then by the request's
 * provider preferences, then checked. A model nothing can stand in for is an error, not an empty plan.
 */
export function planChatRoute(req: ChatRequest, table: ModelTable, ctx: PlanContext): RoutePlan {
  const { primary, names, fallback } = resolveRequestedModels(req.model, req.routing?.models ?? [], table);
  const traits = traitsOf(req, ctx.inputTokens);
  const cq = primary.kind === 'group' ? primary.costQuality : undefined;
  const decision = cq?.router.decide(req);
  const orderCtx = decision ? { ...ctx, tier: decision.tier } : ctx;
  const attempts: Attempt[] = [];
  const excluded: Exclusion[] = [];
  const seen = new Set<string>();
  // deployments health paused (circuit open, cooling): tried anyway when nothing else is left
  const paused = new Map<string, Attempt>();
  const misconfigured = new Set<string>();
  for (const { node } of names) {
    const ordered = orderByPreferences(orderDeployments(node, orderCtx), req.routing?.provider, ctx.health, excluded);
    for (const d of ordered) {
      const key = deploymentKey(d);
      if (seen.has(key)) continue;
      seen.add(key);
      const blocked = (ctx.policy && policyBlock(d, ctx.policy)) || (ctx.requirePrice && !d.info.price ? UNPRICED_FOR_BUDGET : undefined);
      if (blocked) {
        excluded.push({ providerId: d.providerId, model: d.model, reason: blocked });
        continue;
      }
      const verdict = checkDeployment(d, req, traits, ctx.health);
      if (verdict.ok) {
        attempts.push(verdict.drop ? { ...d, drop: verdict.drop } : d);
        if (verdict.misconfigured) misconfigured.add(key);
      } else {
        excluded.push({ providerId: d.providerId, model: d.model, reason: verdict.reason, ...(verdict.param && { param: verdict.param }) });
        if (isPaused(verdict.reason)) paused.set(key, verdict.drop ? { ...d, drop: verdict.drop } : d);
      }
    }
  }
  const hedgeAfterMs = primary.kind === 'group' ? primary.hedgeAfterMs : undefined;
  const panic = attempts.length === 0 && ctx.health.panic ? tryPaused(excluded, attempts, paused, ctx.health) : [];
  const demoted = [
    ...(ctx.policy?.concentration ? demoteOverCap(attempts, ctx.policy.concentration) : []),
    ...demoteMisconfigured(attempts, misconfigured),
  ];
  return {
    requestedModel: req.model,
    ...(fallback && { fallback }),
    attempts,
    excluded,
    ...(hedgeAfterMs !== undefined && { hedgeAfterMs }),
    ...(demoted.length > 0 && { demoted }),
    ...(panic.length > 0 && { panic }),
    ...(decision && cq && primary.kind === 'group' && { router: routerDecision(primary.name, cq, decision, attempts) }),
  };
}

function routerDecision(name: string, cq: CostQualityNode, decision: TierDecision, attempts: readonly Attempt[]): RouterDecision {
  const strongReference = attempts.find((a) => cq.tiers.strong.has(deploymentKey(a)));
  return { route: name, ...decision, ...(strongReference && { strongReference }), tierOf: (d) => tierOf(cq, d) };
}

/**
 * The panic rule (Envoy's): when health has paused every candidate, try them anyway rather than refuse,
 * the one that takes requests again soonest first (a cooling one before an open one at the same time).
 * They leave `excluded` for `attempts`; what they were paused for is returned, for the explanation.
 */
function tryPaused(excluded: Exclusion[], attempts: Attempt[], paused: ReadonlyMap<string, Attempt>, health: DeploymentHealth): Exclusion[] {
  if (paused.size === 0) return [];
  const until = (a: Attempt) => {
    const snap = health.snapshot(deploymentKey(a));
    return Math.min(snap.coolingUntil ?? Infinity, snap.openUntil ?? Infinity);
  };
  const order = [...paused.values()].map((a) => ({ a, until: until(a) })).sort((x, y) => x.until - y.until);
  for (const { a } of order) attempts.push({ ...a, panic: true });
  const keys = new Set(paused.keys());
  const taken: Exclusion[] = [];
  for (let i = excluded.length - 1; i >= 0; i--) {
    const e = excluded[i]!;
    if (isPaused(e.reason) && keys.has(`${e.providerId}/${e.model}`)) taken.unshift(...excluded.splice(i, 1));
  }
  return taken;
}

/** Move the deployments whose provider refused the gateway's credentials lately behind the others. */
function demoteMisconfigured(attempts: Attempt[], misconfigured: ReadonlySet<string>): Exclusion[] {
  if (attempts.length < 2 || misconfigured.size === 0) return [];
  const keep: Attempt[] = [];
  const later: Attempt[] = [];
  for (const a of attempts) (misconfigured.has(deploymentKey(a)) ? later : keep).push(a);
  if (later.length === 0 || keep.length === 0) return [];
  attempts.splice(0, attempts.length, ...keep, ...later);
  return later.map((a) => ({ providerId: a.providerId, model: a.model, reason: 'misconfigured' }));
}

/** Move the attempts whose group is past its cap behind the others, keeping each part's order. */
function demoteOverCap(attempts: Attempt[], concentration: NonNullable<RoutePolicy['concentration']>): Exclusion[] {
  if (attempts.length < 2) return [];
  const keep: Attempt[] = [];
  const later: Attempt[] = [];
  const demoted: Exclusion[] = [];
  for (const a of attempts) {
    const reason = concentration.overCap(a);
    if (reason) {
      later.push(a);
      demoted.push({ providerId: a.providerId, model: a.model, reason });
    } else keep.push(a);
  }
  if (keep.length === 0) return [];
  attempts.splice(0, attempts.length, ...keep, ...later);
  return demoted;
}

/**
 * Which deployments of a model can embed, in configured order, then the request's fallback `models` (the
 * same rules as chat: resolveRequestedModels), each ordered and filtered by the request's provider
 * preferences; those health paused (circuit open, cooling) left out while another can serve, and tried
 * anyway when none can (the panic rule).
 */
export function planEmbeddingRoute(
  model: string,
  table: ModelTable,
  policy: RoutePolicy | undefined,
  requirePrice: boolean,
  health: DeploymentHealth,
  routing?: RoutingPreferences,
): RoutePlan {
  const { names, fallback } = resolveRequestedModels(model, routing?.models ?? [], table);
  const attempts: Attempt[] = [];
  const excluded: Exclusion[] = [];
  const paused = new Map<string, Attempt>();
  const seen = new Set<string>();
  for (const { node } of names) {
    for (const d of orderByPreferences(flatten(node), routing?.provider, health, excluded)) {
      const key = deploymentKey(d);
      if (seen.has(key)) continue;
      seen.add(key);
      let reason =
        (policy && policyBlock(d, policy)) ??
        (d.adapter.embed === undefined ? 'no-embeddings' : requirePrice && !d.info.price ? UNPRICED_FOR_BUDGET : preferenceBlock(d, routing?.provider));
      if (!reason) {
        const snap = health.snapshot(key);
        reason = snap.state === 'open' ? PAUSED.open : snap.coolingUntil !== undefined ? PAUSED.cooling : undefined;
        if (reason) paused.set(key, d);
      }
      if (reason) excluded.push({ providerId: d.providerId, model: d.model, reason });
      else attempts.push(d);
    }
  }
  const panic = attempts.length === 0 && health.panic ? tryPaused(excluded, attempts, paused, health) : [];
  return { requestedModel: model, ...(fallback && { fallback }), attempts, excluded, ...(panic.length > 0 && { panic }) };
}

/** The error for a plan with nothing to try, naming what excluded each deployment. */
export function emptyPlanError(plan: RoutePlan): GatewayError {
  const all = plan.excluded;
  const real = all.filter((e) => !isPolicyReason(e.reason));
  if (all.length > 0 && real.length === 0) {
    const rules = [...new Set(all.map((e) => e.reason))];
    return new GatewayError(
      'policy_denied',
      `No deployment of model '${plan.requestedModel}' is allowed by policy: ${all.map((e) => `${e.providerId}/${e.model}: ${e.reason}`).join('; ')}.`,
      { param: 'model', rules },
    );
  }
  if (real.length > 0 && real.every((e) => e.reason === UNPRICED_FOR_BUDGET)) {
    return new GatewayError(
      'price_unknown',
      `No deployment of model '${plan.requestedModel}' has a known price, and this key spends against a budget: a cost that cannot be counted is not sent. ` +
        'Set its price (providers.<id>.prices) or limits.unknown_price in the config, or use a model with a price.',
      { param: 'model' },
    );
  }
  const param = real.find((e) => e.param)?.param;
  if (param && real.every((e) => e.param)) {
    const where = real.map((e) => `'${e.providerId}'`).join(', ');
    return new GatewayError(
      'unsupported_parameter',
      `The parameter '${param}' is not supported by the provider(s) serving model '${plan.requestedModel}' (${where}). Remove it or choose another model.`,
      { param },
    );
  }
  if (real.length > 0 && real.every((e) => e.reason === 'no-embeddings')) {
    return new GatewayError('invalid_request', `The model '${plan.requestedModel}' does not serve embeddings.`, { param: 'model' });
  }
  const reasons = real.map((e) => `${e.providerId}/${e.model}: ${e.reason}`).join('; ');
  return new GatewayError('invalid_request', `No deployment of model '${plan.requestedModel}' can take this request (${reasons || 'none configured'}).`, {
    param: 'model',
  });
}
