import type { ConfigIssue } from './config-error.js';
import { formatPath } from './config-error.js';

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Replace `${VAR}` and `${VAR:-default}` in every string of a parsed config tree. Done on the parsed tree,
 * not the file's text, so a value can never change the YAML's structure. An unset variable without a
 * default is an issue at the path where it is used, unless `leaveUnset` says the field may stay unresolved
 * (a secret, for a command that sends nothing): it then reads as UNSET_PLACEHOLDER. `used` collects each value taken from the
 * environment with its variable's name, so that messages about the config can show `${NAME}` instead.
 */
export function substituteEnv(
  value: unknown,
  env: Record<string, string | undefined>,
  issues: ConfigIssue[],
  path: Array<string | number> = [],
  used?: Map<string, string>,
  leaveUnset?: (path: ReadonlyArray<string | number>) => boolean,
): unknown {
  if (typeof value === 'string') {
    return value.replace(REFERENCE, (_match, name: string, fallback: string | undefined) => {
      const found = env[name];
      if (found !== undefined && found !== '') {
        used?.set(found, name);
        return found;
      }
      if (fallback !== undefined) return fallback;
      if (leaveUnset?.(path)) return UNSET_PLACEHOLDER;
      issues.push({ path: formatPath(path), message: `environment variable ${name} is not set` });
      return '';
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => substituteEnv(v, env, issues, [...path, i], used, leaveUnset));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = substituteEnv(v, env, issues, [...path, k], used, leaveUnset);
    return out;
  }
  return value;
}

/** What an unset variable left unresolved reads as (long enough for every key's minimum length). */
export const UNSET_PLACEHOLDER = 'unset-in-this-shell';

/**
 * Issues with every value that came from the environment written back as its `${NAME}` reference: a
 * secret in a variable never reaches a terminal or a log through a config error.
 */
export function hideSubstitutions(issues: readonly ConfigIssue[], used: ReadonlyMap<string, string>): ConfigIssue[] {
  // longest first, so a value containing another is replaced whole
  const values = [...used.keys()].filter((v) => v.length >= 4).sort((a, b) => b.length - a.length);
  if (values.length === 0) return [...issues];
  const hide = (text: string) => values.reduce((t, v) => t.split(v).join(`\${${used.get(v)}}`), text);
  return issues.map((i) => ({ path: i.path, message: hide(i.message) }));
}
