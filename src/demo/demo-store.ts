import { existsSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openSqlite } from '../ledger/sqlite/open-sqlite.js';

/**
 * The mark a demo store carries in its SQLite header (`PRAGMA application_id`, 'SyDm'): a store the gateway
 * makes has 0 there, so a demo never mistakes a real ledger for its own.
 */
export const DEMO_STORE_MARK = 0x5379446d;

/** The demo store's path holds a file the demo did not make: it is refused, never overwritten. */
export class NotADemoStoreError extends Error {}

/** Whether the file is absent, a store `switchyard demo` made, or anything else. */
export function demoStoreState(path: string): 'absent' | 'demo' | 'other' {
  if (!existsSync(path)) return 'absent';
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return db.pragma('application_id', { simple: true }) === DEMO_STORE_MARK ? 'demo' : 'other';
    } finally {
      db.close();
    }
  } catch {
    // not a SQLite file at all, or one we cannot read: not ours to delete
    return 'other';
  }
}

/**
 * A fresh demo store at `path`: an earlier demo store there is deleted (with its WAL files); a file that is
 * not one is refused, never overwritten. The new store has the gateway's schema and the demo mark.
 */
export function freshDemoStore(path: string): void {
  const state = demoStoreState(path);
  if (state === 'other') {
    throw new NotADemoStoreError(
      `${path} exists and is not a store switchyard demo made: it is left alone. Remove it yourself, or give the demo another file with --store.`,
    );
  }
  if (state === 'demo') for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
  const db = openSqlite(path);
  try {
    db.pragma(`application_id = ${DEMO_STORE_MARK}`);
  } finally {
    db.close();
  }
}
