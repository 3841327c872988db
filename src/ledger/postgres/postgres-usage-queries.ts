import { toJudgedSamples, type JudgedSampleColumns, type RouteJudgedSample } from '../usage-queries.js';
import type pg from 'pg';
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
  SpendQuery,
  SpendRow,
  SpendScope,
  TimeRange,
  UsageQueries,
  RouterRow,
  ServedShareRow,
} from '../usage-queries.js';
import { CACHE_SAVINGS_SQL, JUDGED_SAMPLES_SQL, ORIGINS_SQL, PROVIDERS_SQL, ROUTED_SQL, SERVED_SHARES_SQL, SHADOW_SPEND_SQL, SHADOW_VERDICTS_SQL, SPAN_SQL, spendSql, spentSql, tokensByModelSql } from '../usage-sql.js';
import { numberedPlaceholders } from './open-postgres.js';

/** UsageQueries over the shared store: the same portable SQL as SQLite, as named prepared statements. */
export class PostgresUsageQueries implements UsageQueries {
  constructor(private readonly pool: pg.Pool) {}

  async spentSince(scope: SpendScope, since: number): Promise<number> {
    const { kind, params } = spentParams(scope, since);
    const [row] = await this.rows<{ spent: number }>(`spent-${kind}`, spentSql(kind), params);
    return row?.spent ?? 0;
  }

  async spend(q: SpendQuery): Promise<SpendRow[]> {
    return toSpendRows(await this.rows<SpendColumns>(`spend-${q.by}`, spendSql(q.by), rangeParams(q)), q.by);
  }

  async tokensByModel(q: ModelTokensQuery): Promise<ModelTokensRow[]> {
    const byTeam = q.by === 'team';
    return toModelTokensRows(await this.rows<ModelTokensColumns>(`tokens-${byTeam}`, tokensByModelSql(byTeam), rangeParams(q)), byTeam);
  }

  async origins(q: OriginQuery): Promise<OriginRow[]> {
    return toOriginRows(await this.rows<OriginColumns>('origins', ORIGINS_SQL, rangeParams(q)), q.bucket);
  }

  async providers(q: TimeRange): Promise<ProviderRow[]> {
    return toProviderRows(await this.rows<ProviderColumns>('providers', PROVIDERS_SQL, rangeParams(q)));
  }

  async count(q: TimeRange): Promise<number> {
    return (await this.span(q)).requests;
  }

  async span(q: TimeRange): Promise<RangeSpan> {
    const [row] = await this.rows<SpanColumns>('span', SPAN_SQL, rangeParams(q));
    return toSpan(row!);
  }

  async servedShares(q: TimeRange): Promise<ServedShareRow[]> {
    return toServedShareRows(await this.rows<ServedShareColumns>('served-shares', SERVED_SHARES_SQL, rangeParams(q)));
  }

  async cacheSavings(q: TimeRange): Promise<CacheSavingsRow> {
    const [row] = await this.rows<{ hits: string; saved_usd: string; unknown_saved: string }>('cache-savings', CACHE_SAVINGS_SQL, rangeParams(q));
    return toCacheSavings(row);
  }

  async judgedSamples(q: TimeRange): Promise<RouteJudgedSample[]> {
    return toJudgedSamples(await this.rows<JudgedSampleColumns>('judged-samples', JUDGED_SAMPLES_SQL, rangeParams(q)));
  }

  async router(q: TimeRange): Promise<RouterRow[]> {
    const params = rangeParams(q);
    const [routed, spend, verdicts] = await Promise.all([
      this.rows<RoutedColumns>('routed', ROUTED_SQL, params),
      this.rows<ShadowSpendColumns>('shadow-spend', SHADOW_SPEND_SQL, params),
      this.rows<ShadowVerdictColumns>('shadow-verdicts', SHADOW_VERDICTS_SQL, params),
    ]);
    return toRouterRows(routed, spend, verdicts);
  }

  private async rows<T extends pg.QueryResultRow>(name: string, sql: string, params: unknown[]): Promise<T[]> {
    return (await this.pool.query<T>({ name: `usage-${name}`, text: numberedPlaceholders(sql), values: params })).rows;
  }
}
