import { GatewayError } from '../../spec/gateway-error.js';

/**
 * Whether this request fails, as providers do now and then, and how: `errorRate` of requests fail, about
 * three in five of them with a 429 (asking to retry in a second) and the rest with a 503 or a 500.
 * `random` is the provider's seeded generator, so a run's failures can be replayed.
 */
export function drawSimulatedFailure(providerId: string, errorRate: number, random: () => number): GatewayError | undefined {
  if (errorRate <= 0 || random() >= errorRate) return undefined;
  return simulatedFailure(providerId, random());
}

/** The failure a draw in [0, 1) stands for: below 0.6 a 429, below 0.85 a 503, else a 500. */
export function simulatedFailure(providerId: string, draw: number): GatewayError {
  if (draw < 0.6) {
    return new GatewayError('upstream_rate_limited', `Provider '${providerId}' (simulated) answered 429: rate limit reached, retry in 1 s.`, {
      provider: providerId,
      upstreamStatus: 429,
      retryAfterSeconds: 1,
    });
  }
  if (draw < 0.85) {
    return new GatewayError('upstream_unavailable', `Provider '${providerId}' (simulated) answered 503: the service is overloaded.`, {
      provider: providerId,
      upstreamStatus: 503,
    });
  }
  return new GatewayError('upstream_error', `Provider '${providerId}' (simulated) answered 500: internal error.`, { provider: providerId, upstreamStatus: 500 });
}
