import { storeMovedHint } from '../config/config-relative-path.js';
import type { StorageConfig } from '../config/gateway-config.js';
import { findConfigFile, type ConfigChoice } from '../config/find-config-file.js';
import { loadStorageConfig, type StorageSettings } from '../config/load-storage-config.js';
import { MissingStoreError, openAdminStores, type AdminStores } from '../server/open-admin-stores.js';

/** The store a command acts on: the storage of the config it found, or the zero-config gateway's. */
export interface StoreTarget {
  settings: StorageSettings;
  /** The config file, or undefined when there is none (the zero-config store, ./switchyard.db). */
  choice: ConfigChoice | undefined;
}

/** A store opened for a command, with what it was opened from. */
export interface CliStore extends AdminStores {
  target: StoreTarget;
}

/** Find the store by the one rule (see findConfigFile); throws a ConfigError for an unreadable config. */
export function findStore(configFlag: string | undefined): StoreTarget {
  const choice = findConfigFile(configFlag);
  return { settings: loadStorageConfig(choice?.path), choice };
}

/**
 * Open the store a command acts on, after printing which one it is (on stderr, so stdout stays the
 * command's output). A store that does not exist yet is refused unless `create` (a command that writes
 * says how to ask for that), so that no command ever makes a stray database the gateway never reads.
 */
export async function openCliStore(target: StoreTarget, options: { create?: boolean; createFlag?: string } = {}): Promise<CliStore> {
  console.error(`Store: ${storeLine(target)}`);
  try {
    const stores = await openAdminStores(target.settings.storage, { mustExist: !options.create });
    return Object.assign(stores, { target });
  } catch (err) {
    if (!(err instanceof MissingStoreError)) throw err;
    const fix = target.choice
      ? `Check \`storage\` in ${target.choice.path}, or start the gateway with that config first (it creates the store)`
      : 'Pass --config FILE (or set $SWITCHYARD_CONFIG) to act on your gateway\'s store, or start the zero-config gateway in this folder first';
    const moved = storeMovedHint(target.settings.storage);
    if (moved) throw new MissingStoreError(`No store at ${storagePlace(target.settings.storage)}. ${moved}.`);
    const place = storagePlace(target.settings.storage);
    const what = target.settings.storage.kind === 'postgres' ? ` (${err.message})` : '';
    throw new MissingStoreError(`No store at ${place}${what}. ${fix}${options.createFlag ? `; ${options.createFlag} creates it here.` : '.'}`);
  }
}

/** `SQLite file /abs/x.db (storage of conf.yaml, from --config)`: what a command prints before it acts. */
export function storeLine(target: StoreTarget): string {
  const { choice } = target;
  const whence = choice
    ? `storage of ${choice.path}, found by ${choice.from}`
    : "no config: no --config, $SWITCHYARD_CONFIG or ./switchyard.yaml; the zero-config gateway's store";
  return `${storagePlace(target.settings.storage)} (${whence})`;
}

/** Where a store is, for people: the SQLite file's absolute path, or the PostgreSQL URL without its password. */
export function storagePlace(storage: StorageConfig): string {
  if (storage.kind === 'sqlite') return `SQLite file ${storage.path}`;
  try {
    const url = new URL(storage.url);
    if (url.password) url.password = '***';
    // libpq also takes secrets as parameters (password=, sslpassword=): none of them is printed
    for (const name of [...url.searchParams.keys()]) if (/pass|secret|token|key/i.test(name)) url.searchParams.set(name, '***');
    return `PostgreSQL ${url.toString()}`;
  } catch {
    return 'PostgreSQL (unparsable URL)';
  }
}
