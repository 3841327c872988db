import type pg from 'pg';
import type { ShadowSample, ShadowStore } from '../../routing/cost-quality/shadow-sample.js';
import { SHADOW_SAMPLE_COLUMNS, shadowSampleOf, shadowSampleParams, type ShadowSampleRow } from '../shadow-rows.js';

/** Shadow samples in the shared store. */
export class PostgresShadowStore implements ShadowStore {
  constructor(private readonly pool: pg.Pool) {}

  async add(s: ShadowSample): Promise<void> {
    await this.pool.query(
      `INSERT INTO shadow_samples (${SHADOW_SAMPLE_COLUMNS.join(', ')}) VALUES (${SHADOW_SAMPLE_COLUMNS.map((_c, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (id) DO NOTHING`,
      shadowSampleParams(s),
    );
  }

  async list(range: { since: number; until: number }): Promise<ShadowSample[]> {
    const { rows } = await this.pool.query<ShadowSampleRow>('SELECT * FROM shadow_samples WHERE ts >= $1 AND ts < $2 ORDER BY ts', [range.since, range.until]);
    return rows.map(shadowSampleOf);
  }
}
