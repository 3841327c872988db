import { parseNewKey } from '../api/admin/admin-routes.js';
import { issueKey } from '../auth/issue-key.js';
import type { KeyRecord } from '../auth/key-record.js';
import { ConfigError } from '../config/config-error.js';
import { loadStorageConfig } from '../config/load-storage-config.js';
import { openSqlite } from '../ledger/sqlite/open-sqlite.js';
import { SqliteKeyStore } from '../ledger/sqlite/sqlite-key-store.js';
import { isGatewayError } from '../spec/gateway-error.js';

export interface KeyCreateOptions {
  config?: string;
  team?: string;
  name?: string;
  budget?: string;
  period?: string;
  rpm?: string;
  tpm?: string;
  models?: string;
  storeBodies?: boolean;
}

/** `switchyard keys create|list|revoke`, directly on the store named in the config. */
export function runKeys(action: 'create' | 'list' | 'revoke', opts: KeyCreateOptions & { format?: string }, target?: string): number {
  let store: SqliteKeyStore;
  let close: () => void;
  try {
    const { storage } = loadStorageConfig(opts.config ?? process.env.SWITCHYARD_CONFIG);
    const db = openSqlite(storage.path);
    store = new SqliteKeyStore(db);
    close = () => db.close();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
  try {
    if (action === 'create') return create(store, opts);
    if (action === 'list') return list(store, opts.format);
    return revoke(store, target);
  } finally {
    close();
  }
}

function create(store: SqliteKeyStore, opts: KeyCreateOptions): number {
  let input;
  try {
    input = parseNewKey({
      team: opts.team,
      name: opts.name,
      ...(opts.budget !== undefined && { budget_usd: Number(opts.budget) }),
      budget_period: opts.period,
      ...(opts.rpm !== undefined && { rpm: Number(opts.rpm) }),
      ...(opts.tpm !== undefined && { tpm: Number(opts.tpm) }),
      ...(opts.models !== undefined && { models: opts.models.split(',').map((m) => m.trim()).filter(Boolean) }),
      ...(opts.storeBodies && { store_bodies: true }),
    });
  } catch (err) {
    if (!isGatewayError(err)) throw err;
    console.error(err.message.replace(/^Invalid '(\w+)'/, (_m, f: string) => `Invalid --${f.replace(/_usd$/, '').replace(/_/g, '-')}`));
    return 2;
  }
  const { key, record } = issueKey(store, input);
  console.log(key);
  console.error(`Created key ${record.prefix}… (id ${record.id}) for team '${record.team}'. Save it now: it is not shown again.`);
  return 0;
}

function list(store: SqliteKeyStore, format: string | undefined): number {
  const keys = store.list();
  if (format === 'json') {
    console.log(JSON.stringify(keys, null, 2));
    return 0;
  }
  console.log(['prefix', 'id', 'team', 'name', 'limits', 'models', 'status'].join('\t'));
  for (const k of keys) console.log([`${k.prefix}…`, k.id, k.team, k.name ?? '', limits(k), k.models?.join(',') ?? 'all', k.revokedAt ? 'revoked' : 'active'].join('\t'));
  return 0;
}

function limits(k: KeyRecord): string {
  const parts: string[] = [];
  if (k.budgetUsd !== undefined) parts.push(`$${k.budgetUsd}/${k.budgetPeriod ?? 'month'}`);
  if (k.rpm !== undefined) parts.push(`${k.rpm} rpm`);
  if (k.tpm !== undefined) parts.push(`${k.tpm} tpm`);
  return parts.join(', ') || 'none';
}

function revoke(store: SqliteKeyStore, target: string | undefined): number {
  if (!target) {
    console.error('Name the key to revoke: its id or its prefix (see `switchyard keys list`).');
    return 2;
  }
  const record = store.revoke(target.replace(/…$/, ''), Date.now());
  if (!record) {
    console.error(`No key with id or prefix '${target}'.`);
    return 1;
  }
  console.log(`Revoked ${record.prefix}… (team '${record.team}'). Running gateways refuse it within two seconds.`);
  return 0;
}
