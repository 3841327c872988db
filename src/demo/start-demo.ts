import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { loadDefaultCatalog } from '../catalog/load-catalog.js';
import { hashText, seededRandom } from '../providers/simulated/seeded-random.js';
import { createLogging, type Logging } from '../server/create-logging.js';
import { openLedgerStores } from '../server/open-ledger-stores.js';
import { startGateway } from '../server/start-gateway.js';
import { buildDemoConfig } from './build-demo-config.js';
import { createDemoKeys, type DemoKey } from './demo-keys.js';
import { freshDemoStore } from './demo-store.js';
import { startLiveTraffic, type LiveTraffic } from './run-live-traffic.js';
import { seedDemoLedger } from './seed-demo-ledger.js';

/** The demo store's file when none is named, in the current folder. */
export const DEFAULT_DEMO_STORE = './switchyard-demo.db';

/** How to run the demo; every option has a default fit for a person at a terminal. */
export interface DemoOptions {
  /** Port on 127.0.0.1 (default 4000; 0 picks a free one). */
  port?: number;
  /** The demo store (default ./switchyard-demo.db): recreated on every run; a file that is not a demo store is refused. */
  storePath?: string;
  /** Send live traffic through the gateway (default true). */
  traffic?: boolean;
  /** Typical time between two live requests, ms (default 12 000: about five a minute). */
  trafficIntervalMs?: number;
  /** Below 1 the simulated providers answer that much faster (tests); default 1, a realistic pace. */
  timeScale?: number;
  /** Overrides every simulated provider's error rate (default: each provider's own, 1–3%). */
  errorRate?: number;
  /** Days of history to seed (default 30). */
  historyDays?: number;
  /** Seeds the history and the live traffic's choices (default 16: the same story every run). */
  seed?: number;
  /** The gateway's log level (default error: the simulated 429s would otherwise log warnings), or the logging itself. */
  logLevel?: string;
  logging?: Logging;
  /** The clock the history ends at (default Date.now). */
  now?: () => number;
}

/** A running demo: where it is, its keys, its store, and how to stop it. */
export interface RunningDemo {
  /** The gateway, `http://127.0.0.1:PORT`. */
  url: string;
  /** The admin API's key (random, made for this run). */
  adminKey: string;
  /** A virtual key of the team `demo`, for you to call the gateway with. */
  demoKey: string;
  /** The demo store's absolute path. */
  storePath: string;
  /** Every key the demo made: yours, then one per team of the story (with their secrets). */
  keys: readonly DemoKey[];
  /** The seeded history: how many days, and the rows written. */
  history: { days: number; rows: number };
  /** Typical time between two live requests, ms; undefined when the live traffic is off. */
  trafficIntervalMs: number | undefined;
  /** Stop the live traffic, then the gateway. */
  close(): Promise<void>;
}

/**
 * Start the demo: a fresh demo store, its keys made and 30 days of simulated history written through the
 * gateway's own key store, planner, accounting and ledger writer; then the real gateway on 127.0.0.1 over
 * simulated providers (nothing leaves the machine), and, unless turned off, a little live traffic through it.
 */
export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const storePath = resolve(options.storePath ?? DEFAULT_DEMO_STORE);
  const seed = options.seed ?? 16;
  const now = (options.now ?? Date.now)();
  freshDemoStore(storePath);
  const adminKey = `sy-admin-${randomBytes(18).toString('base64url')}`;
  const logLevel = options.logLevel ?? 'error';
  const config = buildDemoConfig({
    port: options.port ?? 4000,
    storePath,
    adminKey,
    timeScale: options.timeScale ?? 1,
    ...(options.errorRate !== undefined && { errorRate: options.errorRate }),
    logLevel,
  });
  const catalog = loadDefaultCatalog(config.catalogOverrides);

  const days = options.historyDays ?? 30;
  const stores = await openLedgerStores(config.storage);
  let keys;
  let rows;
  try {
    keys = await createDemoKeys(stores.keys, now);
    rows = await seedDemoLedger({
      config,
      catalog,
      ledger: stores.ledger,
      control: stores.control,
      keys: keys.teams,
      now,
      days,
      random: seededRandom(seed),
    });
  } finally {
    await stores.close();
  }

  const gateway = await startGateway(config, { catalog, logging: options.logging ?? createLogging(logLevel) });
  let traffic: LiveTraffic | undefined;
  const intervalMs = options.traffic === false ? undefined : (options.trafficIntervalMs ?? 12_000);
  if (intervalMs !== undefined) {
    traffic = startLiveTraffic({
      url: gateway.url,
      demoKey: keys.demo,
      teamKeys: keys.teams,
      intervalMs,
      random: seededRandom(hashText(`live-${seed}`)),
    });
  }
  let closing: Promise<void> | undefined;
  return {
    url: gateway.url,
    adminKey,
    demoKey: keys.demo.key,
    storePath,
    keys: [keys.demo, ...keys.teams],
    history: { days, rows },
    trafficIntervalMs: intervalMs,
    close: () =>
      (closing ??= (async () => {
        await traffic?.stop();
        await gateway.close();
      })()),
  };
}
