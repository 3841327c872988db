import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { DashboardQueries, LatencyQuery, LatencyRow, RequestDetail, RequestLogRow, RequestPageQuery, SeriesQuery, SeriesRow } from '../dashboard-queries.js';
import { latencyCountsSql, percentilesSql, REQUEST_SQL, requestPageSql, seriesSql } from '../dashboard-sql.js';
import {
  toLatencyRows,
  toRequestDetail,
  toRequestLogRow,
  toSeriesRows,
  type LatencyCountColumns,
  type PercentileColumns,
  type RequestDetailColumns,
  type RequestLogColumns,
  type SeriesColumns,
} from '../map-dashboard-rows.js';
import { numberedPlaceholders } from './open-postgres.js';

/** DashboardQueries over the shared store: the same portable SQL as SQLite, as named prepared statements. */
export class PostgresDashboardQueries implements DashboardQueries {
  constructor(private readonly pool: pg.Pool) {}

  async series(q: SeriesQuery): Promise<SeriesRow[]> {
    return toSeriesRows(await this.rows<SeriesColumns>(seriesSql(q.step, q.by), [q.since, q.until]), q.step);
  }

  async latency(q: LatencyQuery): Promise<LatencyRow[]> {
    const range = [q.since, q.until];
    const [counts, ttft, duration] = await Promise.all([
      this.rows<LatencyCountColumns>(latencyCountsSql(q.by), range),
      this.rows<PercentileColumns>(percentilesSql(q.by, 'ttft_ms'), range),
      this.rows<PercentileColumns>(percentilesSql(q.by, 'latency_ms'), range),
    ]);
    return toLatencyRows(counts, ttft, duration);
  }

  async requests(q: RequestPageQuery): Promise<RequestLogRow[]> {
    const { sql, params } = requestPageSql(q);
    return (await this.rows<RequestLogColumns>(sql, params)).map(toRequestLogRow);
  }

  async request(id: string): Promise<RequestDetail | undefined> {
    const [row] = await this.rows<RequestDetailColumns>(REQUEST_SQL, [id]);
    return row && toRequestDetail(row);
  }

  private async rows<T extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<T[]> {
    // one prepared statement per query shape, named by its text (the shapes are few and fixed)
    const name = `dash-${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
    return (await this.pool.query<T>({ name, text: numberedPlaceholders(sql), values: params })).rows;
  }
}
