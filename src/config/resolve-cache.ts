import { DEFAULT_CACHE_MAX_BYTES, DEFAULT_CACHE_MAX_ENTRY_BYTES, DEFAULT_CACHE_TTL_SECONDS, type CacheSettings } from '../cache/cache-settings.js';
import type { ConfigFile } from './config-schema.js';
import { configRelativePath } from './config-relative-path.js';
import type { StorageConfig } from './gateway-config.js';

/**
 * The `cache` section with its defaults, or undefined when the cache is off (no section, or `enabled` not
 * true). Its SQLite file defaults to one beside the ledger's (`switchyard.db` → `switchyard-cache.db`).
 */
export function resolveCache(file: ConfigFile['cache'], storage: StorageConfig, baseDir: string | undefined): CacheSettings | undefined {
  if (!file || file.enabled !== true) return undefined;
  return {
    ttlMs: (file.ttl_seconds ?? DEFAULT_CACHE_TTL_SECONDS) * 1000,
    scope: file.scope ?? 'key',
    ...(file.models && { models: file.models }),
    ...(file.teams && { teams: file.teams }),
    ...(file.keys && { keys: file.keys }),
    deterministicOnly: file.deterministic_only ?? true,
    maxBytes: file.max_bytes ?? DEFAULT_CACHE_MAX_BYTES,
    maxEntryBytes: file.max_entry_bytes ?? DEFAULT_CACHE_MAX_ENTRY_BYTES,
    hitsSpendBudget: file.hits_spend_budget ?? false,
    path: file.path !== undefined ? configRelativePath(file.path, baseDir) : besideLedger(storage),
  };
}

function besideLedger(storage: StorageConfig): string {
  if (storage.kind === 'postgres') return `${storage.spoolDir}/response-cache.db`;
  if (storage.path === ':memory:') return ':memory:';
  return storage.path.replace(/(\.db|\.sqlite3?)?$/, '-cache.db');
}
