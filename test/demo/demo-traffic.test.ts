import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startDemo } from '../../src/demo/start-demo.js';
import { silentLogging } from '../../src/server/create-logging.js';
import { waitUntil } from '../support/wait-until.js';

interface Row {
  id: string;
  key_id: string | null;
  team: string | null;
  status: number;
  route: string | null;
  provider: string | null;
  stream: number;
  requested_model: string;
}

/**
 * The live traffic: with a short interval it sends requests through the running gateway over HTTP, whose
 * rows (not seeded ones) appear in the ledger on the demo's keys, yours first, with a route and a status;
 * and it stops with close().
 */
describe('switchyard demo: live traffic', () => {
  it('sends requests through the gateway with the demo keys, and stops on close', { timeout: 15_000 }, async () => {
    const storePath = join(mkdtempSync(join(tmpdir(), 'sy-demo-live-')), 'demo.db');
    const demo = await startDemo({ port: 0, storePath, trafficIntervalMs: 40, timeScale: 0.01, errorRate: 0, logging: silentLogging() });
    const db = new Database(storePath, { readonly: true });
    const live = () => db.prepare("SELECT * FROM requests WHERE id NOT LIKE 'demo-seed-%' ORDER BY ts").all() as Row[];
    try {
      await waitUntil(() => live().filter((r) => r.key_id === demo.keys[0]!.id).length >= 3 && live().length >= 8, 8_000, "live rows on the demo key");
      const rows = live();
      const mine = rows.filter((r) => r.key_id === demo.keys[0]!.id);
      for (const r of mine) {
        expect(r.team).toBe('demo');
        expect(r.route).toMatch(/^model=/);
        expect([200, 403]).toContain(r.status);
      }
      expect(rows[0]!.key_id).toBe(demo.keys[0]!.id);
      const served = rows.filter((r) => r.status === 200 && r.provider);
      expect(served.length).toBeGreaterThan(0);
      for (const r of served) expect(r.provider).toMatch(/^sim-/);
      // every row is on one of the demo's keys: nothing reached the gateway any other way
      const keyIds = new Set(demo.keys.map((k) => k.id));
      for (const r of rows) expect(keyIds.has(r.key_id!)).toBe(true);
    } finally {
      await demo.close();
    }
    // after close nothing more is sent: the count stays
    const after = live().length;
    await new Promise((r) => setTimeout(r, 200));
    expect(live().length).toBe(after);
    db.close();
  });
});
