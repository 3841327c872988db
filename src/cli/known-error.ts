import { ConfigError } from '../config/config-error.js';
import { MissingStoreError } from '../server/open-admin-stores.js';
import { isGatewayError } from '../spec/gateway-error.js';

/**
 * For commands that load a config, open its store or plan routes: a config problem, a store that is not
 * there or a gateway error (an unknown model) is the user's to fix, so it is printed and the command exits 1; anything else is a bug and is rethrown.
 */
export function exitForKnownError(err: unknown): number {
  if (err instanceof ConfigError || err instanceof MissingStoreError || isGatewayError(err)) {
    console.error(err.message);
    return 1;
  }
  throw err;
}
