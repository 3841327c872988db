import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { StorageConfig } from '../config/gateway-config.js';

export interface StoredKeyName {
  id: string;
  prefix: string;
}

/**
 * The ids and prefixes of the virtual keys in a config's store, read without creating, migrating or
 * writing anything (check-config must not make a store appear); or why they cannot be seen.
 */
export async function readStoredKeys(storage: StorageConfig): Promise<{ keys: StoredKeyName[] } | { unseen: string }> {
  if (storage.kind === 'sqlite') return readSqlite(storage.path);
  const client = new pg.Client({ connectionString: storage.url, connectionTimeoutMillis: 3_000, query_timeout: 5_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('BEGIN READ ONLY');
    const { rows } = await client.query<StoredKeyName>('SELECT id, prefix FROM api_keys');
    return { keys: rows };
  } catch (err) {
    // the code only: a driver's message may quote the connection string
    return { unseen: `cannot read the PostgreSQL store (${(err as { code?: string }).code ?? 'error'})` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

function readSqlite(path: string): { keys: StoredKeyName[] } | { unseen: string } {
  if (path === ':memory:') return { unseen: 'the store is in memory' };
  if (!existsSync(path)) return { unseen: `there is no store at ${path} yet` };
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    return { keys: db.prepare('SELECT id, prefix FROM api_keys').all() as StoredKeyName[] };
  } catch (err) {
    return { unseen: `cannot read ${path} (${(err as Error).message})` };
  } finally {
    db?.close();
  }
}
