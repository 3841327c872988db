import type Database from 'better-sqlite3';
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

/** DashboardQueries over the embedded store; statements are prepared on first use and kept. */
export class SqliteDashboardQueries implements DashboardQueries {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  async series(q: SeriesQuery): Promise<SeriesRow[]> {
    return toSeriesRows(this.all<SeriesColumns>(seriesSql(q.step, q.by), [q.since, q.until]), q.step);
  }

  async latency(q: LatencyQuery): Promise<LatencyRow[]> {
    const range = [q.since, q.until];
    return toLatencyRows(
      this.all<LatencyCountColumns>(latencyCountsSql(q.by), range),
      this.all<PercentileColumns>(percentilesSql(q.by, 'ttft_ms'), range),
      this.all<PercentileColumns>(percentilesSql(q.by, 'latency_ms'), range),
    );
  }

  async requests(q: RequestPageQuery): Promise<RequestLogRow[]> {
    const { sql, params } = requestPageSql(q);
    return this.all<RequestLogColumns>(sql, params).map(toRequestLogRow);
  }

  async request(id: string): Promise<RequestDetail | undefined> {
    const row = this.prepared(REQUEST_SQL).get(id) as RequestDetailColumns | undefined;
    return row && toRequestDetail(row);
  }

  private all<T>(sql: string, params: unknown[]): T[] {
    return this.prepared(sql).all(...params) as T[];
  }

  private prepared(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
