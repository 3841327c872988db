import { ConfigError } from '../config/config-error.js';
import { isGatewayError } from '../spec/gateway-error.js';

/**
 * For commands that load a config and plan routes: a config problem or a gateway error (an unknown model)
 * is the user's to fix, so it is printed and the command exits 1; anything else is a bug and is rethrown.
 */
export function exitForKnownError(err: unknown): number {
  if (err instanceof ConfigError || isGatewayError(err)) {
    console.error(err.message);
    return 1;
  }
  throw err;
}
