import { formatPath, type ConfigIssue } from './config-error.js';

/** Deeper than any config; a tree this deep comes from a mistake or from YAML aliases gone wrong. */
const MAX_DEPTH = 64;

/**
 * Problems with a parsed config tree's shape that the schema cannot see: a YAML alias that contains
 * itself (a cycle), nesting deeper than any config needs, and keys with line breaks or other control
 * characters (the schema's patterns for names do not look at them, and such a key names nothing).
 */
export function checkConfigTree(value: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const ancestors = new Set<object>();
  const walk = (v: unknown, path: Array<string | number>): void => {
    if (typeof v !== 'object' || v === null) return;
    if (ancestors.has(v)) {
      issues.push({ path: formatPath(path), message: 'refers to itself (a YAML alias inside its own anchor)' });
      return;
    }
    if (path.length >= MAX_DEPTH) {
      issues.push({ path: formatPath(path), message: `nested more than ${MAX_DEPTH} levels deep` });
      return;
    }
    ancestors.add(v);
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, [...path, i]));
    else {
      for (const [k, item] of Object.entries(v)) {
        // eslint-disable-next-line no-control-regex
        if (/[\u0000-\u001f\u007f]/.test(k)) issues.push({ path: formatPath([...path, k]), message: 'a key may not contain a line break or control character' });
        else walk(item, [...path, k]);
      }
    }
    ancestors.delete(v);
  };
  walk(value, []);
  return issues;
}
