import { existsSync } from 'node:fs';
import type { KeyStore } from '../auth/key-record.js';
import type { StorageConfig } from '../config/gateway-config.js';
import { openSqlite } from '../ledger/sqlite/open-sqlite.js';
import { SqliteKeyStore } from '../ledger/sqlite/sqlite-key-store.js';
import { SqliteUsageQueries } from '../ledger/sqlite/sqlite-usage-queries.js';
import type { UsageQueries } from '../ledger/usage-queries.js';

/** What the admin commands (keys, report) read and change: no writer, no counters. */
export interface AdminStores {
  keys: KeyStore;
  usage: UsageQueries;
  close(): Promise<void>;
}

/** A store that `mustExist` but is not there: the report command says so rather than create an empty one. */
export class MissingStoreError extends Error {}

/** Open the config's store for the admin commands. */
export async function openAdminStores(storage: StorageConfig, options: { mustExist?: boolean } = {}): Promise<AdminStores> {
  if (options.mustExist && storage.path !== ':memory:' && !existsSync(storage.path)) {
    throw new MissingStoreError(`no ledger at ${storage.path} (set \`storage: sqlite:PATH\` in the config given with --config)`);
  }
  const db = openSqlite(storage.path);
  return {
    keys: new SqliteKeyStore(db),
    usage: new SqliteUsageQueries(db),
    close: async () => {
      db.close();
    },
  };
}
