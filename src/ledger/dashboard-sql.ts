import type { LatencyDimension, RequestPageQuery, SeriesDimension, SeriesStep } from './dashboard-queries.js';

/**
 * The dashboard's read queries as portable SQL over the `requests` table (SQLite and PostgreSQL alike),
 * with `?` placeholders. Every one reads a `ts` range through an index, or walks the `ts` index newest first.
 * Expressions come from the closed tables below, never from a request.
 */

/** The column or expression each dimension groups by. */
const DIMENSION: Record<SeriesDimension, string> = {
  total: "'total'",
  team: 'team',
  key: 'key_id',
  model: 'COALESCE(catalog_model, served_model)',
  provider: 'provider',
  route: 'requested_model',
  origin: 'model_origin',
  developer: 'developer',
  jurisdiction: 'provider_jurisdiction',
};

const SLOT_MS: Record<SeriesStep, number> = { hour: 3_600_000, day: 86_400_000 };

/** The client got an error: an error status, or a stream that failed after it began (status 200, an error code). */
const IS_ERROR = '(status >= 400 OR error_code IS NOT NULL)';
const IS_ERROR_R = '(r.status >= 400 OR r.error_code IS NOT NULL)';
const TOKENS_UNKNOWN = '(input_tokens IS NULL OR output_tokens IS NULL)';
const COMPARABLE = '(input_tokens IS NOT NULL AND output_tokens IS NOT NULL AND cost_usd IS NOT NULL)';
/** A hedged attempt cancelled once another answered: a row of its own, but no request a client saw. */
const NOT_HEDGE = "(error_code IS NULL OR error_code <> 'hedge_cancelled')";

/** Figures per slot (hour or day) and group; parameters: since, until. */
export function seriesSql(step: SeriesStep, by: SeriesDimension): string {
  const slot = `CAST(ts / ${SLOT_MS[step]} AS INTEGER)`;
  const group = DIMENSION[by];
  const known = (column: string, as: string) => `COALESCE(SUM(CASE WHEN ${COMPARABLE} THEN ${column} END), 0) AS ${as}`;
  return `SELECT ${slot} AS slot, ${group} AS grp, COUNT(*) AS requests,
    SUM(CASE WHEN ${IS_ERROR} THEN 1 ELSE 0 END) AS errors,
    SUM(CASE WHEN ${NOT_HEDGE} THEN 0 ELSE 1 END) AS hedges,
    COALESCE(SUM(input_tokens), 0) AS input_tokens,
    COALESCE(SUM(output_tokens), 0) AS output_tokens,
    COALESCE(SUM(cost_usd), 0) AS cost_usd,
    SUM(CASE WHEN cost_usd IS NULL THEN 1 ELSE 0 END) AS unknown_cost,
    SUM(CASE WHEN ${TOKENS_UNKNOWN} THEN 1 ELSE 0 END) AS unknown_tokens,
    SUM(CASE WHEN ${COMPARABLE} THEN 1 ELSE 0 END) AS c_requests,
    ${known('input_tokens', 'c_input')}, ${known('cached_input_tokens', 'c_cached')}, ${known('cache_write_tokens', 'c_cache_write')},
    ${known('output_tokens', 'c_output')}, ${known('reasoning_tokens', 'c_reasoning')}, ${known('cost_usd', 'c_cost')}
  FROM requests WHERE ts >= ? AND ts < ?
  GROUP BY ${by === 'total' ? slot : `${slot}, ${group}`} ORDER BY ${slot}`;
}

/** Slot length in ms: a slot number times this is the slot's start. */
export function slotMs(step: SeriesStep): number {
  return SLOT_MS[step];
}

/** Requests and errors per group; parameters: since, until. */
export function latencyCountsSql(by: LatencyDimension): string {
  const group = DIMENSION[by];
  return `SELECT ${group} AS grp, COUNT(*) AS requests, SUM(CASE WHEN ${IS_ERROR} THEN 1 ELSE 0 END) AS errors
  FROM requests WHERE ts >= ? AND ts < ? AND ${NOT_HEDGE} GROUP BY ${group}`;
}

/**
 * The 50th and 99th percentiles of a column per group, by nearest rank (the smallest value whose rank is at
 * least p × n), in integer arithmetic so both stores pick the same row; parameters: since, until.
 */
export function percentilesSql(by: LatencyDimension, column: 'ttft_ms' | 'latency_ms'): string {
  const group = DIMENSION[by];
  return `SELECT grp, MIN(CASE WHEN rn * 2 >= n THEN v END) AS p50, MIN(CASE WHEN rn * 100 >= n * 99 THEN v END) AS p99
  FROM (SELECT ${group} AS grp, ${column} AS v,
      ROW_NUMBER() OVER (PARTITION BY ${group} ORDER BY ${column}) AS rn,
      COUNT(*) OVER (PARTITION BY ${group}) AS n
    FROM requests WHERE ts >= ? AND ts < ? AND ${column} IS NOT NULL AND ${NOT_HEDGE}) ranked
  GROUP BY grp`;
}

const LOG_COLUMNS = `r.id, r.ts, r.key_id, k.name AS key_name, r.team, r.requested_model, r.provider, r.served_model, r.status,
  r.error_code, r.stream, r.input_tokens, r.output_tokens, r.cost_usd, r.ttft_ms, r.latency_ms, r.route,
  CASE WHEN r.request_body IS NOT NULL OR r.response_body IS NOT NULL THEN 1 ELSE 0 END AS bodies_stored`;

/**
 * A page of the request log, newest first (time, then id), with its parameters in order. The shape of the
 * SQL depends only on which filters are present (`shape` names it, for prepared statements).
 */
export function requestPageSql(q: RequestPageQuery): { sql: string; params: unknown[]; shape: string } {
  const where: string[] = [];
  const params: unknown[] = [];
  const shape: string[] = [];
  const add = (name: string, clause: string, ...values: unknown[]) => {
    shape.push(name);
    where.push(clause);
    params.push(...values);
  };
  if (q.after) add('after', 'r.ts <= ? AND (r.ts < ? OR r.id < ?)', q.after.ts, q.after.ts, q.after.id);
  if (q.since !== undefined) add('since', 'r.ts >= ?', q.since);
  if (q.model !== undefined) add('model', '(r.requested_model = ? OR r.served_model = ? OR r.catalog_model = ?)', q.model, q.model, q.model);
  if (q.provider !== undefined) add('provider', 'r.provider = ?', q.provider);
  if (q.keyId !== undefined) add('key', 'r.key_id = ?', q.keyId);
  if (q.team !== undefined) add('team', 'r.team = ?', q.team);
  const s = q.status;
  if (s?.kind === 'ok') add('ok', `NOT ${IS_ERROR_R}`);
  else if (s?.kind === 'error') add('error', IS_ERROR_R);
  else if (s?.kind === 'http') add('http', 'r.status = ?', s.status);
  else if (s?.kind === 'code') add('code', 'r.error_code = ?', s.code);
  params.push(q.limit);
  const sql = `SELECT ${LOG_COLUMNS} FROM requests r LEFT JOIN api_keys k ON k.id = r.key_id
  ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.ts DESC, r.id DESC LIMIT ?`;
  return { sql, params, shape: shape.join('-') || 'all' };
}

/** One request with everything kept of it; parameter: the id. */
export const REQUEST_SQL = `SELECT ${LOG_COLUMNS}, r.catalog_model, r.developer, r.model_origin, r.provider_jurisdiction,
  r.cached_input_tokens, r.cache_write_tokens, r.reasoning_tokens, r.usage_estimated, r.cost_estimated, r.partial, r.attempts,
  r.router_route, r.router_tier, r.router_served_tier, r.router_score, r.purpose, r.cache, r.cache_saved_usd, r.request_body, r.response_body
  FROM requests r LEFT JOIN api_keys k ON k.id = r.key_id WHERE r.id = ?`;
