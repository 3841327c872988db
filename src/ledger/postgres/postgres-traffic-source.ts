import type pg from 'pg';
import type { TrafficGroup, TrafficSource } from '../../routing/policies/traffic-groups.js';
import { toTrafficGroup, type TrafficGroupColumns } from '../map-usage-rows.js';
import type { TimeRange } from '../usage-queries.js';
import { TRAFFIC_GROUPS_SQL } from '../usage-sql.js';
import { numberedPlaceholders } from './open-postgres.js';

/**
 * The drill's read of the shared ledger: the same grouped query through the ts index, in one pass (PostgreSQL
 * aggregates the range itself), so progress is reported once, when it is done.
 */
export class PostgresTrafficSource implements TrafficSource {
  constructor(private readonly pool: pg.Pool) {}

  async trafficGroups(range: TimeRange & { until: number }, onProgress?: (done: number, total: number) => void): Promise<TrafficGroup[]> {
    const { rows } = await this.pool.query<TrafficGroupColumns>(numberedPlaceholders(TRAFFIC_GROUPS_SQL), [range.since, range.until]);
    onProgress?.(1, 1);
    return rows.map(toTrafficGroup);
  }
}
