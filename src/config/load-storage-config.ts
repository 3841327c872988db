import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { ConfigError, type ConfigIssue } from './config-error.js';
import { DEFAULT_STORAGE, type StorageConfig } from './gateway-config.js';
import { parseStorage } from './parse-storage.js';
import type { Env } from './load-config.js';
import { hideSubstitutions, substituteEnv } from './substitute-env.js';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { ConcentrationLimit } from '../routing/policies/concentration.js';
import { ConcentrationSchema } from './config-schema.js';
import { resolveConcentration } from './resolve-policies.js';

export interface StorageSettings {
  storage: StorageConfig;
  baseline?: string;
  /** The concentration caps, for `report providers` to show shares against. */
  concentration?: readonly ConcentrationLimit[];
}

/**
 * Only what the store-reading commands (keys, report) need from a config: `storage` and `baseline`. The
 * rest of the file is not validated here, so an admin's shell needs none of the providers' keys.
 */
export function loadStorageConfig(path: string | undefined, env: Env = process.env): StorageSettings {
  if (!path) return { storage: parseStorage(undefined, undefined) ?? DEFAULT_STORAGE };
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(path, [{ path: '', message: `cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` }]);
  }
  const file = (raw ?? {}) as { storage?: unknown; baseline?: unknown; spool_dir?: unknown; concentration?: unknown };
  const issues: ConfigIssue[] = [];
  const used = new Map<string, string>();
  const storage = substituteEnv(file.storage, env, issues, ['storage'], used);
  const baseline = substituteEnv(file.baseline, env, issues, ['baseline'], used);
  const spoolDir = substituteEnv(file.spool_dir, env, issues, ['spool_dir'], used);
  const parsed = storage === undefined || typeof storage === 'string' ? parseStorage(storage, typeof spoolDir === 'string' ? spoolDir : undefined, dirname(resolve(path))) : undefined;
  if (!parsed) issues.push({ path: 'storage', message: 'expected sqlite:PATH or postgres://…' });
  if (baseline !== undefined && typeof baseline !== 'string') issues.push({ path: 'baseline', message: 'expected a string' });
  const caps = Type.Array(ConcentrationSchema);
  if (file.concentration !== undefined && !Value.Check(caps, file.concentration)) {
    issues.push({ path: 'concentration', message: 'invalid (switchyard check-config says where)' });
  }
  if (issues.length > 0) throw new ConfigError(path, hideSubstitutions(issues, used));
  return {
    storage: parsed ?? DEFAULT_STORAGE,
    ...(typeof baseline === 'string' && { baseline }),
    ...(file.concentration !== undefined && { concentration: resolveConcentration(file.concentration as Static<typeof caps>) }),
  };
}
