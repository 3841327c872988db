import { GatewayError } from '../../spec/gateway-error.js';

/**
 * Whether this request fails, as providers do now and then, and how: `errorRate` of requests fail, about
 * three in five of them with a 429 (asking to retry in a second) and the rest with a 503 or a 500.
 * `random` is the provider's seeded generator, so a run's failures can be replayed.
 */
export function drawSimulatedFailure(providerId: string, errorRate: number, random: () => number): GatewayError | undefined {
  if (errorRate <= 0 || random() >= errorRate) return undefined;
  const kind = random();
  if (kind < 0.6) {
    return new GatewayError('upstream_rate_limited', `Provider '${providerId}' (simulated) answered 429: rate limit reached, retry in 1 s.`, {
      provider: providerId,
      upstreamStatus: 429,
      retryAfterSeconds: 1,
    });
  }
  if (kind < 0.85) {
    return new GatewayError('upstream_unavailable', `Provider '${providerId}' (simulated) answered 503: the service is overloaded.`, {
      provider: providerId,
      upstreamStatus: 503,
    });
  }
  return new GatewayError('upstream_error', `Provider '${providerId}' (simulated) answered 500: internal error.`, { provider: providerId, upstreamStatus: 500 });
}
