import type { Logger } from 'pino';
import type { KeyStore } from '../auth/key-record.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import type { CounterStore, SpendLoader } from '../ledger/counter-store.js';
import { GuardedCounterStore } from '../ledger/guarded-counter-store.js';
import type { UsageWriter } from '../ledger/ledger-row.js';
import { MemoryCounterStore } from '../ledger/memory-counter-store.js';
import { InProcessNotifier, type Notifier } from '../ledger/notifier.js';
import { openRedis, openRedisSubscriber } from '../ledger/redis/open-redis.js';
import { RedisCounterStore } from '../ledger/redis/redis-counter-store.js';
import { RedisNotifier } from '../ledger/redis/redis-notifier.js';
import type { SpendScope, UsageQueries } from '../ledger/usage-queries.js';
import type { ShadowStore } from '../routing/cost-quality/shadow-sample.js';
import type { ControlStore } from '../routing/policies/kill-switch.js';
import { openLedgerStores, type LedgerOpenOptions } from './open-ledger-stores.js';
import type { TrafficSource } from '../routing/policies/traffic-groups.js';
import type { DashboardQueries } from '../ledger/dashboard-queries.js';
import type { UiSessionStore } from '../auth/ui-session-store.js';
import type { ResponseCacheStore } from '../cache/response-cache-store.js';
import { SqliteResponseCache } from '../cache/sqlite-response-cache.js';
import { RedisResponseCache } from '../cache/redis-response-cache.js';
import type { CacheSettings } from '../cache/cache-settings.js';

/** The stores a gateway process runs on. */
export interface Stores {
  keys: KeyStore;
  ledger: UsageWriter;
  usage: UsageQueries;
  counters: CounterStore;
  /** Kill switches and the audit log. */
  control: ControlStore;
  /** Cost-quality shadow samples. */
  shadow: ShadowStore;
  /** The drill's grouped read of served requests. */
  traffic: TrafficSource;
  /** The dashboard's reads: time series, latency, the request log. */
  dashboard: DashboardQueries;
  /** Signed-out dashboard sessions. */
  sessions: UiSessionStore;
  /** Change notifications between processes (in this process only without Redis). */
  notifier: Notifier;
  /** The response cache's store, when the config turns the cache on: Redis when configured, else a SQLite file. */
  cache?: ResponseCacheStore;
  close(): Promise<void>;
}

/** How often a failing shared store is reported, at most, ms. */
const REPORT_EVERY_MS = 5_000;

/**
 * Open the config's stores: the ledger and keys from `storage` (SQLite or PostgreSQL), counters and
 * notifications in this process or, with `redis`, shared through Redis under the configured failure policy.
 */
export async function openStores(config: Pick<GatewayConfig, 'storage' | 'redis' | 'cache'>, options: LedgerOpenOptions = {}): Promise<Stores> {
  const ledger = await openLedgerStores(config.storage, options);
  const loadSpent: SpendLoader = (scope, since) => ledger.usage.spentSince(spendScopeOf(scope), since);
  const local = new MemoryCounterStore(loadSpent);
  if (!config.redis) {
    const cache = config.cache && new SqliteResponseCache(config.cache.path, config.cache.maxBytes);
    return {
      ...ledger,
      counters: local,
      notifier: new InProcessNotifier(),
      ...(cache && { cache }),
      async close() {
        await cache?.close();
        await ledger.close();
      },
    };
  }
  const { url, prefix, failure } = config.redis;
  const redis = await openRedis(url);
  const notifier = new RedisNotifier(redis, openRedisSubscriber(url), prefix);
  const counters = new GuardedCounterStore(new RedisCounterStore(redis, loadSpent, { prefix }), local, failure, loudReporter(options.log));
  return {
    ...ledger,
    counters,
    notifier,
    ...(config.cache && { cache: redisCache(redis, prefix, config.cache) }),
    async close() {
      await notifier.close();
      redis.disconnect();
      await ledger.close();
    },
  };
}

function redisCache(redis: Awaited<ReturnType<typeof openRedis>>, prefix: string, settings: CacheSettings): ResponseCacheStore {
  return new RedisResponseCache(redis, prefix, settings.maxBytes, settings.ttlMs);
}

/** Report shared-counter failures at error level, at most once per few seconds, with how many were seen. */
function loudReporter(log: Logger | undefined): (err: unknown, what: string, mode: string) => void {
  let last = 0;
  let unreported = 0;
  return (err, what, mode) => {
    unreported++;
    const now = Date.now();
    if (now - last < REPORT_EVERY_MS) return;
    last = now;
    const message =
      mode === 'fail_open'
        ? 'Redis unreachable: FAILING OPEN, limits are per process and approximate until it returns'
        : 'Redis unreachable: FAILING CLOSED, requests needing it are refused with 503 store_unavailable';
    log?.error({ err: { message: String((err as Error)?.message ?? err) }, check: what, failures: unreported }, message);
    unreported = 0;
  };
}

/** A counter scope (`key:<id>`, `team:<name>`, `shadow:<route>`) as the ledger's spend scope. */
function spendScopeOf(scope: string): SpendScope {
  if (scope.startsWith('team:')) return { team: scope.slice(5) };
  if (scope.startsWith('shadow:')) return { shadowRoute: scope.slice(7) };
  return { keyId: scope.slice(4) };
}
