import type Database from 'better-sqlite3';
import { addTraffic, trafficKey, type TrafficGroup, type TrafficSource } from '../../routing/policies/traffic-groups.js';
import { DAY_MS, type TimeRange } from '../usage-queries.js';

interface GroupRow {
  requested_model: string;
  key_id: string | null;
  team: string | null;
  provider: string | null;
  served_model: string | null;
  n: number;
  inp: number | null;
  cached: number | null;
  cw: number | null;
  outp: number | null;
  reas: number | null;
  unknown_tokens: number;
  cost: number | null;
  unknown_cost: number;
}

/** The drill's read of the embedded ledger: one grouped query per day of the range, through the ts index. */
export class SqliteTrafficSource implements TrafficSource {
  private readonly query: Database.Statement<[number, number], GroupRow>;

  constructor(db: Database.Database) {
    this.query = db.prepare(
      `SELECT requested_model, key_id, team, provider, served_model, COUNT(*) AS n,
              SUM(input_tokens) AS inp, SUM(cached_input_tokens) AS cached, SUM(cache_write_tokens) AS cw,
              SUM(output_tokens) AS outp, SUM(reasoning_tokens) AS reas,
              SUM(CASE WHEN input_tokens IS NULL OR output_tokens IS NULL THEN 1 ELSE 0 END) AS unknown_tokens,
              SUM(cost_usd) AS cost, SUM(CASE WHEN cost_usd IS NULL THEN 1 ELSE 0 END) AS unknown_cost
         FROM requests
        WHERE ts >= ? AND ts < ? AND status = 200
        GROUP BY requested_model, key_id, team, provider, served_model`,
    );
  }

  async trafficGroups(range: TimeRange & { until: number }, onProgress?: (done: number, total: number) => void): Promise<TrafficGroup[]> {
    const groups = new Map<string, TrafficGroup>();
    const total = Math.max(1, Math.ceil((range.until - range.since) / DAY_MS));
    for (let i = 0; i < total; i++) {
      const from = range.since + i * DAY_MS;
      for (const r of this.query.iterate(from, Math.min(range.until, from + DAY_MS))) {
        const g = toGroup(r);
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

function toGroup(r: GroupRow): TrafficGroup {
  return {
    requestedModel: r.requested_model,
    keyId: r.key_id,
    team: r.team,
    provider: r.provider,
    servedModel: r.served_model,
    requests: r.n,
    inputTokens: r.inp ?? 0,
    cachedInputTokens: r.cached ?? 0,
    cacheWriteTokens: r.cw ?? 0,
    outputTokens: r.outp ?? 0,
    reasoningTokens: r.reas ?? 0,
    unknownTokenRequests: r.unknown_tokens,
    costUsd: r.cost ?? 0,
    unknownCostRequests: r.unknown_cost,
  };
}
