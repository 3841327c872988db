import type Database from 'better-sqlite3';
import { addTraffic, trafficKey, type TrafficGroup, type TrafficSource } from '../../routing/policies/traffic-groups.js';
import { toTrafficGroup, type TrafficGroupColumns } from '../map-usage-rows.js';
import { DAY_MS, type TimeRange } from '../usage-queries.js';
import { TRAFFIC_GROUPS_SQL } from '../usage-sql.js';

/** The drill's read of the embedded ledger: one grouped query per day of the range, through the ts index. */
export class SqliteTrafficSource implements TrafficSource {
  private readonly query: Database.Statement<[number, number], TrafficGroupColumns>;

  constructor(db: Database.Database) {
    this.query = db.prepare(TRAFFIC_GROUPS_SQL);
  }

  async trafficGroups(range: TimeRange & { until: number }, onProgress?: (done: number, total: number) => void): Promise<TrafficGroup[]> {
    const groups = new Map<string, TrafficGroup>();
    const total = Math.max(1, Math.ceil((range.until - range.since) / DAY_MS));
    for (let i = 0; i < total; i++) {
      const from = range.since + i * DAY_MS;
      for (const r of this.query.iterate(from, Math.min(range.until, from + DAY_MS))) {
        const g = toTrafficGroup(r);
        const key = trafficKey(g);
        const known = groups.get(key);
        if (known) addTraffic(known, g);
        else groups.set(key, g);
      }
      onProgress?.(i + 1, total);
      // let a progress bar paint on long ranges
      if (i % 8 === 7) await new Promise((resolve) => setImmediate(resolve));
    }
    return [...groups.values()];
  }
}
