import type { JudgedSample } from '../routing/cost-quality/assess-router.js';
/**
 * The ledger's read side: the few aggregate queries that budgets and reports need, narrow enough that each
 * backend (SQLite, PostgreSQL) implements them with the same portable SQL over the `requests`
 * table. Every query reads a time range through the `ts` index (or `key_id, ts` / `team, ts`), never the
 * whole table.
 *
 * Unknown stays unknown: token sums and cost sums add only known figures, and every row set says how many
 * of the requests it covers had an unknown cost or unknown token counts, so a report can say so rather than
 * count them as 0. Every method returns a promise, so a networked backend fits behind it. A NULL grouping value (no team, no provider, no known origin) comes back as `null`,
 * except where a query says otherwise.
 */

/** A half-open range of request times, unix ms: `since <= ts < until` (`until` absent: no upper bound). */
export interface TimeRange {
  since: number;
  until?: number;
}

export type SpendGrouping = 'day' | 'key' | 'team' | 'model' | 'provider';
export type TimeBucket = 'day' | 'week' | 'month';

/** Figures every grouped row carries. Sums are over known values only. */
export interface UsageFigures {
  /** Every request the row covers. */
  requests: number;
  inputTokens: number;
  outputTokens: number;
  /** USD, the sum of the known costs (estimated ones included). */
  costUsd: number;
  /** Requests whose cost is unknown (no price): not in `costUsd`. */
  unknownCostRequests: number;
  /** Requests whose input or output token count is unknown: their known counts only are in the sums. */
  unknownTokenRequests: number;
}

export interface SpendRow extends UsageFigures {
  /**
   * The group: a day (`YYYY-MM-DD`, UTC), a key id, a team, a model (the catalog's id where known, else the
   * served model's name) or a provider id; `null` for requests without one.
   */
  group: string | null;
  cachedInputTokens: number;
  /** Requests whose cost was computed from an estimated token count (the provider reported no usage). */
  estimatedCostRequests: number;
}

export interface SpendQuery extends TimeRange {
  by: SpendGrouping;
}

/**
 * Usage per served deployment (and team), for re-pricing at another model's price. A request is
 * *comparable* when its input and output token counts and its cost are all known; the token and cost
 * figures cover only the comparable requests, so both sides of a comparison rest on the same requests.
 */
export interface ModelTokensRow {
  /** The provider id from the config. */
  provider: string | null;
  providerType: string | null;
  servedModel: string | null;
  catalogModel: string | null;
  /** Present when grouped by team. */
  team?: string | null;
  /** Every request in the group. */
  requests: number;
  /** Input or output token count unknown: cannot be re-priced. */
  unknownTokenRequests: number;
  /** Token counts known, cost unknown: what was paid is not known. */
  unknownCostRequests: number;
  /** Requests with tokens and cost known; the figures below are theirs. */
  comparableRequests: number;
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  costUsd: number;
  /** Comparable requests whose cost rests on an estimated token count. */
  estimatedCostRequests: number;
}

export interface ModelTokensQuery extends TimeRange {
  by?: 'team';
}

export interface OriginRow extends UsageFigures {
  /** The bucket's first day (`YYYY-MM-DD`, UTC): the day, the Monday of the week, the first of the month. */
  bucket: string;
  /** ISO country of the model's developer; `'unknown'` when the ledger does not know it. */
  origin: string;
  /** The model's developer; `'unknown'` when the ledger does not know it. */
  developer: string;
}

export interface OriginQuery extends TimeRange {
  bucket: TimeBucket;
}

export interface ProviderRow extends UsageFigures {
  provider: string | null;
  providerType: string | null;
  /** ISO country governing the provider's hosting; `null` when unknown or self-hosted. */
  jurisdiction: string | null;
}

/** The requests in a range, and the times of the first and last. */
export interface RangeSpan {
  requests: number;
  firstTs?: number;
  lastTs?: number;
}

export interface SpendScope {
  keyId?: string;
  team?: string;
  /** The shadow and judge calls of one cost-quality route (its own budget); alone, not with key or team. */
  shadowRoute?: string;
}

/** A cost-quality route's traffic: what it paid against what the strong tier would have cost, and shadow evidence. */
export interface RouterRow {
  route: string;
  requests: number;
  /** Requests the router sent to the cheap tier. */
  weakRequests: number;
  /** Requests with both their cost and the strong tier's cost known; the USD figures are theirs. */
  comparableRequests: number;
  paidUsd: number;
  /** The same requests at the strong tier's first choice, for the same tokens. */
  strongUsd: number;
  /** Shadow and judge calls' cost. */
  shadowSpendUsd: number;
  shadowSamples: number;
  judged: number;
  /** Judged samples where the cheap answer was as good as the strong one. */
  weakAsGood: number;
}

/** Served traffic per provider, developer and origin: what concentration caps measure. */
export interface ServedShareRow {
  provider: string | null;
  developer: string | null;
  origin: string | null;
  requests: number;
  /** Known input + output tokens. */
  tokens: number;
  costUsd: number;
}

export interface UsageQueries {
  /**
   * USD spent by a key, a team, both, or (empty scope) the whole gateway since `since`: the sum of known
   * costs. Called once per scope and budget period; the caller caches it.
   */
  spentSince(scope: SpendScope, since: number): Promise<number>;
  /** Requests, tokens and cost grouped one way; days ascending, other groups in no set order. */
  spend(q: SpendQuery): Promise<SpendRow[]>;
  /** Usage per provider, type and served model (and team), for re-pricing. */
  tokensByModel(q: ModelTokensQuery): Promise<ModelTokensRow[]>;
  /** Usage per time bucket, model origin and developer; buckets ascending, in no set order within one. */
  origins(q: OriginQuery): Promise<OriginRow[]>;
  /** Usage per provider and jurisdiction. */
  providers(q: TimeRange): Promise<ProviderRow[]>;
  count(q: TimeRange): Promise<number>;
  /** Served requests in a range per provider, developer and origin (concentration shares). */
  servedShares(q: TimeRange): Promise<ServedShareRow[]>;
  /** Cost-quality routes in a range, per route. */
  router(q: TimeRange): Promise<RouterRow[]>;
  span(q: TimeRange): Promise<RangeSpan>;
  /** Answers served from the response cache in a range, and what they would have cost. */
  cacheSavings(q: TimeRange): Promise<CacheSavingsRow>;
  /** Judged shadow samples in a range (those that know their threshold), oldest first: the router self-check's evidence. */
  judgedSamples(q: TimeRange): Promise<RouteJudgedSample[]>;
}

export interface RouteJudgedSample extends JudgedSample {
  ts: number;
  route: string;
}

/** A judged sample as the table holds it. */
export interface JudgedSampleColumns {
  ts: number | string;
  route: string;
  score: number | string;
  threshold: number | string;
  verdict: string;
}

export function toJudgedSamples(rows: readonly JudgedSampleColumns[]): RouteJudgedSample[] {
  return rows.map((r) => ({ ts: Number(r.ts), route: r.route, score: Number(r.score), threshold: Number(r.threshold), weakAsGood: r.verdict === 'weak_as_good' }));
}

export interface CacheSavingsRow {
  hits: number;
  /** What the hits would have cost at the deployments that first gave them (USD). */
  savedUsd: number;
  /** Hits whose would-be cost is unknown (no price): not in savedUsd. */
  unknownSavedRequests: number;
}

/** A cache-savings row as either database returns it (PostgreSQL counts come as text). */
export function toCacheSavings(row: { hits: unknown; saved_usd: unknown; unknown_saved: unknown } | undefined): CacheSavingsRow {
  return { hits: Number(row?.hits ?? 0), savedUsd: Number(row?.saved_usd ?? 0), unknownSavedRequests: Number(row?.unknown_saved ?? 0) };
}

export const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` (UTC) of a day number (unix ms / DAY_MS). */
export function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The first day of the bucket containing a day number (UTC): the day itself, the Monday of its week, the
 * first of its month. Backends group by day in SQL (`ts / 86400000`) and roll days up with this.
 */
export function bucketStartDay(day: number, bucket: TimeBucket): number {
  if (bucket === 'day') return day;
  if (bucket === 'week') return day - ((new Date(day * DAY_MS).getUTCDay() + 6) % 7);
  const d = new Date(day * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS;
}
