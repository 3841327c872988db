import type { KeyRecord } from '../auth/key-record.js';
import { loadStorageConfig } from '../config/load-storage-config.js';
import { openSqlite } from '../ledger/sqlite/open-sqlite.js';
import { SqliteControlStore } from '../ledger/sqlite/sqlite-control-store.js';
import { SqliteKeyStore } from '../ledger/sqlite/sqlite-key-store.js';
import { SqliteTrafficSource } from '../ledger/sqlite/sqlite-traffic-source.js';
import type { ControlStore } from '../routing/policies/kill-switch.js';
import type { TrafficSource } from '../routing/policies/traffic-groups.js';
import { SqliteShadowStore } from '../ledger/sqlite/sqlite-shadow-store.js';
import type { ShadowStore } from '../routing/cost-quality/shadow-sample.js';

/** What the policy and router commands (kill, unkill, kills, policy explain, drill, router train --from-ledger) read and write. */
export interface PolicyStore {
  control: ControlStore;
  traffic: TrafficSource;
  shadow: ShadowStore;
  /** Every key, for finding one by id or prefix. */
  listKeys(): Promise<KeyRecord[]>;
  close(): Promise<void>;
}

/** Open the store named in the config (`--config`, else $SWITCHYARD_CONFIG, else ./switchyard.db). */
export function openPolicyStore(configPath: string | undefined): PolicyStore {
  const { storage } = loadStorageConfig(configPath ?? process.env.SWITCHYARD_CONFIG);
  const db = openSqlite(storage.path);
  const keys = new SqliteKeyStore(db);
  return {
    control: new SqliteControlStore(db),
    traffic: new SqliteTrafficSource(db),
    shadow: new SqliteShadowStore(db),
    listKeys: async () => await keys.list(),
    close: async () => {
      db.close();
    },
  };
}
