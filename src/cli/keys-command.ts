import { parseNewKey } from '../api/admin/admin-routes.js';
import { issueKey } from '../auth/issue-key.js';
import { ConfigError } from '../config/config-error.js';
import { loadStorageConfig } from '../config/load-storage-config.js';
import type { KeyRecord, KeyStore } from '../auth/key-record.js';
import { openAdminStores, type AdminStores } from '../server/open-admin-stores.js';
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
export async function runKeys(action: 'create' | 'list' | 'revoke', opts: KeyCreateOptions & { format?: string }, target?: string): Promise<number> {
  let stores: AdminStores;
  try {
    const { storage } = loadStorageConfig(opts.config ?? process.env.SWITCHYARD_CONFIG);
    stores = await openAdminStores(storage);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
  const store = stores.keys;
  try {
    if (action === 'create') return await create(store, opts);
    if (action === 'list') return await list(store, opts.format);
    return await revoke(store, target);
  } finally {
    await stores.close();
  }
}

async function create(store: KeyStore, opts: KeyCreateOptions): Promise<number> {
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
  const { key, record } = await issueKey(store, input);
  console.log(key);
  console.error(`Created key ${record.prefix}… (id ${record.id}) for team '${record.team}'. Save it now: it is not shown again.`);
  return 0;
}

async function list(store: KeyStore, format: string | undefined): Promise<number> {
  const keys = await store.list();
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

async function revoke(store: KeyStore, target: string | undefined): Promise<number> {
  if (!target) {
    console.error('Name the key to revoke: its id or its prefix (see `switchyard keys list`).');
    return 2;
  }
  const record = await store.revoke(target.replace(/…$/, ''), Date.now());
  if (!record) {
    console.error(`No key with id or prefix '${target}'.`);
    return 1;
  }
  console.log(`Revoked ${record.prefix}… (team '${record.team}'). Running gateways refuse it within two seconds.`);
  return 0;
}
