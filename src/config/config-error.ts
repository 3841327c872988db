/** One problem in a config, with the path of the field it is about (`providers.deepseek.api_key`). */
export interface ConfigIssue {
  path: string;
  message: string;
}

/** A config that cannot be used. Its message lists every issue, one per line. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly issues: readonly ConfigIssue[],
  ) {
    super(`Invalid config (${source}):\n${issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Render a JSON-pointer-like list of keys as a readable path: models["qwen/qwen3-32b"].deployments[0]. */
export function formatPath(keys: ReadonlyArray<string | number>): string {
  let out = '';
  for (const key of keys) {
    if (typeof key === 'number' || /^\d+$/.test(key)) out += `[${key}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}
