import type { Principal } from '../auth/key-record.js';
import { describeDecision } from './cost-quality/cost-quality-router.js';
import { describeRoute } from './describe-route.js';
import type { Attempt, Exclusion, RoutePlan } from './plan-route.js';

/** A plan as the explanation commands and POST /admin/route/explain show it (JSON; text is rendered from it). */
export interface PlanExplanation {
  model: string;
  /** The model is unknown: the request falls back to its `models`, from this one. */
  fallback: { model: string; reason: string } | null;
  caller: { team: string | null; key: string | null };
  /** The deployments in the order they would be tried. */
  attempts: Array<{
    deployment: string;
    price: { input: number; output: number } | null;
    origin: string | null;
    developer: string | null;
    jurisdiction: string | null;
    without?: string[];
  }>;
  excluded: Exclusion[];
  /** Tried after the others: their group is past a concentration cap, or their provider refused our key. */
  demoted: Exclusion[];
  /** Every candidate was paused by health, so these are tried anyway (the panic rule). */
  panic: Exclusion[];
  router: string | null;
  hedge_after_ms: number | null;
  /** The `x-switchyard-route` header the gateway sends when the first attempt answers. */
  route: string;
}

export function explainPlan(plan: RoutePlan, principal: Principal | undefined): PlanExplanation {
  return {
    model: plan.requestedModel,
    fallback: plan.fallback ?? null,
    caller: { team: principal?.team ?? null, key: principal?.keyId ?? null },
    attempts: plan.attempts.map(attemptSummary),
    excluded: plan.excluded,
    demoted: plan.demoted ?? [],
    panic: plan.panic ?? [],
    router: plan.router ? `${plan.router.route}:${describeDecision(plan.router)}` : null,
    hedge_after_ms: plan.hedgeAfterMs ?? null,
    route: describeRoute(plan, plan.attempts[0], []),
  };
}

function attemptSummary(a: Attempt): PlanExplanation['attempts'][number] {
  return {
    deployment: `${a.providerId}/${a.model}`,
    price: a.info.price ? { input: a.info.price.input, output: a.info.price.output } : null,
    origin: a.info.origin ?? null,
    developer: a.info.developer ?? null,
    jurisdiction: a.info.jurisdiction ?? (a.info.selfHosted ? 'self-hosted' : null),
    ...(a.drop && { without: a.drop }),
  };
}

/** The explanation as lines of text. */
export function renderPlanExplanation(e: PlanExplanation): string[] {
  const who = e.caller.key ? `key ${e.caller.key} of team ${e.caller.team}` : e.caller.team ? `team ${e.caller.team}` : 'an unrestricted caller';
  const lines = [`Route for '${e.model}' (${who})${e.hedge_after_ms ? `, hedged after ${e.hedge_after_ms} ms` : ''}:`];
  if (e.fallback) lines.push(`  no model '${e.model}' here (${e.fallback.reason}): falls back to the request's models, from '${e.fallback.model}'`);
  if (e.router) lines.push(`  router: ${e.router}`);
  e.attempts.forEach((a, i) => {
    const price = a.price ? `$${a.price.input}/$${a.price.output} per M` : 'price unknown';
    lines.push(`  ${i + 1}. ${a.deployment}  (${price}; model origin ${a.origin ?? '?'}; hosted ${a.jurisdiction ?? '?'})${a.without ? ` without ${a.without.join(', ')}` : ''}`);
  });
  if (e.attempts.length === 0) lines.push('  (nothing can serve this request: the gateway refuses it)');
  for (const p of e.panic) lines.push(`  paused but tried anyway, nothing else being left ${p.providerId}/${p.model}: ${p.reason}`);
  for (const d of e.demoted) lines.push(`  after the others ${d.providerId}/${d.model}: ${d.reason}`);
  for (const x of e.excluded) lines.push(`  excluded ${x.providerId}/${x.model}: ${x.reason}`);
  lines.push(`x-switchyard-route: ${e.route}`);
  return lines;
}
