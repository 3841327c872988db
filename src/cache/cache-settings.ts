/** The response cache as the config sets it (docs/caching.md). */
export interface CacheSettings {
  /** Time an answer stays servable, ms. */
  ttlMs: number;
  /** Who shares entries: each key, each team, or every caller. */
  scope: 'key' | 'team' | 'global';
  /** Only requests for these models or routes; undefined: all. */
  models?: readonly string[];
  /** Only requests of keys in these teams; undefined: all. */
  teams?: readonly string[];
  /** Only requests of these keys (by name or id); undefined: all. */
  keys?: readonly string[];
  /** Only requests with temperature 0 or a seed. */
  deterministicOnly: boolean;
  /** The whole cache's size cap, bytes; the oldest entries are evicted first. */
  maxBytes: number;
  /** Answers larger than this are not stored. */
  maxEntryBytes: number;
  /** A hit spends what it would have cost against the key's budget (default: it spends nothing). */
  hitsSpendBudget: boolean;
  /** Without Redis: the SQLite file the cache lives in (`:memory:` with an in-memory ledger). */
  path: string;
}

export const DEFAULT_CACHE_TTL_SECONDS = 3600;
export const DEFAULT_CACHE_MAX_BYTES = 256 * 1024 * 1024;
export const DEFAULT_CACHE_MAX_ENTRY_BYTES = 1024 * 1024;
