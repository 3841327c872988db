import type { FailedAttempt } from '../spec/gateway-error.js';

/**
 * The ledger's read side for the admin API's dashboard endpoints (`/admin/timeseries`, `/admin/latency`,
 * `/admin/requests`): time series per hour or day, latency percentiles, and the request log read newest
 * first a page at a time. Each backend (SQLite, PostgreSQL) answers them with the same portable SQL
 * (dashboard-sql.ts); every query reads a `ts` range or walks the `ts` index, never the whole table.
 * Unknown stays unknown, as in usage-queries.ts: sums add known figures, and rows say how many were unknown.
 */

/** What a time series is split by: one series per value (`total`: a single series). */
export type SeriesDimension = 'total' | 'team' | 'key' | 'model' | 'provider' | 'route' | 'origin' | 'developer' | 'jurisdiction';

/** The finest slot the store groups by; weeks are rolled up from days. */
export type SeriesStep = 'hour' | 'day';

export interface SeriesQuery {
  since: number;
  until: number;
  step: SeriesStep;
  by: SeriesDimension;
}

/** Figures of the requests whose token counts and cost are all known: what a savings comparison prices. */
export interface ComparableFigures {
  requests: number;
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  costUsd: number;
}

/** One slot of one group. */
export interface SeriesRow {
  /** The slot's start, unix ms (UTC hour or day). */
  start: number;
  /** The group's value; `null` for requests without one (no team, no provider...). */
  group: string | null;
  requests: number;
  /** Requests the client got an error for (HTTP status ≥ 400, or a stream that failed after it started). */
  errors: number;
  /** Hedged attempts cancelled once another answered (among `requests` and `errors`: rows, but no client's request). */
  cancelledHedges: number;
  /** Known input and output tokens. */
  inputTokens: number;
  outputTokens: number;
  /** USD, known costs only. */
  costUsd: number;
  unknownCostRequests: number;
  unknownTokenRequests: number;
  comparable: ComparableFigures;
}

export type LatencyDimension = 'provider' | 'model';

export interface LatencyQuery {
  since: number;
  until: number;
  by: LatencyDimension;
}

/** Latency and errors of one provider or model; percentiles by nearest rank, `null` with no value known. */
export interface LatencyRow {
  group: string | null;
  requests: number;
  errors: number;
  ttftP50Ms: number | null;
  ttftP99Ms: number | null;
  durationP50Ms: number | null;
  durationP99Ms: number | null;
}

/** Which requests a page of the log shows. */
export type StatusFilter = { kind: 'ok' } | { kind: 'error' } | { kind: 'http'; status: number } | { kind: 'code'; code: string };

export interface RequestFilter {
  /** The model asked for, the model served, or its catalog id. */
  model?: string;
  provider?: string;
  keyId?: string;
  team?: string;
  status?: StatusFilter;
  /** Requests at or after this time (unix ms). */
  since?: number;
}

/** Where a page ends: the last row's time and id (rows are ordered by time, then id, both descending). */
export interface RequestCursor {
  ts: number;
  id: string;
}

export interface RequestPageQuery extends RequestFilter {
  /** Rows strictly after this position in newest-first order. */
  after?: RequestCursor;
  limit: number;
}

/** One request in the log. */
export interface RequestLogRow {
  id: string;
  ts: number;
  keyId: string | null;
  /** The key's name when it has one. */
  keyName: string | null;
  team: string | null;
  requestedModel: string;
  provider: string | null;
  servedModel: string | null;
  status: number;
  errorCode: string | null;
  stream: boolean;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
  ttftMs: number | null;
  durationMs: number;
  route: string | null;
  /** Whether a request or response body is stored (the key opted in). */
  bodiesStored: boolean;
}

/** One request with everything the ledger keeps of it. */
export interface RequestDetail extends RequestLogRow {
  catalogModel: string | null;
  developer: string | null;
  origin: string | null;
  jurisdiction: string | null;
  cachedInputTokens: number | null;
  cacheWriteTokens: number | null;
  reasoningTokens: number | null;
  usageEstimated: boolean;
  costEstimated: boolean;
  partial: boolean;
  attempts: FailedAttempt[];
  routerRoute: string | null;
  routerTier: string | null;
  /** The tier that answered (differs from routerTier after a fallback); `other` outside both. */
  routerServedTier: string | null;
  routerScore: number | null;
  purpose: string | null;
  /** What the response cache did (hit, miss, bypass); null when it was off for the request. */
  cache: string | null;
  /** A cache hit: what it would have cost upstream. */
  cacheSavedUsd: number | null;
  requestBody: string | null;
  responseBody: string | null;
}

export interface DashboardQueries {
  /** Figures per slot and group; slots with no request are absent (the caller fills them). */
  series(q: SeriesQuery): Promise<SeriesRow[]>;
  /** Requests, errors and latency percentiles per provider or model (cancelled hedges left out). */
  latency(q: LatencyQuery): Promise<LatencyRow[]>;
  /** A page of the request log, newest first. */
  requests(q: RequestPageQuery): Promise<RequestLogRow[]>;
  /** One request by id, or undefined. */
  request(id: string): Promise<RequestDetail | undefined>;
}
