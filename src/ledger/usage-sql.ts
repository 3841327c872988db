import type { SpendGrouping } from './usage-queries.js';

/**
 * The ledger's read queries as portable SQL over the `requests` table (SQLite and PostgreSQL alike), with
 * `?` placeholders; each backend prepares them its own way. Every one reads a `ts` range through an index.
 */

/** Past any real request time: the upper bound when a range has none. */
export const NO_END = 8_640_000_000_000_000;

const DAY = 'CAST(ts / 86400000 AS INTEGER)';
const TOKENS_UNKNOWN = '(input_tokens IS NULL OR output_tokens IS NULL)';
/**
 * The request reached a provider: one answered, or attempts failed there (a failed call may still be billed).
 * A request refused before any call (401, 403, 429, a policy or budget refusal) cost nothing: its cost and
 * tokens are not unknown, they are none.
 */
const SENT = '(provider IS NOT NULL OR attempts IS NOT NULL)';
const COMPARABLE = '(input_tokens IS NOT NULL AND output_tokens IS NOT NULL AND cost_usd IS NOT NULL)';

/** The figures every grouped row carries. */
const FIGURES = `COUNT(*) AS requests,
  COALESCE(SUM(input_tokens), 0) AS input_tokens,
  COALESCE(SUM(output_tokens), 0) AS output_tokens,
  COALESCE(SUM(cost_usd), 0) AS cost_usd,
  SUM(CASE WHEN ${SENT} AND cost_usd IS NULL THEN 1 ELSE 0 END) AS unknown_cost,
  SUM(CASE WHEN ${SENT} AND ${TOKENS_UNKNOWN} THEN 1 ELSE 0 END) AS unknown_tokens`;

const IN_RANGE = 'FROM requests WHERE ts >= ? AND ts < ?';

/** Requests sent upstream: not answered from the response cache (hits are reported on their own). */
const NOT_A_HIT = "(cache IS NULL OR cache <> 'hit')";

/** Answers served from the response cache, and what they would have cost upstream. */
export const CACHE_SAVINGS_SQL = `SELECT COUNT(*) AS hits, COALESCE(SUM(cache_saved_usd), 0) AS saved_usd,
    SUM(CASE WHEN cache_saved_usd IS NULL THEN 1 ELSE 0 END) AS unknown_saved
  ${IN_RANGE} AND cache = 'hit' AND status = 200`;

const SPEND_GROUP: Record<SpendGrouping, string> = {
  day: DAY,
  key: 'key_id',
  team: 'team',
  model: 'COALESCE(catalog_model, served_model)',
  provider: 'provider',
};

export type SpentScopeKind = 'all' | 'key' | 'team' | 'keyTeam' | 'shadow';

/** Known spend since a time; parameters: the scope's key id and/or team, then `since`. */
export function spentSql(kind: SpentScopeKind): string {
  const where = {
    all: '',
    key: 'key_id = ? AND ',
    team: 'team = ? AND ',
    keyTeam: 'key_id = ? AND team = ? AND ',
    shadow: 'router_route = ? AND purpose IS NOT NULL AND ',
  }[kind];
  return `SELECT COALESCE(SUM(cost_usd), 0) AS spent FROM requests WHERE ${where}ts >= ?`;
}

export function spendSql(by: SpendGrouping): string {
  return `SELECT ${SPEND_GROUP[by]} AS grp, ${FIGURES},
    COALESCE(SUM(cached_input_tokens), 0) AS cached_input_tokens,
    SUM(CASE WHEN cost_usd IS NOT NULL AND cost_estimated = 1 THEN 1 ELSE 0 END) AS estimated_cost
    ${IN_RANGE} GROUP BY ${SPEND_GROUP[by]} ORDER BY ${SPEND_GROUP[by]}`;
}

export function tokensByModelSql(withTeam: boolean): string {
  const columns = `provider, provider_type, served_model, catalog_model${withTeam ? ', team' : ''}`;
  const known = (column: string) => `COALESCE(SUM(CASE WHEN ${COMPARABLE} THEN ${column} END), 0) AS ${column}`;
  return `SELECT ${columns}, COUNT(*) AS requests,
    SUM(CASE WHEN ${SENT} AND ${TOKENS_UNKNOWN} THEN 1 ELSE 0 END) AS unknown_tokens,
    SUM(CASE WHEN ${SENT} AND NOT ${TOKENS_UNKNOWN} AND cost_usd IS NULL THEN 1 ELSE 0 END) AS unknown_cost,
    SUM(CASE WHEN ${COMPARABLE} THEN 1 ELSE 0 END) AS comparable,
    ${['input_tokens', 'cached_input_tokens', 'cache_write_tokens', 'output_tokens', 'reasoning_tokens', 'cost_usd'].map(known).join(',\n    ')},
    SUM(CASE WHEN ${COMPARABLE} AND cost_estimated = 1 THEN 1 ELSE 0 END) AS estimated_cost
    ${IN_RANGE} AND ${NOT_A_HIT} GROUP BY ${columns}`;
}

export const ORIGINS_SQL = `SELECT ${DAY} AS day, COALESCE(model_origin, 'unknown') AS origin,
  COALESCE(developer, 'unknown') AS developer, ${FIGURES}
  ${IN_RANGE} GROUP BY ${DAY}, COALESCE(model_origin, 'unknown'), COALESCE(developer, 'unknown') ORDER BY ${DAY}`;

export const PROVIDERS_SQL = `SELECT provider, provider_type, provider_jurisdiction AS jurisdiction, ${FIGURES}
  ${IN_RANGE} GROUP BY provider, provider_type, provider_jurisdiction`;

export const SPAN_SQL = `SELECT COUNT(*) AS requests, MIN(ts) AS first_ts, MAX(ts) AS last_ts ${IN_RANGE}`;

/**
 * Requests routed by cost-quality routes (not the gateway's own shadow and judge calls), per route. A request
 * counts for the cheap tier when the cheap tier answered it, not when the router chose it and the strong
 * tier served the fallback (rows written before the served tier was recorded count by the choice).
 */
export const ROUTED_SQL = `SELECT router_route AS route, COUNT(*) AS requests,
    SUM(CASE WHEN COALESCE(router_served_tier, router_tier) = 'weak' THEN 1 ELSE 0 END) AS weak_requests,
    SUM(CASE WHEN cost_usd IS NOT NULL AND strong_cost_usd IS NOT NULL THEN 1 ELSE 0 END) AS comparable,
    COALESCE(SUM(CASE WHEN cost_usd IS NOT NULL AND strong_cost_usd IS NOT NULL THEN cost_usd END), 0) AS paid_usd,
    COALESCE(SUM(CASE WHEN cost_usd IS NOT NULL AND strong_cost_usd IS NOT NULL THEN strong_cost_usd END), 0) AS strong_usd
  ${IN_RANGE} AND router_route IS NOT NULL AND purpose IS NULL AND status = 200 AND ${NOT_A_HIT} GROUP BY router_route`;

/** What shadow and judge calls cost, per route. */
export const SHADOW_SPEND_SQL = `SELECT router_route AS route, COALESCE(SUM(cost_usd), 0) AS spend_usd
  ${IN_RANGE} AND purpose IS NOT NULL GROUP BY router_route`;

/** Shadow samples and the judge's verdicts, per route. */
export const SHADOW_VERDICTS_SQL = `SELECT route, COUNT(*) AS samples,
    SUM(CASE WHEN verdict IS NOT NULL THEN 1 ELSE 0 END) AS judged,
    SUM(CASE WHEN verdict = 'weak_as_good' THEN 1 ELSE 0 END) AS weak_as_good
  FROM shadow_samples WHERE ts >= ? AND ts < ? GROUP BY route`;

/** Judged shadow samples that know the threshold they were routed at: the router self-check's evidence. */
export const JUDGED_SAMPLES_SQL = `SELECT ts, route, score, threshold, verdict FROM shadow_samples
  WHERE ts >= ? AND ts < ? AND verdict IS NOT NULL AND threshold IS NOT NULL ORDER BY ts`;

/** The drill's read: served requests in a range, grouped by model asked for, caller and deployment. */
export const TRAFFIC_GROUPS_SQL = `SELECT requested_model, key_id, team, provider, served_model, router_tier, COUNT(*) AS n,
    SUM(input_tokens) AS inp, SUM(cached_input_tokens) AS cached, SUM(cache_write_tokens) AS cw,
    SUM(output_tokens) AS outp, SUM(reasoning_tokens) AS reas,
    SUM(CASE WHEN input_tokens IS NULL OR output_tokens IS NULL THEN 1 ELSE 0 END) AS unknown_tokens,
    SUM(cost_usd) AS cost, SUM(CASE WHEN cost_usd IS NULL THEN 1 ELSE 0 END) AS unknown_cost
  ${IN_RANGE} AND status = 200 AND purpose IS NULL
  GROUP BY requested_model, key_id, team, provider, served_model, router_tier`;

/** Served requests (not the gateway's own shadow and judge calls) per provider, developer and origin. */
export const SERVED_SHARES_SQL = `SELECT provider, developer, model_origin, COUNT(*) AS requests,
    COALESCE(SUM(input_tokens), 0) + COALESCE(SUM(output_tokens), 0) AS tokens, COALESCE(SUM(cost_usd), 0) AS cost_usd
  ${IN_RANGE} AND status = 200 AND purpose IS NULL GROUP BY provider, developer, model_origin`;
