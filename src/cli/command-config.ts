import { discoverConfig } from '../config/discover-config.js';
import { findConfigFile, type ConfigChoice } from '../config/find-config-file.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import { loadConfigFile } from '../config/load-config.js';
import type { StoreTarget } from './cli-store.js';

export interface CommandConfig {
  config: GatewayConfig;
  /** The file, or undefined for the zero-config gateway (providers discovered from the environment). */
  choice: ConfigChoice | undefined;
  /** Zero-config only: one line per provider discovered, for the start banner. */
  found?: string[];
  /** The config's store. */
  target: StoreTarget;
}

/**
 * The whole gateway config, found by the one rule every command follows (`--config`, $SWITCHYARD_CONFIG,
 * ./switchyard.yaml), else the zero-config gateway `start` would run here. Throws a ConfigError.
 */
export async function loadCommandConfig(flag: string | undefined, options: { sendsNothing?: boolean } = {}, env = process.env): Promise<CommandConfig> {
  const choice = findConfigFile(flag, env);
  let config: GatewayConfig;
  let found: string[] | undefined;
  // a command that sends nothing needs the config's names and rules, not the secrets: those stay unresolved
  if (choice) config = loadConfigFile(choice.path, env, { offline: options.sendsNothing === true });
  else ({ config, found } = await discoverConfig(env));
  const settings = {
    storage: config.storage,
    ...(config.baseline !== undefined && { baseline: config.baseline }),
    ...(config.concentration.length > 0 && { concentration: config.concentration }),
  };
  return { config, choice, ...(found && { found }), target: { settings, choice } };
}
