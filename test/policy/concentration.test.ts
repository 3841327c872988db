import { describe, expect, it } from 'vitest';
import { parseChatRequest } from '../../src/api/openai/parse-chat-request.js';
import { loadDefaultCatalog } from '../../src/catalog/load-catalog.js';
import { buildConfig } from '../../src/config/load-config.js';
import { MemoryDeploymentHealth } from '../../src/routing/health/memory-deployment-health.js';
import { ConcentrationTracker } from '../../src/routing/policies/concentration.js';
import { KillSet } from '../../src/routing/policies/kill-set.js';
import { planChatRoute } from '../../src/routing/plan-route.js';
import { describeRoute } from '../../src/routing/describe-route.js';
import { buildProviders } from '../../src/server/build-providers.js';

/**
 * Concentration caps over a simulated clock: a lowest-price route would send everything to the cheapest
 * provider; with a cap on that provider's share the planner prefers the others once the share reaches
 * it, so the share settles at the cap. The capped provider stays a fallback.
 */
const config = buildConfig(
  {
    providers: {
      deepseek: { type: 'deepseek', api_key: 'k-000000', base_url: 'http://127.0.0.1:9/v1' },
      together: { type: 'together', api_key: 'k-000000', base_url: 'http://127.0.0.1:9/v1' },
      fireworks: { type: 'fireworks', api_key: 'k-000000', base_url: 'http://127.0.0.1:9/v1' },
    },
    models: { v3: { deployments: ['deepseek/deepseek-chat', 'together/deepseek-ai/DeepSeek-V3.1', 'fireworks/accounts/fireworks/models/deepseek-v3p1'] } },
    routes: { cheap: { strategy: 'lowest-price', targets: ['v3'] } },
  },
  'test',
  {},
);
const { models } = buildProviders(config, loadDefaultCatalog());
const req = parseChatRequest({ model: 'cheap', messages: [{ role: 'user', content: 'hi' }] });

function simulate(tracker: ConcentrationTracker, clock: { t: number }, n: number, stepMs: number, tokensOf = () => 1000) {
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    clock.t += stepMs;
    const plan = planChatRoute(req, models, {
      health: new MemoryDeploymentHealth(),
      random: () => 0,
      inputTokens: 10,
      policy: { policies: [], kills: KillSet.EMPTY, concentration: tracker },
    });
    const first = plan.attempts[0]!;
    counts.set(first.providerId, (counts.get(first.providerId) ?? 0) + 1);
    tracker.record(first, { requests: 1, tokens: tokensOf() });
  }
  return counts;
}

describe('concentration caps', () => {
  it('without a cap the cheapest provider takes everything', () => {
    const clock = { t: 0 };
    const counts = simulate(new ConcentrationTracker([], () => clock.t), clock, 200, 1000);
    expect([...counts.keys()]).toHaveLength(1);
  });

  it('a request-share cap on every provider converges to the cap over the window', () => {
    const clock = { t: 0 };
    const tracker = new ConcentrationTracker([{ by: 'provider', maxShare: 0.4, measure: 'requests', windowMs: 3_600_000 }], () => clock.t);
    const cheapest = planChatRoute(req, models, { health: new MemoryDeploymentHealth(), random: () => 0, inputTokens: 10 }).attempts[0]!.providerId;
    // one request every 2 s for 4 hours: the window (1 h) slides three times over
    simulate(tracker, clock, 7200, 2000);
    const share = tracker.shares().find((s) => s.group === cheapest)!.share;
    expect(share).toBeGreaterThan(0.38);
    expect(share).toBeLessThanOrEqual(0.41);
    // the cap holds for every provider (three providers at 40% each can all hold it)
    for (const s of tracker.shares()) expect(s.share).toBeLessThanOrEqual(0.41);
  });

  it('a token-share cap counts tokens, and the route header names the demotion', () => {
    const clock = { t: 0 };
    const tracker = new ConcentrationTracker([{ by: 'provider', maxShare: 0.5, measure: 'tokens', windowMs: 600_000, only: ['deepseek'] }], () => clock.t);
    simulate(tracker, clock, 3000, 1000, () => 500);
    const deepseek = tracker.shares().find((s) => s.group === 'deepseek');
    expect(deepseek?.share).toBeGreaterThan(0.47);
    expect(deepseek?.share).toBeLessThanOrEqual(0.51);
    // force it over the cap and look at the plan
    for (let i = 0; i < 50; i++) tracker.record({ providerId: 'deepseek', model: 'deepseek-chat', info: { providerType: 'deepseek' } }, { tokens: 10_000 });
    const plan = planChatRoute(req, models, {
      health: new MemoryDeploymentHealth(),
      random: () => 0,
      inputTokens: 10,
      policy: { policies: [], kills: KillSet.EMPTY, concentration: tracker },
    });
    expect(plan.attempts.at(-1)!.providerId).toBe('deepseek');
    expect(plan.attempts).toHaveLength(3);
    expect(describeRoute(plan, plan.attempts[0], [])).toMatch(/demoted=deepseek\/deepseek-chat:concentration:provider=deepseek\(\d+%>=50% of tokens\)/);
  });

  it('a cap on named groups matches developers and countries however they are written', () => {
    const clock = { t: 0 };
    const tracker = new ConcentrationTracker(
      [
        { by: 'developer', maxShare: 0.5, measure: 'requests', windowMs: 60_000, only: ['deepseek'] },
        { by: 'origin', maxShare: 0.5, measure: 'requests', windowMs: 60_000, only: ['cn'] },
      ],
      () => clock.t,
    );
    const ds = { providerId: 'deepseek', model: 'deepseek-chat', info: { providerType: 'deepseek', developer: 'DeepSeek', origin: 'CN' } };
    tracker.record(ds, { requests: 1 });
    expect(tracker.overCap(ds)).toMatch(/^concentration:developer=DeepSeek/);
  });

  it('old traffic leaves the window', () => {
    const clock = { t: 0 };
    const tracker = new ConcentrationTracker([{ by: 'origin', maxShare: 0.5, measure: 'requests', windowMs: 60_000 }], () => clock.t);
    const cn = { providerId: 'deepseek', model: 'deepseek-chat', info: { providerType: 'deepseek', origin: 'CN' } };
    const us = { providerId: 'claude', model: 'c', info: { providerType: 'anthropic', origin: 'US' } };
    for (let i = 0; i < 10; i++) tracker.record(cn, { requests: 1 });
    expect(tracker.overCap(cn)).toMatch(/^concentration:origin=CN/);
    clock.t += 61_000;
    tracker.record(us, { requests: 1 });
    expect(tracker.overCap(cn)).toBeUndefined();
  });
});
