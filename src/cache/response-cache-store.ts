/**
 * Where cached answers live (SQLite by default, Redis when scaled out). Values are opaque text; a store
 * honours each entry's expiry and keeps its total size under the configured cap, evicting the oldest.
 */
export interface ResponseCacheStore {
  /** The entry's text, unless absent or expired. */
  get(key: string, now: number): Promise<string | undefined>;
  /** Store (or replace) an entry until `expiresAt` (Unix ms). */
  set(key: string, value: string, now: number, expiresAt: number): Promise<void>;
  /** Entries and their bytes, for the metrics and tests. */
  stats(): Promise<{ entries: number; bytes: number }>;
  close(): Promise<void>;
}
