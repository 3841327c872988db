import { describe, expect, it } from 'vitest';
import { healthEffect, worthRetrying } from '../../../src/routing/health/health-effect.js';
import { MemoryDeploymentHealth } from '../../../src/routing/health/memory-deployment-health.js';
import { GatewayError, type GatewayErrorCode } from '../../../src/spec/gateway-error.js';

const KEY = 'p/m';

function setup() {
  const clock = { t: 1_000_000 };
  const health = new MemoryDeploymentHealth({ openMs: 30_000, coolMs: 1_000, maxCoolMs: 60_000 }, () => clock.t);
  return { clock, health };
}

describe('what a failure says about the deployment', () => {
  it('only outages count; a rate limit cools; a refused key is misconfiguration; the rest is the request', () => {
    const table: Array<[GatewayErrorCode, string, boolean]> = [
      ['upstream_connection_failed', 'failure', true],
      ['upstream_timeout', 'failure', true],
      ['upstream_error', 'failure', true],
      ['upstream_unavailable', 'failure', true],
      ['upstream_invalid_response', 'failure', true],
      ['stream_interrupted', 'failure', true],
      ['upstream_rate_limited', 'rate_limited', true],
      ['upstream_auth_failed', 'misconfigured', false],
      ['upstream_not_found', 'none', false],
      ['upstream_bad_request', 'none', false],
      ['payload_too_large', 'none', false],
      ['client_closed', 'none', false],
    ];
    for (const [code, effect, retry] of table) {
      const error = new GatewayError(code, 'x');
      expect([code, healthEffect(error), worthRetrying(error)]).toEqual([code, effect, retry]);
    }
  });
});

describe('cool-downs and the misconfigured mark', () => {
  it('a 429 cools the deployment for its Retry-After, capped, or coolMs without one; the breaker never opens', () => {
    const { clock, health } = setup();
    for (let i = 0; i < 50; i++) health.record(KEY, { ok: false, effect: 'rate_limited' });
    expect(health.snapshot(KEY)).toMatchObject({ state: 'closed', coolingUntil: clock.t + 1_000 });
    health.record(KEY, { ok: false, effect: 'rate_limited', retryAfterSeconds: 20 });
    expect(health.snapshot(KEY).coolingUntil).toBe(clock.t + 20_000);
    health.record(KEY, { ok: false, effect: 'rate_limited', retryAfterSeconds: 3_600 });
    expect(health.snapshot(KEY).coolingUntil).toBe(clock.t + 60_000);
    clock.t += 60_000;
    expect(health.snapshot(KEY).coolingUntil).toBeUndefined();
    expect(health.tryAcquire(KEY)).toBe(true);
  });

  it('a refused key marks the deployment until a success; it is tried after the others for openMs only', () => {
    const { clock, health } = setup();
    const at = clock.t;
    health.record(KEY, { ok: false, effect: 'misconfigured', error: { code: 'upstream_auth_failed', status: 401, message: 'bad key' } });
    expect(health.snapshot(KEY)).toMatchObject({ state: 'closed', misconfiguredSince: at, misconfiguredUntil: at + 30_000, lastError: { status: 401, at } });
    clock.t += 30_000;
    expect(health.snapshot(KEY).misconfiguredUntil).toBeUndefined();
    expect(health.snapshot(KEY).misconfiguredSince).toBe(at);
    health.record(KEY, { ok: true, ttftMs: 10 });
    expect(health.snapshot(KEY).misconfiguredSince).toBeUndefined();
  });

  it("a request's own error leaves no trace", () => {
    const { health } = setup();
    health.record(KEY, { ok: false, effect: 'none', error: { code: 'upstream_bad_request', message: 'bad' } });
    expect(health.snapshot(KEY)).toEqual({ state: 'closed' });
  });
});
