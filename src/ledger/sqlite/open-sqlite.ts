import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './sqlite-schema.js';

/**
 * Open (creating it if needed) the embedded store: WAL mode, so readers (reports) never block the writer,
 * and `synchronous = NORMAL`, durable against a crash of the process (a committed row is in the OS's
 * hands even after `kill -9`; only a power loss before the next checkpoint could lose the last commits).
 */
export function openSqlite(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}
