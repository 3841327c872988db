import type { IncomingHttpHeaders } from 'node:http';
import { createKeyChecker } from '../auth/check-fixed-key.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import { isLoopback } from '../config/parse-listen.js';
import { GatewayError } from '../spec/gateway-error.js';

/**
 * Who may read GET /metrics: the metrics key or the admin key when either is set; without them, anyone on
 * a loopback listener and no one on another address (the scrape names every model and provider in use).
 */
export function metricsAccess(config: GatewayConfig): (headers: IncomingHttpHeaders) => void {
  const keys = [config.metricsKey, config.adminKey].filter((k): k is string => k !== undefined).map(createKeyChecker);
  if (keys.length === 0) {
    if (isLoopback(config.listen.host)) return () => undefined;
    return () => {
      throw new GatewayError('forbidden', 'The metrics are off on a gateway reachable from other machines until auth.metrics_key (or an admin key) is set.');
    };
  }
  return (headers) => {
    let refusal: unknown;
    for (const check of keys) {
      try {
        check(headers);
        return;
      } catch (err) {
        refusal = err;
      }
    }
    throw refusal;
  };
}
