import type { Logger } from 'pino';
import type { KeyStore } from '../auth/key-record.js';
import type { StorageConfig } from '../config/gateway-config.js';
import type { UsageWriter } from '../ledger/ledger-row.js';
import { insertLedgerRows } from '../ledger/postgres/insert-ledger-rows.js';
import { openPostgres } from '../ledger/postgres/open-postgres.js';
import { PostgresKeyStore } from '../ledger/postgres/postgres-key-store.js';
import { PostgresUsageQueries } from '../ledger/postgres/postgres-usage-queries.js';
import { RowSpool } from '../ledger/spool/row-spool.js';
import { SpooledUsageWriter } from '../ledger/spool/spooled-usage-writer.js';
import { checkpointInBackground } from '../ledger/sqlite/checkpoint-in-background.js';
import { openSqlite } from '../ledger/sqlite/open-sqlite.js';
import { SqliteKeyStore } from '../ledger/sqlite/sqlite-key-store.js';
import { SqliteUsageQueries } from '../ledger/sqlite/sqlite-usage-queries.js';
import { openSqliteUsageWriter } from '../ledger/sqlite/open-sqlite-usage-writer.js';
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
import type { DashboardQueries } from '../ledger/dashboard-queries.js';
import type { UiSessionStore } from '../auth/ui-session-store.js';
import { SqliteDashboardQueries } from '../ledger/sqlite/sqlite-dashboard-queries.js';
import { SqliteUiSessionStore } from '../ledger/sqlite/sqlite-ui-session-store.js';
import { PostgresDashboardQueries } from '../ledger/postgres/postgres-dashboard-queries.js';
import { PostgresUiSessionStore } from '../ledger/postgres/postgres-ui-session-store.js';

/** The ledger and the keys, from the config's `storage`. */
export interface LedgerStores {
  keys: KeyStore;
  ledger: UsageWriter;
  usage: UsageQueries;
  control: ControlStore;
  shadow: ShadowStore;
  /** The drill's grouped read of served requests. */
  traffic: TrafficSource;
  /** The admin API's dashboard reads: time series, latency, the request log. */
  dashboard: DashboardQueries;
  /** Signed-out dashboard sessions. */
  sessions: UiSessionStore;
  close(): Promise<void>;
}

export interface LedgerOpenOptions {
  log?: Logger;
  /** This process's spool folder name under the spool root (`main`, `worker-2`…). */
  spoolName?: string;
}

export async function openLedgerStores(storage: StorageConfig, options: LedgerOpenOptions = {}): Promise<LedgerStores> {
  return storage.kind === 'postgres' ? openPostgresLedger(storage.url, storage.spoolDir, options) : openSqliteLedger(storage.path, options);
}

/**
 * The embedded default: one SQLite file (WAL) for the ledger and keys. Off the event loop: the ledger's
 * commits (a worker thread with its own connection) and the WAL checkpoints (another, every second).
 */
async function openSqliteLedger(path: string, options: LedgerOpenOptions): Promise<LedgerStores> {
  const db = openSqlite(path);
  const onDisk = path !== ':memory:';
  if (onDisk) db.pragma('wal_autocheckpoint = 0');
  const log = options.log;
  let ledger: UsageWriter;
  try {
    ledger = await openSqliteUsageWriter(db, path, {
      walAutocheckpoint: 0,
      onCrash: (err, outcome) =>
        log?.error({ err: describe(err), ...outcome }, "the ledger's commit thread crashed: restarted, the rows it held sent again (those it held through two crashes failed)"),
    });
  } catch (err) {
    db.close();
    throw err;
  }
  const checkpoints = onDisk ? checkpointInBackground(path) : undefined;
  return {
    keys: new SqliteKeyStore(db),
    ledger,
    usage: new SqliteUsageQueries(db),
    control: new SqliteControlStore(db),
    shadow: new SqliteShadowStore(db),
    traffic: new SqliteTrafficSource(db),
    dashboard: new SqliteDashboardQueries(db),
    sessions: new SqliteUiSessionStore(db),
    async close() {
      await ledger.close();
      db.close();
      await checkpoints?.stop();
    },
  };
}

/** The shared store: PostgreSQL, with ledger rows spooled on local disk first. */
async function openPostgresLedger(url: string, spoolDir: string, options: LedgerOpenOptions): Promise<LedgerStores> {
  const pool = await openPostgres(url);
  const spool = await RowSpool.open(spoolDir, options.spoolName ?? 'main');
  const log = options.log;
  const ledger = new SpooledUsageWriter(spool, (rows) => insertLedgerRows(pool, rows), {
    onOutage: (err) => log?.error({ err: describe(err), spool: spool.dir }, 'PostgreSQL unreachable: ledger rows are spooled to local disk until it returns'),
    onRecovered: (rows) => log?.warn({ rows }, 'PostgreSQL reachable again: spooled ledger rows drained'),
  });
  return {
    keys: new PostgresKeyStore(pool),
    ledger,
    usage: new PostgresUsageQueries(pool),
    control: new PostgresControlStore(pool),
    shadow: new PostgresShadowStore(pool),
    traffic: new PostgresTrafficSource(pool),
    dashboard: new PostgresDashboardQueries(pool),
    sessions: new PostgresUiSessionStore(pool),
    async close() {
      await ledger.close();
      await pool.end();
    },
  };
}

/** An error's message and code only: never a connection string. */
function describe(err: unknown): { message: string; code?: string } {
  const e = err as NodeJS.ErrnoException;
  return { message: String(e?.message ?? err), ...(e?.code && { code: e.code }) };
}
