import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { StorageConfig } from './gateway-config.js';

/**
 * A path written in a config file is relative to that file's folder, so the gateway and every command reach
 * the same file whatever folder they run in. Paths from the environment or code (no file) are relative to
 * the current folder, made absolute so every message names the file exactly.
 */
export function configRelativePath(path: string, baseDir: string | undefined): string {
  if (path === ':memory:' || isAbsolute(path)) return path;
  return resolve(baseDir ?? process.cwd(), path);
}

/**
 * Relative store paths used to be taken from the folder the gateway started in. When a config's SQLite file
 * is missing where it is read now (next to the config) but exists where it was read before, say so rather
 * than start on an empty store: the keys, budgets and ledger are in the old place.
 */
export function storeMovedHint(storage: StorageConfig, cwd = process.cwd()): string | undefined {
  if (storage.kind !== 'sqlite' || storage.written === undefined || existsSync(storage.path)) return undefined;
  const before = resolve(cwd, storage.written);
  if (before === storage.path || !existsSync(before)) return undefined;
  return (
    `The config's storage (sqlite:${storage.written}) is read relative to the config's own folder, as ${storage.path}, where there is no store; ` +
    `there is one at ${before}, where a relative path was read before (from the current folder). Move it (with its -wal and -shm files) ` +
    `to ${storage.path}, or write the path absolutely: storage: sqlite:${before}`
  );
}
