import type pg from 'pg';
import type { TrafficGroup, TrafficSource } from '../../routing/policies/traffic-groups.js';
import type { TimeRange } from '../usage-queries.js';

/**
 * The drill's read of the shared ledger: one grouped query through the ts index. PostgreSQL aggregates the
 * range in one pass, so progress is reported once, when it is done.
 */
export class PostgresTrafficSource implements TrafficSource {
  constructor(private readonly pool: pg.Pool) {}

  async trafficGroups(range: TimeRange & { until: number }, onProgress?: (done: number, total: number) => void): Promise<TrafficGroup[]> {
    const { rows } = await this.pool.query(
      `SELECT requested_model, key_id, team, provider, served_model, COUNT(*) AS n,
              SUM(input_tokens) AS inp, SUM(cached_input_tokens) AS cached, SUM(cache_write_tokens) AS cw,
              SUM(output_tokens) AS outp, SUM(reasoning_tokens) AS reas,
              SUM(CASE WHEN input_tokens IS NULL OR output_tokens IS NULL THEN 1 ELSE 0 END) AS unknown_tokens,
              SUM(cost_usd) AS cost, SUM(CASE WHEN cost_usd IS NULL THEN 1 ELSE 0 END) AS unknown_cost
         FROM requests
        WHERE ts >= $1 AND ts < $2 AND status = 200
        GROUP BY requested_model, key_id, team, provider, served_model`,
      [range.since, range.until],
    );
    onProgress?.(1, 1);
    return rows.map((r) => ({
      requestedModel: r.requested_model,
      keyId: r.key_id,
      team: r.team,
      provider: r.provider,
      servedModel: r.served_model,
      requests: Number(r.n),
      inputTokens: Number(r.inp ?? 0),
      cachedInputTokens: Number(r.cached ?? 0),
      cacheWriteTokens: Number(r.cw ?? 0),
      outputTokens: Number(r.outp ?? 0),
      reasoningTokens: Number(r.reas ?? 0),
      unknownTokenRequests: Number(r.unknown_tokens),
      costUsd: Number(r.cost ?? 0),
      unknownCostRequests: Number(r.unknown_cost),
    }));
  }
}
