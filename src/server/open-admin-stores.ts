import { existsSync } from 'node:fs';
import type { KeyStore } from '../auth/key-record.js';
import type { StorageConfig } from '../config/gateway-config.js';
import { openPostgres } from '../ledger/postgres/open-postgres.js';
import { postgresStoreExists } from '../ledger/postgres/postgres-store-exists.js';
import { PostgresKeyStore } from '../ledger/postgres/postgres-key-store.js';
import { PostgresUsageQueries } from '../ledger/postgres/postgres-usage-queries.js';
import { openSqlite } from '../ledger/sqlite/open-sqlite.js';
import { SqliteKeyStore } from '../ledger/sqlite/sqlite-key-store.js';
import { SqliteUsageQueries } from '../ledger/sqlite/sqlite-usage-queries.js';
import type { UsageQueries } from '../ledger/usage-queries.js';
import { PostgresControlStore } from '../ledger/postgres/postgres-control-store.js';
import { PostgresShadowStore } from '../ledger/postgres/postgres-shadow-store.js';
import { PostgresTrafficSource } from '../ledger/postgres/postgres-traffic-source.js';
import { SqliteControlStore } from '../ledger/sqlite/sqlite-control-store.js';
import { SqliteShadowStore } from '../ledger/sqlite/sqlite-shadow-store.js';
import { SqliteTrafficSource } from '../ledger/sqlite/sqlite-traffic-source.js';
import type { ShadowStore } from '../routing/cost-quality/shadow-sample.js';
import type { ControlStore } from '../routing/policies/kill-switch.js';
import type { TrafficSource } from '../routing/policies/traffic-groups.js';

/** What the admin commands (keys, report, kill, drill, policy explain, router train --from-ledger) read and change: no writer, no counters. */
export interface AdminStores {
  keys: KeyStore;
  usage: UsageQueries;
  control: ControlStore;
  shadow: ShadowStore;
  traffic: TrafficSource;
  close(): Promise<void>;
}

/**
 * A store that `mustExist` but is not there (no SQLite file; no schema in the PostgreSQL database): the
 * commands say so rather than create an empty one.
 */
export class MissingStoreError extends Error {}

/** Open the config's store for the admin commands. */
export async function openAdminStores(storage: StorageConfig, options: { mustExist?: boolean } = {}): Promise<AdminStores> {
  if (options.mustExist && storage.kind === 'sqlite' && storage.path !== ':memory:' && !existsSync(storage.path)) {
    throw new MissingStoreError(`no store at ${storage.path}`);
  }
  if (storage.kind === 'postgres') {
    if (options.mustExist && !(await postgresStoreExists(storage.url))) throw new MissingStoreError('no Switchyard store in that PostgreSQL database yet');
    const pool = await openPostgres(storage.url, { max: 2 });
    return {
      keys: new PostgresKeyStore(pool),
      usage: new PostgresUsageQueries(pool),
      control: new PostgresControlStore(pool),
      shadow: new PostgresShadowStore(pool),
      traffic: new PostgresTrafficSource(pool),
      close: () => pool.end(),
    };
  }
  const db = openSqlite(storage.path);
  return {
    keys: new SqliteKeyStore(db),
    usage: new SqliteUsageQueries(db),
    control: new SqliteControlStore(db),
    shadow: new SqliteShadowStore(db),
    traffic: new SqliteTrafficSource(db),
    close: async () => {
      db.close();
    },
  };
}
