import type pg from 'pg';
import type { ShadowSample, ShadowStore } from '../../routing/cost-quality/shadow-sample.js';
import { toSample } from '../sqlite/sqlite-shadow-store.js';

const COLUMNS = [
  'id', 'ts', 'route', 'request_id', 'score', 'served_tier', 'weak_model', 'strong_model', 'prompt',
  'weak_answer', 'strong_answer', 'weak_cost_usd', 'strong_cost_usd', 'verdict', 'judge_model',
];

/** Shadow samples in the shared store. */
export class PostgresShadowStore implements ShadowStore {
  constructor(private readonly pool: pg.Pool) {}

  async add(s: ShadowSample): Promise<void> {
    await this.pool.query(
      `INSERT INTO shadow_samples (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}) ON CONFLICT (id) DO NOTHING`,
      [
        s.id, s.ts, s.route, s.requestId, s.score, s.servedTier, s.weakModel ?? null, s.strongModel ?? null, s.prompt ?? null,
        s.weakAnswer ?? null, s.strongAnswer ?? null, s.weakCostUsd ?? null, s.strongCostUsd ?? null, s.verdict ?? null, s.judgeModel ?? null,
      ],
    );
  }

  async list(range: { since: number; until: number }): Promise<ShadowSample[]> {
    const { rows } = await this.pool.query('SELECT * FROM shadow_samples WHERE ts >= $1 AND ts < $2 ORDER BY ts', [range.since, range.until]);
    return rows.map((r) => toSample({ ...r, ts: Number(r.ts) }));
  }
}
