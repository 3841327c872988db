import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { ResponseCacheStore } from './response-cache-store.js';

/** Expired entries are swept at most this often. */
const SWEEP_EVERY_MS = 60_000;

/**
 * The cache in a SQLite file of its own, beside the ledger: never the ledger's file, whose writer runs on
 * another thread. A cache needs no durability, so commits do not sync (`synchronous = OFF`): nothing here
 * waits for the disk, and a file damaged by a power loss is started afresh. The total size is kept in
 * memory and re-read now and then (another process may share the file); past the cap the oldest entries go.
 */
export class SqliteResponseCache implements ResponseCacheStore {
  private readonly db: Database.Database;
  private readonly getStmt: Database.Statement;
  private readonly setStmt: Database.Statement;
  private readonly sizeOf: Database.Statement;
  private bytes: number;
  private lastSweep = 0;
  private writes = 0;

  constructor(
    path: string,
    private readonly maxBytes: number,
  ) {
    this.db = openCacheFile(path);
    this.getStmt = this.db.prepare('SELECT value, expires_at FROM response_cache WHERE key = ?');
    this.setStmt = this.db.prepare(
      'INSERT INTO response_cache (key, value, bytes, stored_at, expires_at) VALUES (?, ?, ?, ?, ?) ' +
        'ON CONFLICT (key) DO UPDATE SET value = excluded.value, bytes = excluded.bytes, stored_at = excluded.stored_at, expires_at = excluded.expires_at',
    );
    this.sizeOf = this.db.prepare('SELECT bytes FROM response_cache WHERE key = ?');
    this.bytes = this.totalBytes();
  }

  async get(key: string, now: number): Promise<string | undefined> {
    const row = this.getStmt.get(key) as { value: string; expires_at: number } | undefined;
    return row && row.expires_at > now ? row.value : undefined;
  }

  async set(key: string, value: string, now: number, expiresAt: number): Promise<void> {
    const bytes = Buffer.byteLength(value);
    const old = this.sizeOf.get(key) as { bytes: number } | undefined;
    this.setStmt.run(key, value, bytes, now, expiresAt);
    this.bytes += bytes - (old?.bytes ?? 0);
    if (++this.writes % 200 === 0) this.bytes = this.totalBytes();
    if (now - this.lastSweep > SWEEP_EVERY_MS) {
      this.lastSweep = now;
      this.db.prepare('DELETE FROM response_cache WHERE expires_at <= ?').run(now);
      this.bytes = this.totalBytes();
    }
    if (this.bytes > this.maxBytes) this.evict();
  }

  async stats(): Promise<{ entries: number; bytes: number }> {
    const row = this.db.prepare('SELECT COUNT(*) AS n, COALESCE(SUM(bytes), 0) AS b FROM response_cache').get() as { n: number; b: number };
    return { entries: row.n, bytes: row.b };
  }

  async close(): Promise<void> {
    this.db.close();
  }

  /** The oldest entries out until the cache is back under 90% of its cap (so eviction is not every write). */
  private evict(): void {
    const target = this.maxBytes * 0.9;
    const oldest = this.db.prepare('SELECT key, bytes FROM response_cache ORDER BY stored_at, key LIMIT 256');
    const drop = this.db.prepare('DELETE FROM response_cache WHERE key = ?');
    while (this.bytes > target) {
      const rows = oldest.all() as Array<{ key: string; bytes: number }>;
      if (rows.length === 0) break;
      this.db.transaction(() => {
        for (const r of rows) {
          if (this.bytes <= target) break;
          drop.run(r.key);
          this.bytes -= r.bytes;
        }
      })();
    }
  }

  private totalBytes(): number {
    return (this.db.prepare('SELECT COALESCE(SUM(bytes), 0) AS b FROM response_cache').get() as { b: number }).b;
  }
}

function openCacheFile(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  try {
    return prepare(new Database(path));
  } catch (err) {
    if (path === ':memory:') throw err;
    // a cache file that cannot be read is only lost answers: start an empty one
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    return prepare(new Database(path));
  }
}

function prepare(db: Database.Database): Database.Database {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('busy_timeout = 2000');
  db.exec(`CREATE TABLE IF NOT EXISTS response_cache (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    stored_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS response_cache_stored ON response_cache (stored_at)`);
  db.prepare('SELECT COUNT(*) FROM response_cache').get();
  return db;
}
