import type Database from 'better-sqlite3';
import type { UsageWriter } from '../ledger-row.js';
import { SqliteUsageWriter } from './sqlite-usage-writer.js';
import { WorkerUsageWriter, type WorkerWriterOptions } from './worker-usage-writer.js';

/**
 * The ledger's writer for the SQLite store opened as `db` from `path`: on a file, commits run on a worker
 * thread with its own connection; a `:memory:` database exists only in `db`'s connection, so its rows
 * are committed by `db` on this thread.
 */
export async function openSqliteUsageWriter(db: Database.Database, path: string, options: WorkerWriterOptions = {}): Promise<UsageWriter> {
  return path === ':memory:' ? new SqliteUsageWriter(db) : WorkerUsageWriter.open(path, options);
}
