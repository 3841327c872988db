import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Env } from './load-config.js';

/** The config file a command uses and how it was chosen, for the line every command prints. */
export interface ConfigChoice {
  path: string;
  from: '--config' | '$SWITCHYARD_CONFIG' | './switchyard.yaml';
}

/** The file looked for in the current folder when neither `--config` nor $SWITCHYARD_CONFIG names one. */
export const LOCAL_CONFIG_NAMES = ['switchyard.yaml', 'switchyard.yml'] as const;

/**
 * One rule for every command, `start` included: `--config`, else $SWITCHYARD_CONFIG, else
 * ./switchyard.yaml (or .yml) in the current folder; undefined when there is none (the zero-config gateway,
 * whose store is ./switchyard.db).
 */
export function findConfigFile(flag: string | undefined, env: Env = process.env, cwd = process.cwd()): ConfigChoice | undefined {
  if (flag) return { path: flag, from: '--config' };
  if (env.SWITCHYARD_CONFIG) return { path: env.SWITCHYARD_CONFIG, from: '$SWITCHYARD_CONFIG' };
  for (const name of LOCAL_CONFIG_NAMES) {
    const path = resolve(cwd, name);
    if (existsSync(path)) return { path, from: './switchyard.yaml' };
  }
  return undefined;
}
