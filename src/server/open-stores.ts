import type { KeyStore } from '../auth/key-record.js';
import type { StorageConfig } from '../config/gateway-config.js';
import type { CounterStore } from '../ledger/counter-store.js';
import type { UsageWriter } from '../ledger/ledger-row.js';
import { MemoryCounterStore } from '../ledger/memory-counter-store.js';
import { checkpointInBackground } from '../ledger/sqlite/checkpoint-in-background.js';
import { openSqlite } from '../ledger/sqlite/open-sqlite.js';
import { SqliteKeyStore } from '../ledger/sqlite/sqlite-key-store.js';
import { SqliteUsageQueries } from '../ledger/sqlite/sqlite-usage-queries.js';
import { SqliteUsageWriter } from '../ledger/sqlite/sqlite-usage-writer.js';
import type { UsageQueries } from '../ledger/usage-queries.js';

/** The stores a gateway process runs on, opened from the config's `storage`. */
export interface Stores {
  keys: KeyStore;
  ledger: UsageWriter;
  usage: UsageQueries;
  counters: CounterStore;
  close(): Promise<void>;
}

/** The embedded default: one SQLite file (WAL) for the ledger and keys, counters in this process. */
export function openStores(storage: StorageConfig): Stores {
  const db = openSqlite(storage.path);
  const onDisk = storage.path !== ':memory:';
  if (onDisk) db.pragma('wal_autocheckpoint = 0');
  const checkpoints = onDisk ? checkpointInBackground(storage.path) : undefined;
  const ledger = new SqliteUsageWriter(db);
  const usage = new SqliteUsageQueries(db);
  const counters = new MemoryCounterStore(async (scope, since) =>
    usage.spentSince(scope.startsWith('team:') ? { team: scope.slice(5) } : { keyId: scope.slice(4) }, since),
  );
  return {
    keys: new SqliteKeyStore(db),
    ledger,
    usage,
    counters,
    async close() {
      await ledger.close();
      db.close();
      await checkpoints?.stop();
    },
  };
}
