import type { FailedAttempt } from '../spec/gateway-error.js';
import type { LatencyRow, RequestDetail, RequestLogRow, SeriesRow, SeriesStep } from './dashboard-queries.js';
import { slotMs } from './dashboard-sql.js';

/** The result columns of dashboard-sql.ts, and how each becomes the interface's rows (both stores alike). */
export interface SeriesColumns {
  slot: number;
  grp: string | null;
  requests: number;
  errors: number;
  hedges: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  unknown_cost: number;
  unknown_tokens: number;
  c_requests: number;
  c_input: number;
  c_cached: number;
  c_cache_write: number;
  c_output: number;
  c_reasoning: number;
  c_cost: number;
}

export function toSeriesRows(rows: readonly SeriesColumns[], step: SeriesStep): SeriesRow[] {
  const ms = slotMs(step);
  return rows.map((r) => ({
    start: Number(r.slot) * ms,
    group: r.grp === null ? null : String(r.grp),
    requests: Number(r.requests),
    errors: Number(r.errors),
    cancelledHedges: Number(r.hedges),
    inputTokens: Number(r.input_tokens),
    outputTokens: Number(r.output_tokens),
    costUsd: Number(r.cost_usd),
    unknownCostRequests: Number(r.unknown_cost),
    unknownTokenRequests: Number(r.unknown_tokens),
    comparable: {
      requests: Number(r.c_requests),
      inputTokens: Number(r.c_input),
      cachedInputTokens: Number(r.c_cached),
      cacheWriteTokens: Number(r.c_cache_write),
      outputTokens: Number(r.c_output),
      reasoningTokens: Number(r.c_reasoning),
      costUsd: Number(r.c_cost),
    },
  }));
}

export interface LatencyCountColumns {
  grp: string | null;
  requests: number;
  errors: number;
}

export interface PercentileColumns {
  grp: string | null;
  p50: number | null;
  p99: number | null;
}

/** The three latency queries merged per group, largest first. */
export function toLatencyRows(counts: readonly LatencyCountColumns[], ttft: readonly PercentileColumns[], duration: readonly PercentileColumns[]): LatencyRow[] {
  const key = (g: string | null) => JSON.stringify(g);
  const t = new Map(ttft.map((r) => [key(r.grp), r]));
  const d = new Map(duration.map((r) => [key(r.grp), r]));
  const num = (v: number | null | undefined) => (v === null || v === undefined ? null : Number(v));
  return counts
    .map((c) => ({
      group: c.grp,
      requests: Number(c.requests),
      errors: Number(c.errors),
      ttftP50Ms: num(t.get(key(c.grp))?.p50),
      ttftP99Ms: num(t.get(key(c.grp))?.p99),
      durationP50Ms: num(d.get(key(c.grp))?.p50),
      durationP99Ms: num(d.get(key(c.grp))?.p99),
    }))
    .sort((a, b) => b.requests - a.requests || String(a.group).localeCompare(String(b.group)));
}

export interface RequestLogColumns {
  id: string;
  ts: number;
  key_id: string | null;
  key_name: string | null;
  team: string | null;
  requested_model: string;
  provider: string | null;
  served_model: string | null;
  status: number;
  error_code: string | null;
  stream: number;
  input_tokens: number | null;
  output_tokens: number | null;
  cost_usd: number | null;
  ttft_ms: number | null;
  latency_ms: number;
  route: string | null;
  bodies_stored: number;
}

export interface RequestDetailColumns extends RequestLogColumns {
  catalog_model: string | null;
  developer: string | null;
  model_origin: string | null;
  provider_jurisdiction: string | null;
  cached_input_tokens: number | null;
  cache_write_tokens: number | null;
  reasoning_tokens: number | null;
  usage_estimated: number;
  cost_estimated: number;
  partial: number;
  attempts: string | null;
  router_route: string | null;
  router_tier: string | null;
  router_served_tier?: string | null;
  router_score: number | null;
  purpose: string | null;
  cache: string | null;
  cache_saved_usd: number | null;
  request_body: string | null;
  response_body: string | null;
}

const orNull = (v: number | null) => (v === null ? null : Number(v));

export function toRequestLogRow(r: RequestLogColumns): RequestLogRow {
  return {
    id: r.id,
    ts: Number(r.ts),
    keyId: r.key_id,
    keyName: r.key_name,
    team: r.team,
    requestedModel: r.requested_model,
    provider: r.provider,
    servedModel: r.served_model,
    status: Number(r.status),
    errorCode: r.error_code,
    stream: Number(r.stream) === 1,
    inputTokens: orNull(r.input_tokens),
    outputTokens: orNull(r.output_tokens),
    costUsd: orNull(r.cost_usd),
    ttftMs: orNull(r.ttft_ms),
    durationMs: Number(r.latency_ms),
    route: r.route,
    bodiesStored: Number(r.bodies_stored) === 1,
  };
}

export function toRequestDetail(r: RequestDetailColumns): RequestDetail {
  return {
    ...toRequestLogRow(r),
    catalogModel: r.catalog_model,
    developer: r.developer,
    origin: r.model_origin,
    jurisdiction: r.provider_jurisdiction,
    cachedInputTokens: orNull(r.cached_input_tokens),
    cacheWriteTokens: orNull(r.cache_write_tokens),
    reasoningTokens: orNull(r.reasoning_tokens),
    usageEstimated: Number(r.usage_estimated) === 1,
    costEstimated: Number(r.cost_estimated) === 1,
    partial: Number(r.partial) === 1,
    attempts: parseAttempts(r.attempts),
    routerRoute: r.router_route,
    routerTier: r.router_tier,
    routerServedTier: r.router_served_tier ?? null,
    routerScore: orNull(r.router_score),
    purpose: r.purpose,
    cache: r.cache ?? null,
    cacheSavedUsd: orNull(r.cache_saved_usd ?? null),
    requestBody: r.request_body,
    responseBody: r.response_body,
  };
}

/** The failed attempts as stored (JSON); an unreadable value reads as none rather than failing the page. */
function parseAttempts(text: string | null): FailedAttempt[] {
  if (text === null) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? (parsed as FailedAttempt[]) : [];
  } catch {
    return [];
  }
}
