import { ConfigError } from '../config/config-error.js';
import { loadConfigFile } from '../config/load-config.js';

/** `switchyard check-config FILE`: 0 when the config is valid, 1 with every issue printed otherwise. */
export function runCheckConfig(file: string): number {
  try {
    const config = loadConfigFile(file);
    console.log(
      `${file}: valid (${config.providers.length} provider(s), ${config.models.length} model(s), listens on ${config.listen.host}:${config.listen.port})`,
    );
    return 0;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`${file}: ${err.issues.length} problem(s)`);
    for (const issue of err.issues) console.error(`  ${issue.path || '(root)'}: ${issue.message}`);
    return 1;
  }
}
