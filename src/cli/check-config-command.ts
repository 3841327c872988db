import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ConfigError, formatPath, type ConfigIssue } from '../config/config-error.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import { loadConfigFile } from '../config/load-config.js';
import { keyPolicyName } from '../routing/policies/policy.js';
import { readStoredKeys } from './read-stored-keys.js';

/**
 * `switchyard check-config FILE`: 0 when the config is valid, 1 with every issue printed otherwise. Key
 * policies (`policies.keys`) are checked against the keys in the config's store when that store exists
 * and can be read; otherwise the output says they were not checked.
 */
export async function runCheckConfig(file: string): Promise<number> {
  let config: GatewayConfig;
  try {
    config = loadConfigFile(file);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return printIssues(file, err.issues);
  }
  const keys = await checkKeyPolicies(file, config);
  if (typeof keys !== 'string') return printIssues(file, keys);
  console.log(
    `${file}: valid (${config.providers.length} provider(s), ${config.models.length} model(s), listens on ${config.listen.host}:${config.listen.port})`,
  );
  if (keys !== '') console.log(`  ${keys}`);
  return 0;
}

/** Issues for key policies naming no key in the store, or a note on what was checked ('' when there are none). */
async function checkKeyPolicies(file: string, config: GatewayConfig): Promise<ConfigIssue[] | string> {
  // the names as written (with any `…`), for the issues' paths
  const written = Object.keys((parse(readFileSync(file, 'utf8')) as { policies?: { keys?: object } } | null)?.policies?.keys ?? {});
  if (written.length === 0) return '';
  const store = await readStoredKeys(config.storage);
  if ('unseen' in store) return `policies.keys: not checked against the store: ${store.unseen}.`;
  const known = new Set(store.keys.flatMap((k) => [k.id, k.prefix]));
  const issues = written
    .filter((name) => !known.has(keyPolicyName(name)))
    .map((name) => ({
      path: formatPath(['policies', 'keys', name]),
      message: `no key with this id or prefix in the store (${where(config)}): such a policy would apply to nothing. \`switchyard keys list\` prints the keys.`,
    }));
  return issues.length > 0 ? issues : `policies.keys: ${written.length} key polic${written.length === 1 ? 'y' : 'ies'} checked against the store's keys.`;
}

function where(config: GatewayConfig): string {
  return config.storage.kind === 'sqlite' ? `sqlite:${config.storage.path}` : 'postgres';
}

function printIssues(file: string, issues: readonly ConfigIssue[]): number {
  console.error(`${file}: ${issues.length} problem(s)`);
  for (const issue of issues) console.error(`  ${issue.path || '(root)'}: ${issue.message}`);
  return 1;
}
