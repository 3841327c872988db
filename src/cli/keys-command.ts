import { parseNewKey } from '../api/admin/admin-routes.js';
import { issueKey } from '../auth/issue-key.js';
import type { KeyRecord, KeyStore, NewKey } from '../auth/key-record.js';
import { findStore, openCliStore, type CliStore } from './cli-store.js';
import { exitForKnownError } from './known-error.js';
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
  /** Create the store when it does not exist yet (otherwise refused: it would be a store no gateway reads). */
  createStore?: boolean;
}

/** `switchyard keys create|list|revoke`, directly on the store of the config the one rule finds (cli-store.ts). */
export async function runKeys(action: 'create' | 'list' | 'revoke', opts: KeyCreateOptions & { format?: string }, target?: string): Promise<number> {
  // a bad option is refused before any store is looked for
  const input = action === 'create' ? newKeyFrom(opts) : undefined;
  if (typeof input === 'number') return input;
  let stores: CliStore;
  try {
    stores = await openCliStore(findStore(opts.config), { create: action === 'create' && opts.createStore === true, createFlag: action === 'create' ? '--create-store' : undefined });
  } catch (err) {
    return exitForKnownError(err);
  }
  const store = stores.keys;
  try {
    if (input) return await create(store, input);
    if (action === 'list') return await list(store, opts.format);
    return await revoke(store, target);
  } finally {
    await stores.close();
  }
}

/** The key the create options describe, or 2 (printed) for a bad option. */
function newKeyFrom(opts: KeyCreateOptions): NewKey | 2 {
  try {
    return parseNewKey({
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
}

async function create(store: KeyStore, input: NewKey): Promise<number> {
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
