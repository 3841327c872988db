import type Database from 'better-sqlite3';
import {
  bucketStartDay,
  dayToIso,
  type ModelTokensQuery,
  type ModelTokensRow,
  type OriginQuery,
  type OriginRow,
  type ProviderRow,
  type RangeSpan,
  type SpendGrouping,
  type SpendQuery,
  type SpendRow,
  type SpendScope,
  type TimeRange,
  type UsageFigures,
  type UsageQueries,
} from '../usage-queries.js';

/** Past any real request time: the upper bound when a range has none. */
const NO_END = 8_640_000_000_000_000;

const DAY = 'CAST(ts / 86400000 AS INTEGER)';
const TOKENS_UNKNOWN = '(input_tokens IS NULL OR output_tokens IS NULL)';
const COMPARABLE = '(input_tokens IS NOT NULL AND output_tokens IS NOT NULL AND cost_usd IS NOT NULL)';

/** The figures every grouped row carries (portable SQL: SQLite and PostgreSQL alike). */
const FIGURES = `COUNT(*) AS requests,
  COALESCE(SUM(input_tokens), 0) AS input_tokens,
  COALESCE(SUM(output_tokens), 0) AS output_tokens,
  COALESCE(SUM(cost_usd), 0) AS cost_usd,
  SUM(CASE WHEN cost_usd IS NULL THEN 1 ELSE 0 END) AS unknown_cost,
  SUM(CASE WHEN ${TOKENS_UNKNOWN} THEN 1 ELSE 0 END) AS unknown_tokens`;

const IN_RANGE = 'FROM requests WHERE ts >= ? AND ts < ?';

const SPEND_GROUP: Record<SpendGrouping, string> = {
  day: DAY,
  key: 'key_id',
  team: 'team',
  model: 'COALESCE(catalog_model, served_model)',
  provider: 'provider',
};

interface FigureColumns {
  requests: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  unknown_cost: number;
  unknown_tokens: number;
}

type SpendColumns = FigureColumns & { grp: string | number | null; cached_input_tokens: number; estimated_cost: number };
type OriginColumns = FigureColumns & { day: number; origin: string; developer: string };
type ProviderColumns = FigureColumns & { provider: string | null; provider_type: string | null; jurisdiction: string | null };
interface ModelTokensColumns {
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

/** UsageQueries over the embedded store, with one prepared statement per query shape. */
export class SqliteUsageQueries implements UsageQueries {
  private readonly spentStatements: Record<'all' | 'key' | 'team' | 'keyTeam', Database.Statement>;
  private readonly spendStatements: Record<SpendGrouping, Database.Statement>;
  private readonly tokensStatements: Record<'model' | 'team', Database.Statement>;
  private readonly originsStatement: Database.Statement;
  private readonly providersStatement: Database.Statement;
  private readonly spanStatement: Database.Statement;

  constructor(db: Database.Database) {
    const spent = (where: string) => db.prepare(`SELECT COALESCE(SUM(cost_usd), 0) AS spent FROM requests WHERE ${where}ts >= ?`);
    this.spentStatements = {
      all: spent(''),
      key: spent('key_id = ? AND '),
      team: spent('team = ? AND '),
      keyTeam: spent('key_id = ? AND team = ? AND '),
    };
    const spend = (by: SpendGrouping) =>
      db.prepare(`SELECT ${SPEND_GROUP[by]} AS grp, ${FIGURES},
        COALESCE(SUM(cached_input_tokens), 0) AS cached_input_tokens,
        SUM(CASE WHEN cost_usd IS NOT NULL AND cost_estimated = 1 THEN 1 ELSE 0 END) AS estimated_cost
        ${IN_RANGE} GROUP BY ${SPEND_GROUP[by]} ORDER BY ${SPEND_GROUP[by]}`);
    this.spendStatements = { day: spend('day'), key: spend('key'), team: spend('team'), model: spend('model'), provider: spend('provider') };
    const tokens = (withTeam: boolean) => {
      const columns = `provider, provider_type, served_model, catalog_model${withTeam ? ', team' : ''}`;
      const known = (column: string) => `COALESCE(SUM(CASE WHEN ${COMPARABLE} THEN ${column} END), 0) AS ${column}`;
      return db.prepare(`SELECT ${columns}, COUNT(*) AS requests,
        SUM(CASE WHEN ${TOKENS_UNKNOWN} THEN 1 ELSE 0 END) AS unknown_tokens,
        SUM(CASE WHEN NOT ${TOKENS_UNKNOWN} AND cost_usd IS NULL THEN 1 ELSE 0 END) AS unknown_cost,
        SUM(CASE WHEN ${COMPARABLE} THEN 1 ELSE 0 END) AS comparable,
        ${['input_tokens', 'cached_input_tokens', 'cache_write_tokens', 'output_tokens', 'reasoning_tokens', 'cost_usd'].map(known).join(',\n        ')},
        SUM(CASE WHEN ${COMPARABLE} AND cost_estimated = 1 THEN 1 ELSE 0 END) AS estimated_cost
        ${IN_RANGE} GROUP BY ${columns}`);
    };
    this.tokensStatements = { model: tokens(false), team: tokens(true) };
    this.originsStatement = db.prepare(`SELECT ${DAY} AS day, COALESCE(model_origin, 'unknown') AS origin,
      COALESCE(developer, 'unknown') AS developer, ${FIGURES}
      ${IN_RANGE} GROUP BY ${DAY}, COALESCE(model_origin, 'unknown'), COALESCE(developer, 'unknown') ORDER BY ${DAY}`);
    this.providersStatement = db.prepare(`SELECT provider, provider_type, provider_jurisdiction AS jurisdiction, ${FIGURES}
      ${IN_RANGE} GROUP BY provider, provider_type, provider_jurisdiction`);
    this.spanStatement = db.prepare(`SELECT COUNT(*) AS requests, MIN(ts) AS first_ts, MAX(ts) AS last_ts ${IN_RANGE}`);
  }

  async spentSince(scope: SpendScope, since: number): Promise<number> {
    const { keyId, team } = scope;
    let row: unknown;
    if (keyId !== undefined && team !== undefined) row = this.spentStatements.keyTeam.get(keyId, team, since);
    else if (keyId !== undefined) row = this.spentStatements.key.get(keyId, since);
    else if (team !== undefined) row = this.spentStatements.team.get(team, since);
    else row = this.spentStatements.all.get(since);
    return (row as { spent: number }).spent;
  }

  async spend(q: SpendQuery): Promise<SpendRow[]> {
    const rows = this.spendStatements[q.by].all(...bounds(q)) as SpendColumns[];
    return rows.map((r) => ({
      group: r.grp === null ? null : q.by === 'day' ? dayToIso(Number(r.grp)) : String(r.grp),
      ...figures(r),
      cachedInputTokens: r.cached_input_tokens,
      estimatedCostRequests: r.estimated_cost,
    }));
  }

  async tokensByModel(q: ModelTokensQuery): Promise<ModelTokensRow[]> {
    const rows = this.tokensStatements[q.by === 'team' ? 'team' : 'model'].all(...bounds(q)) as ModelTokensColumns[];
    return rows.map((r) => ({
      provider: r.provider,
      providerType: r.provider_type,
      servedModel: r.served_model,
      catalogModel: r.catalog_model,
      ...(q.by === 'team' ? { team: r.team ?? null } : {}),
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

  async origins(q: OriginQuery): Promise<OriginRow[]> {
    const rows = this.originsStatement.all(...bounds(q)) as OriginColumns[];
    const merged = new Map<string, OriginRow>();
    for (const r of rows) {
      const bucket = dayToIso(bucketStartDay(r.day, q.bucket));
      const key = JSON.stringify([bucket, r.origin, r.developer]);
      const known = merged.get(key);
      if (known) addFigures(known, figures(r));
      else merged.set(key, { bucket, origin: r.origin, developer: r.developer, ...figures(r) });
    }
    return [...merged.values()];
  }

  async providers(q: TimeRange): Promise<ProviderRow[]> {
    const rows = this.providersStatement.all(...bounds(q)) as ProviderColumns[];
    return rows.map((r) => ({ provider: r.provider, providerType: r.provider_type, jurisdiction: r.jurisdiction, ...figures(r) }));
  }

  async count(q: TimeRange): Promise<number> {
    return (await this.span(q)).requests;
  }

  async span(q: TimeRange): Promise<RangeSpan> {
    const r = this.spanStatement.get(...bounds(q)) as { requests: number; first_ts: number | null; last_ts: number | null };
    return r.requests === 0 ? { requests: 0 } : { requests: r.requests, firstTs: r.first_ts ?? undefined, lastTs: r.last_ts ?? undefined };
  }
}

function bounds(q: TimeRange): [number, number] {
  return [q.since, q.until ?? NO_END];
}

function figures(r: FigureColumns): UsageFigures {
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
