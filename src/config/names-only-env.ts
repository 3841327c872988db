import type { Env } from './load-config.js';

/** What an unset variable reads as. */
export const UNSET_PLACEHOLDER = 'unset-in-this-shell';

/**
 * The environment for a command that sends nothing (explain, drill, catalog, kill): it reads the config for
 * names and rules, so the secrets it refers to (`${DEEPSEEK_API_KEY}`) need not be set in an admin's shell.
 * An unset variable reads as a placeholder; one that is set reads as itself (a `${DATABASE_URL}` in
 * `storage` must still be real for the store to be found).
 */
export function namesOnlyEnv(env: Env = process.env): Env {
  return new Proxy({ ...env }, { get: (t, k) => (typeof k === 'string' ? t[k] || UNSET_PLACEHOLDER : undefined) });
}
