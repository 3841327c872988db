import type { FailedAttempt } from '../spec/gateway-error.js';
import type { Attempt, Exclusion, RoutePlan } from './plan-route.js';
import { describeDecision } from './cost-quality/cost-quality-router.js';

const MAX_LENGTH = 1_000;

/**
 * The route a request took, compactly, for the `x-switchyard-route` header and the ledger:
 * `model=chat; served=ds/deepseek-chat; tried=tg/x:upstream_error; excluded=fw/y:price_cap,oa/z:circuit_open`,
 * or `model=nonexistent; fallback=gpt-5 (unknown_model); served=…` where an unknown model fell back to `models`.
 * Printable ASCII only, so it is always a valid header value.
 */
export function describeRoute(
  plan: RoutePlan,
  served: Attempt | undefined,
  failures: readonly FailedAttempt[],
  cancelled: readonly Attempt[] = [],
): string {
  const parts = [`model=${plan.requestedModel}`];
  // the requested model is unknown: the request fell back to its `models` list, from this one
  if (plan.fallback) parts.push(`fallback=${plan.fallback.model} (${plan.fallback.reason})`);
  if (plan.router) parts.push(`router=${plan.router.route}:${describeDecision(plan.router)}`);
  if (served) parts.push(`served=${served.providerId}/${served.model}${served.drop ? ` (without ${served.drop.join(',')})` : ''}`);
  if (failures.length > 0) parts.push(`tried=${failures.map((f) => `${f.provider}/${f.model}:${f.code}`).join(',')}`);
  if (cancelled.length > 0) parts.push(`hedged=${cancelled.map((c) => `${c.providerId}/${c.model}:cancelled`).join(',')}`);
  if (plan.panic) parts.push(`panic=${plan.panic.map(excludedText).join(',')}`);
  if (plan.demoted) parts.push(`demoted=${plan.demoted.map(excludedText).join(',')}`);
  if (plan.excluded.length > 0) parts.push(`excluded=${plan.excluded.map(excludedText).join(',')}`);
  const text = parts.join('; ').replace(/[^\x20-\x7e]/g, '?');
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…`.replace(/[^\x20-\x7e]/g, '.') : text;
}

function excludedText(e: Exclusion): string {
  return `${e.providerId}/${e.model}:${e.reason}`;
}
