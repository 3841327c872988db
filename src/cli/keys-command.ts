import { describeKey, findKey, keyMatchProblem } from '../auth/find-key.js';
import { issueKey, rotateKey } from '../auth/issue-key.js';
import type { KeyRecord, KeyStore, NewKey } from '../auth/key-record.js';
import { keySpends, type KeySpend } from '../auth/key-spend.js';
import { knownModelsOf, type KnownModels } from '../auth/known-models.js';
import type { UsageQueries } from '../ledger/usage-queries.js';
import { findStore, openCliStore, type CliStore } from './cli-store.js';
import { loadCommandConfig } from './command-config.js';
import { KeyFlagError, modelsFlag, newKeyFromFlags, type KeyCreateFlags } from './key-flags.js';
import { exitForKnownError } from './known-error.js';
import { withConfiguredModels } from './with-configured-models.js';

export interface KeyCreateOptions extends KeyCreateFlags {
  config?: string;
  /** Create the store when it does not exist yet (otherwise refused: it would be a store no gateway reads). */
  createStore?: boolean;
}

export type KeysAction = 'create' | 'list' | 'revoke' | 'rename' | 'rotate';

/** `switchyard keys create|list|revoke|rename|rotate`, directly on the store of the config the one rule finds (cli-store.ts). */
export async function runKeys(action: KeysAction, opts: KeyCreateOptions & { format?: string }, target?: string, newName?: string): Promise<number> {
  let input: NewKey | undefined;
  let stores: CliStore;
  try {
    // a bad option is refused before any store is looked for
    if (action === 'create') input = newKeyFromFlags(opts);
    // `--models` names must be ones the gateway serves: checked against its config's models and providers
    if (input && modelsFlag(opts)) input = newKeyFromFlags(opts, await configuredModels(opts.config));
    stores = await openCliStore(findStore(opts.config), { create: action === 'create' && opts.createStore === true, createFlag: action === 'create' ? '--create-store' : undefined });
  } catch (err) {
    if (err instanceof KeyFlagError) {
      console.error(err.message);
      return 2;
    }
    return exitForKnownError(err);
  }
  const store = stores.keys;
  try {
    if (input) return await create(store, input);
    if (action === 'list') return await list(store, stores.usage, opts.format);
    if (!target) {
      console.error(`Name the key to ${action}: its id or its prefix (see \`switchyard keys list\`).`);
      return 2;
    }
    const record = await keyNamed(store, target);
    if (!record) return 1;
    if (action === 'rename') return await rename(store, record, newName);
    if (action === 'rotate') return await rotate(store, record);
    return await revoke(store, record);
  } finally {
    await stores.close();
  }
}

/** The gateway's model names, from the config the one rule finds (sending nothing to any provider). */
async function configuredModels(configFlag: string | undefined): Promise<KnownModels> {
  const cc = await loadCommandConfig(configFlag, { sendsNothing: true });
  return withConfiguredModels(cc.config, async (config, table) => knownModelsOf(table, config.providers.map((p) => p.id)));
}

/** The one key a reference names, or undefined (why printed). */
async function keyNamed(store: KeyStore, target: string): Promise<KeyRecord | undefined> {
  const match = findKey(target, await store.list());
  if (!match.found) console.error(keyMatchProblem(target, match));
  return match.found;
}

async function create(store: KeyStore, input: NewKey): Promise<number> {
  const { key, record } = await issueKey(store, input);
  console.log(key);
  const expiry = record.expiresAt !== undefined ? ` It expires at ${iso(record.expiresAt)}.` : '';
  console.error(`Created key ${record.prefix}… (id ${record.id}) for team '${record.team}'.${expiry} Save it now: it is not shown again.`);
  return 0;
}

async function list(store: KeyStore, usage: UsageQueries, format: string | undefined): Promise<number> {
  const keys = await store.list();
  const now = Date.now();
  const spends = await keySpends(keys, usage, now);
  if (format === 'json') {
    console.log(JSON.stringify(keys.map((k) => ({ ...k, spend: spends.get(k.id) })), null, 2));
    return 0;
  }
  console.log(['prefix', 'id', 'team', 'name', 'limits', 'models', 'spent', 'expires', 'status'].join('\t'));
  for (const k of keys) {
    const row = [`${k.prefix}…`, k.id, k.team, k.name ?? '', limits(k), k.models?.join(',') ?? 'all', spent(spends.get(k.id)), k.expiresAt !== undefined ? iso(k.expiresAt) : 'never', status(k, now)];
    console.log(row.join('\t'));
  }
  return 0;
}

function limits(k: KeyRecord): string {
  const parts: string[] = [];
  if (k.budgetUsd !== undefined) parts.push(`$${k.budgetUsd}/${k.budgetPeriod ?? 'month'}`);
  if (k.rpm !== undefined) parts.push(`${k.rpm} rpm`);
  if (k.tpm !== undefined) parts.push(`${k.tpm} tpm`);
  return parts.join(', ') || 'none';
}

/** `$0.0123 this month`: the spend of the key's current period (its budget's, else the month). */
function spent(s: KeySpend | undefined): string {
  if (!s) return '';
  const usd = s.usd === 0 ? '$0' : `$${s.usd < 0.01 ? s.usd.toFixed(6) : s.usd.toFixed(4)}`;
  return `${usd} this ${s.period}`;
}

function status(k: KeyRecord, now: number): string {
  if (k.revokedAt !== undefined) return 'revoked';
  return k.expiresAt !== undefined && k.expiresAt <= now ? 'expired' : 'active';
}

async function revoke(store: KeyStore, record: KeyRecord): Promise<number> {
  if (record.revokedAt !== undefined) {
    console.log(`Key ${describeKey(record)} was already revoked at ${iso(record.revokedAt)}; nothing changed.`);
    return 0;
  }
  const revoked = (await store.revoke(record.id, Date.now())) ?? record;
  console.log(`Revoked ${revoked.prefix}… (team '${revoked.team}'). Running gateways refuse it within two seconds.`);
  return 0;
}

async function rename(store: KeyStore, record: KeyRecord, name: string | undefined): Promise<number> {
  if (name === undefined) {
    console.error('Give the new name: `switchyard keys rename <key> <new name>` ("" removes the name).');
    return 2;
  }
  const renamed = await store.rename(record.id, name.trim() === '' ? undefined : name.trim());
  if (!renamed) {
    console.error(`Key ${record.prefix}… is no longer in the store.`);
    return 1;
  }
  const before = record.name !== undefined ? `'${record.name}'` : 'no name';
  const after = renamed.name !== undefined ? `'${renamed.name}'` : 'no name';
  console.log(`Renamed ${renamed.prefix}… (team '${renamed.team}'): ${before} → ${after}.`);
  return 0;
}

async function rotate(store: KeyStore, record: KeyRecord): Promise<number> {
  if (record.revokedAt !== undefined) {
    console.error(`Key ${describeKey(record)} was revoked at ${iso(record.revokedAt)}: a revoked key cannot be rotated (create a new one).`);
    return 1;
  }
  const rotated = await rotateKey(store, record.id);
  if (!rotated) {
    console.error(`Key ${record.prefix}… was revoked or removed meanwhile.`);
    return 1;
  }
  console.log(rotated.key);
  console.error(
    `Rotated key ${record.prefix}… → ${rotated.record.prefix}… (id ${record.id}, team '${record.team}'): same budget, limits and spend; ` +
      'running gateways refuse the old secret within two seconds. Save the new key now: it is not shown again. ' +
      `A policy naming the old prefix (policies.keys) must now name ${rotated.record.prefix}… or the id.`,
  );
  return 0;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
