import type Database from 'better-sqlite3';
import type { ShadowSample, ShadowStore } from '../../routing/cost-quality/shadow-sample.js';
import { SHADOW_SAMPLE_COLUMNS, shadowSampleOf, shadowSampleParams, type ShadowSampleRow } from '../shadow-rows.js';

/** Shadow samples in the embedded store. */
export class SqliteShadowStore implements ShadowStore {
  constructor(private readonly db: Database.Database) {}

  async add(s: ShadowSample): Promise<void> {
    this.db
      .prepare(`INSERT OR IGNORE INTO shadow_samples (${SHADOW_SAMPLE_COLUMNS.join(', ')}) VALUES (${SHADOW_SAMPLE_COLUMNS.map(() => '?').join(', ')})`)
      .run(...shadowSampleParams(s));
  }

  async list(range: { since: number; until: number }): Promise<ShadowSample[]> {
    const rows = this.db.prepare('SELECT * FROM shadow_samples WHERE ts >= ? AND ts < ? ORDER BY ts').all(range.since, range.until) as ShadowSampleRow[];
    return rows.map(shadowSampleOf);
  }
}
