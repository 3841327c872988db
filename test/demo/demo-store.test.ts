import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { demoStoreState, NotADemoStoreError } from '../../src/demo/demo-store.js';
import { startDemo } from '../../src/demo/start-demo.js';
import { openSqlite } from '../../src/ledger/sqlite/open-sqlite.js';
import { silentLogging } from '../../src/server/create-logging.js';

/**
 * The demo store: recreated on every run, and only ever a store the demo made itself; a gateway's own
 * store or any other file at that path is refused and left as it was.
 */
const quiet = { port: 0, traffic: false, timeScale: 0.01, logging: silentLogging() } as const;

describe('switchyard demo: its store', () => {
  it('refuses to overwrite a file that is not a demo store, and leaves it alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sy-demo-store-'));
    const text = join(dir, 'notes.db');
    writeFileSync(text, 'my notes, not a database');
    await expect(startDemo({ ...quiet, storePath: text })).rejects.toThrow(NotADemoStoreError);
    expect(readFileSync(text, 'utf8')).toBe('my notes, not a database');

    // a real gateway store, with a row of its own
    const real = join(dir, 'switchyard.db');
    const db = openSqlite(real);
    db.prepare("INSERT INTO api_keys (id, hash, prefix, team, created_at) VALUES ('k1', 'h', 'sy-x', 'prod', 1)").run();
    db.close();
    expect(demoStoreState(real)).toBe('other');
    await expect(startDemo({ ...quiet, storePath: real })).rejects.toThrow(/is not a store switchyard demo made/);
    const after = new Database(real, { readonly: true });
    expect(after.prepare('SELECT id FROM api_keys').all()).toEqual([{ id: 'k1' }]);
    after.close();
  });

  it('recreates its own store on every run: the same history, new keys, nothing left of the last run', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sy-demo-store-')), 'demo.db');
    expect(demoStoreState(path)).toBe('absent');
    const counts = async () => {
      const demo = await startDemo({ ...quiet, storePath: path, now: () => Date.UTC(2026, 5, 15, 12) });
      await demo.close();
      const db = new Database(path, { readonly: true });
      try {
        const rows = (db.prepare('SELECT COUNT(*) AS n FROM requests').get() as { n: number }).n;
        const keys = db.prepare('SELECT id FROM api_keys').all() as Array<{ id: string }>;
        return { rows, keys: keys.map((k) => k.id), history: demo.history.rows };
      } finally {
        db.close();
      }
    };
    const first = await counts();
    expect(demoStoreState(path)).toBe('demo');
    const second = await counts();
    expect(second.rows).toBe(first.rows);
    expect(second.rows).toBe(second.history);
    expect(second.keys).toHaveLength(5);
    expect(second.keys.some((k) => first.keys.includes(k))).toBe(false);
  });
});
