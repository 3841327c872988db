import { toJudgedSamples, type JudgedSampleColumns, type RouteJudgedSample } from '../usage-queries.js';
import type Database from 'better-sqlite3';
import {
  rangeParams,
  spentParams,
  toModelTokensRows,
  toOriginRows,
  toProviderRows,
  toSpan,
  toSpendRows,
  type ModelTokensColumns,
  type OriginColumns,
  type ProviderColumns,
  type SpanColumns,
  type SpendColumns,
  toRouterRows,
  toServedShareRows,
  type ServedShareColumns,
  type RoutedColumns,
  type ShadowSpendColumns,
  type ShadowVerdictColumns,
} from '../map-usage-rows.js';
import { toCacheSavings, type CacheSavingsRow } from '../usage-queries.js';
import type {
  ModelTokensQuery,
  ModelTokensRow,
  OriginQuery,
  OriginRow,
  ProviderRow,
  RangeSpan,
  SpendGrouping,
  SpendQuery,
  SpendRow,
  SpendScope,
  TimeRange,
  UsageQueries,
  RouterRow,
  ServedShareRow,
} from '../usage-queries.js';
import { CACHE_SAVINGS_SQL, JUDGED_SAMPLES_SQL, ORIGINS_SQL, PROVIDERS_SQL, ROUTED_SQL, SERVED_SHARES_SQL, SHADOW_SPEND_SQL, SHADOW_VERDICTS_SQL, SPAN_SQL, spendSql, spentSql, tokensByModelSql, type SpentScopeKind } from '../usage-sql.js';

/** UsageQueries over the embedded store, with one prepared statement per query shape. */
export class SqliteUsageQueries implements UsageQueries {
  private readonly spentStatements: Record<SpentScopeKind, Database.Statement>;
  private readonly spendStatements: Record<SpendGrouping, Database.Statement>;
  private readonly tokensStatements: Record<'model' | 'team', Database.Statement>;
  private readonly originsStatement: Database.Statement;
  private readonly providersStatement: Database.Statement;
  private readonly spanStatement: Database.Statement;

  constructor(private readonly db: Database.Database) {
    const spent = (kind: SpentScopeKind) => db.prepare(spentSql(kind));
    this.spentStatements = { all: spent('all'), key: spent('key'), team: spent('team'), keyTeam: spent('keyTeam'), shadow: spent('shadow') };
    const spend = (by: SpendGrouping) => db.prepare(spendSql(by));
    this.spendStatements = { day: spend('day'), key: spend('key'), team: spend('team'), model: spend('model'), provider: spend('provider') };
    this.tokensStatements = { model: db.prepare(tokensByModelSql(false)), team: db.prepare(tokensByModelSql(true)) };
    this.originsStatement = db.prepare(ORIGINS_SQL);
    this.providersStatement = db.prepare(PROVIDERS_SQL);
    this.spanStatement = db.prepare(SPAN_SQL);
  }

  async spentSince(scope: SpendScope, since: number): Promise<number> {
    const { kind, params } = spentParams(scope, since);
    return (this.spentStatements[kind].get(...params) as { spent: number }).spent;
  }

  async spend(q: SpendQuery): Promise<SpendRow[]> {
    return toSpendRows(this.spendStatements[q.by].all(...rangeParams(q)) as SpendColumns[], q.by);
  }

  async tokensByModel(q: ModelTokensQuery): Promise<ModelTokensRow[]> {
    const byTeam = q.by === 'team';
    return toModelTokensRows(this.tokensStatements[byTeam ? 'team' : 'model'].all(...rangeParams(q)) as ModelTokensColumns[], byTeam);
  }

  async origins(q: OriginQuery): Promise<OriginRow[]> {
    return toOriginRows(this.originsStatement.all(...rangeParams(q)) as OriginColumns[], q.bucket);
  }

  async providers(q: TimeRange): Promise<ProviderRow[]> {
    return toProviderRows(this.providersStatement.all(...rangeParams(q)) as ProviderColumns[]);
  }

  async count(q: TimeRange): Promise<number> {
    return (await this.span(q)).requests;
  }

  async span(q: TimeRange): Promise<RangeSpan> {
    return toSpan(this.spanStatement.get(...rangeParams(q)) as SpanColumns);
  }

  async servedShares(q: TimeRange): Promise<ServedShareRow[]> {
    return toServedShareRows(this.db.prepare(SERVED_SHARES_SQL).all(...rangeParams(q)) as ServedShareColumns[]);
  }

  async cacheSavings(q: TimeRange): Promise<CacheSavingsRow> {
    return toCacheSavings(this.db.prepare(CACHE_SAVINGS_SQL).get(...rangeParams(q)) as Parameters<typeof toCacheSavings>[0]);
  }

  async judgedSamples(q: TimeRange): Promise<RouteJudgedSample[]> {
    return toJudgedSamples(this.db.prepare(JUDGED_SAMPLES_SQL).all(...rangeParams(q)) as JudgedSampleColumns[]);
  }

  async router(q: TimeRange): Promise<RouterRow[]> {
    const params = rangeParams(q);
    const all = <T>(sql: string) => this.db.prepare(sql).all(...params) as T[];
    return toRouterRows(all<RoutedColumns>(ROUTED_SQL), all<ShadowSpendColumns>(SHADOW_SPEND_SQL), all<ShadowVerdictColumns>(SHADOW_VERDICTS_SQL));
  }
}
