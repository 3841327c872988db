import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ConfigError, formatPath, type ConfigIssue } from '../config/config-error.js';
import type { GatewayConfig, StorageConfig } from '../config/gateway-config.js';
import { loadConfigFile } from '../config/load-config.js';
import { loadStorageConfig } from '../config/load-storage-config.js';
import { literalSecretsWarning } from '../config/secret-fields.js';
import { keyPolicyName } from '../routing/policies/policy.js';
import { readStoredKeys } from './read-stored-keys.js';

/**
 * `switchyard check-config FILE`: 0 when the config is valid, 1 with every issue printed otherwise. Key
 * policies (`policies.keys`) are checked against the keys in the config's store when that store exists
 * and can be read (an invalid config's too, when its `storage` can be read); otherwise the output says they
 * were not checked. Secrets written in the file rather than taken from `${ENV}` are warned about.
 */
export async function runCheckConfig(file: string): Promise<number> {
  let config: GatewayConfig | undefined;
  let issues: ConfigIssue[] = [];
  try {
    config = loadConfigFile(file);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    issues = [...err.issues];
  }
  const storage = config?.storage ?? storageOf(file);
  const keys = storage ? await checkKeyPolicies(file, storage) : '';
  if (typeof keys !== 'string') issues.push(...keys);
  if (issues.length > 0) {
    console.error(`${file}: ${issues.length} problem(s)`);
    for (const issue of issues) console.error(`  ${issue.path || '(root)'}: ${issue.message}`);
    return 1;
  }
  const valid = config!;
  console.log(
    `${file}: valid (${valid.providers.length} provider(s), ${valid.models.length} model(s), listens on ${valid.listen.host}:${valid.listen.port})`,
  );
  if (keys !== '') console.log(`  ${keys}`);
  const warning = literalSecretsWarning(valid.literalSecrets);
  if (warning) console.log(`  ${warning}`);
  return 0;
}

/** An invalid config's store, when its `storage` alone can be read; undefined otherwise. */
function storageOf(file: string): StorageConfig | undefined {
  try {
    return loadStorageConfig(file).storage;
  } catch (err) {
    if (err instanceof ConfigError) return undefined;
    throw err;
  }
}

/** Issues for key policies naming no key in the store, or a note on what was checked ('' when there are none). */
async function checkKeyPolicies(file: string, storage: StorageConfig): Promise<ConfigIssue[] | string> {
  // the names as written (with any `…`), for the issues' paths
  let written: string[];
  try {
    written = Object.keys((parse(readFileSync(file, 'utf8')) as { policies?: { keys?: object } } | null)?.policies?.keys ?? {});
  } catch {
    return '';
  }
  if (written.length === 0) return '';
  const store = await readStoredKeys(storage);
  if ('unseen' in store) return `policies.keys: not checked against the store: ${store.unseen}.`;
  const known = new Set(store.keys.flatMap((k) => [k.id, k.prefix]));
  const issues = written
    .filter((name) => !known.has(keyPolicyName(name)))
    .map((name) => ({
      path: formatPath(['policies', 'keys', name]),
      message: `no key with this id or prefix in the store (${where(storage)}): such a policy would apply to nothing. \`switchyard keys list\` prints the keys.`,
    }));
  return issues.length > 0 ? issues : `policies.keys: ${written.length} key polic${written.length === 1 ? 'y' : 'ies'} checked against the store's keys.`;
}

function where(storage: StorageConfig): string {
  return storage.kind === 'sqlite' ? `sqlite:${storage.path}` : 'postgres';
}
