import {
  bucketStartDay,
  dayToIso,
  type ModelTokensRow,
  type OriginRow,
  type ProviderRow,
  type RangeSpan,
  type RouterRow,
  type ServedShareRow,
  type SpendGrouping,
  type SpendRow,
  type SpendScope,
  type TimeBucket,
  type TimeRange,
  type UsageFigures,
} from './usage-queries.js';
import { NO_END, type SpentScopeKind } from './usage-sql.js';
import type { TrafficGroup } from '../routing/policies/traffic-groups.js';

/** The result columns of the portable queries in usage-sql.ts, and how each becomes the interface's rows. */
export interface FigureColumns {
  requests: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  unknown_cost: number;
  unknown_tokens: number;
}

export type SpendColumns = FigureColumns & { grp: string | number | null; cached_input_tokens: number; estimated_cost: number };
export type OriginColumns = FigureColumns & { day: number; origin: string; developer: string };
export type ProviderColumns = FigureColumns & { provider: string | null; provider_type: string | null; jurisdiction: string | null };
export interface SpanColumns {
  requests: number;
  first_ts: number | null;
  last_ts: number | null;
}
export interface ModelTokensColumns {
  provider: string | null;
  provider_type: string | null;
  served_model: string | null;
  catalog_model: string | null;
  team?: string | null;
  requests: number;
  unknown_tokens: number;
  unknown_cost: number;
  comparable: number;
  input_tokens: number;
  cached_input_tokens: number;
  cache_write_tokens: number;
  output_tokens: number;
  reasoning_tokens: number;
  cost_usd: number;
  estimated_cost: number;
}

export function rangeParams(q: TimeRange): [number, number] {
  return [q.since, q.until ?? NO_END];
}

/** Which spent query a scope needs, and its parameters. */
export function spentParams(scope: SpendScope, since: number): { kind: SpentScopeKind; params: unknown[] } {
  const { keyId, team } = scope;
  if (scope.shadowRoute !== undefined) return { kind: 'shadow', params: [scope.shadowRoute, since] };
  if (keyId !== undefined && team !== undefined) return { kind: 'keyTeam', params: [keyId, team, since] };
  if (keyId !== undefined) return { kind: 'key', params: [keyId, since] };
  if (team !== undefined) return { kind: 'team', params: [team, since] };
  return { kind: 'all', params: [since] };
}

export function figures(r: FigureColumns): UsageFigures {
  return {
    requests: r.requests,
    inputTokens: r.input_tokens,
    outputTokens: r.output_tokens,
    costUsd: r.cost_usd,
    unknownCostRequests: r.unknown_cost,
    unknownTokenRequests: r.unknown_tokens,
  };
}

function addFigures(into: UsageFigures, more: UsageFigures): void {
  into.requests += more.requests;
  into.inputTokens += more.inputTokens;
  into.outputTokens += more.outputTokens;
  into.costUsd += more.costUsd;
  into.unknownCostRequests += more.unknownCostRequests;
  into.unknownTokenRequests += more.unknownTokenRequests;
}

export function toSpendRows(rows: SpendColumns[], by: SpendGrouping): SpendRow[] {
  return rows.map((r) => ({
    group: r.grp === null ? null : by === 'day' ? dayToIso(Number(r.grp)) : String(r.grp),
    ...figures(r),
    cachedInputTokens: r.cached_input_tokens,
    estimatedCostRequests: r.estimated_cost,
  }));
}

export function toModelTokensRows(rows: ModelTokensColumns[], byTeam: boolean): ModelTokensRow[] {
  return rows.map((r) => ({
    provider: r.provider,
    providerType: r.provider_type,
    servedModel: r.served_model,
    catalogModel: r.catalog_model,
    ...(byTeam ? { team: r.team ?? null } : {}),
    requests: r.requests,
    unknownTokenRequests: r.unknown_tokens,
    unknownCostRequests: r.unknown_cost,
    comparableRequests: r.comparable,
    inputTokens: r.input_tokens,
    cachedInputTokens: r.cached_input_tokens,
    cacheWriteTokens: r.cache_write_tokens,
    outputTokens: r.output_tokens,
    reasoningTokens: r.reasoning_tokens,
    costUsd: r.cost_usd,
    estimatedCostRequests: r.estimated_cost,
  }));
}

/** Days rolled up into the asked bucket. */
export function toOriginRows(rows: OriginColumns[], bucket: TimeBucket): OriginRow[] {
  const merged = new Map<string, OriginRow>();
  for (const r of rows) {
    const start = dayToIso(bucketStartDay(Number(r.day), bucket));
    const key = JSON.stringify([start, r.origin, r.developer]);
    const known = merged.get(key);
    if (known) addFigures(known, figures(r));
    else merged.set(key, { bucket: start, origin: r.origin, developer: r.developer, ...figures(r) });
  }
  return [...merged.values()];
}

export function toProviderRows(rows: ProviderColumns[]): ProviderRow[] {
  return rows.map((r) => ({ provider: r.provider, providerType: r.provider_type, jurisdiction: r.jurisdiction, ...figures(r) }));
}

export function toSpan(r: SpanColumns): RangeSpan {
  return r.requests === 0 ? { requests: 0 } : { requests: r.requests, firstTs: r.first_ts ?? undefined, lastTs: r.last_ts ?? undefined };
}

export interface RoutedColumns {
  route: string;
  requests: number;
  weak_requests: number;
  comparable: number;
  paid_usd: number;
  strong_usd: number;
}
export interface ShadowSpendColumns {
  route: string;
  spend_usd: number;
}
export interface ShadowVerdictColumns {
  route: string;
  samples: number;
  judged: number;
  weak_as_good: number;
}

/** The three router queries' rows merged per route. */
export function toRouterRows(routed: readonly RoutedColumns[], spend: readonly ShadowSpendColumns[], verdicts: readonly ShadowVerdictColumns[]): RouterRow[] {
  const rows = new Map<string, RouterRow>();
  const at = (route: string) => {
    let r = rows.get(route);
    if (!r) {
      r = { route, requests: 0, weakRequests: 0, comparableRequests: 0, paidUsd: 0, strongUsd: 0, shadowSpendUsd: 0, shadowSamples: 0, judged: 0, weakAsGood: 0 };
      rows.set(route, r);
    }
    return r;
  };
  for (const x of routed) Object.assign(at(x.route), { requests: Number(x.requests), weakRequests: Number(x.weak_requests), comparableRequests: Number(x.comparable), paidUsd: Number(x.paid_usd), strongUsd: Number(x.strong_usd) });
  for (const x of spend) at(x.route).shadowSpendUsd = Number(x.spend_usd);
  for (const x of verdicts) Object.assign(at(x.route), { shadowSamples: Number(x.samples), judged: Number(x.judged), weakAsGood: Number(x.weak_as_good) });
  return [...rows.values()].sort((a, b) => b.requests - a.requests || a.route.localeCompare(b.route));
}

/** A row of TRAFFIC_GROUPS_SQL. */
export interface TrafficGroupColumns {
  requested_model: string;
  key_id: string | null;
  team: string | null;
  provider: string | null;
  served_model: string | null;
  router_tier: string | null;
  n: number;
  inp: number | null;
  cached: number | null;
  cw: number | null;
  outp: number | null;
  reas: number | null;
  unknown_tokens: number;
  cost: number | null;
  unknown_cost: number;
}

export function toTrafficGroup(r: TrafficGroupColumns): TrafficGroup {
  return {
    requestedModel: r.requested_model,
    keyId: r.key_id,
    team: r.team,
    provider: r.provider,
    servedModel: r.served_model,
    ...(r.router_tier === 'weak' || r.router_tier === 'strong' ? { routerTier: r.router_tier } : {}),
    requests: Number(r.n),
    inputTokens: Number(r.inp ?? 0),
    cachedInputTokens: Number(r.cached ?? 0),
    cacheWriteTokens: Number(r.cw ?? 0),
    outputTokens: Number(r.outp ?? 0),
    reasoningTokens: Number(r.reas ?? 0),
    unknownTokenRequests: Number(r.unknown_tokens),
    costUsd: Number(r.cost ?? 0),
    unknownCostRequests: Number(r.unknown_cost),
  };
}

export interface ServedShareColumns {
  provider: string | null;
  developer: string | null;
  model_origin: string | null;
  requests: number;
  tokens: number;
  cost_usd: number;
}

export function toServedShareRows(rows: readonly ServedShareColumns[]): ServedShareRow[] {
  return rows.map((r) => ({
    provider: r.provider,
    developer: r.developer,
    origin: r.model_origin,
    requests: Number(r.requests),
    tokens: Number(r.tokens),
    costUsd: Number(r.cost_usd),
  }));
}
