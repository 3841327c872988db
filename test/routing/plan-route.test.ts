import { describe, expect, it } from 'vitest';
import { parseChatRequest } from '../../src/api/openai/parse-chat-request.js';
import { loadDefaultCatalog } from '../../src/catalog/load-catalog.js';
import { buildConfig } from '../../src/config/load-config.js';
import { MemoryDeploymentHealth } from '../../src/routing/health/memory-deployment-health.js';
import { planChatRoute } from '../../src/routing/plan-route.js';
import { describeRoute } from '../../src/routing/describe-route.js';
import { explainPlan, renderPlanExplanation } from '../../src/routing/explain-plan.js';
import { buildProviders } from '../../src/server/build-providers.js';

/**
 * The planner, on a config with one open model (DeepSeek V3.1) at three providers and a closed one:
 * strategies, OpenRouter's `models` and `provider` fields, and every exclusion with its reason. Prices,
 * origins and data policies come from the catalog: deepseek (CN, own API), together and fireworks (US).
 */
const config = buildConfig(
  {
    providers: {
      deepseek: { type: 'deepseek', api_key: 'k-000000', base_url: 'http://127.0.0.1:9/v1' },
      together: { type: 'together', api_key: 'k-000000', base_url: 'http://127.0.0.1:9/v1' },
      fireworks: { type: 'fireworks', api_key: 'k-000000', base_url: 'http://127.0.0.1:9/v1' },
      claude: { type: 'anthropic', api_key: 'k-000000', base_url: 'http://127.0.0.1:9/v1' },
      box: { type: 'vllm', base_url: 'http://127.0.0.1:9/v1' },
    },
    models: {
      v3: { deployments: ['deepseek/deepseek-chat', 'together/deepseek-ai/DeepSeek-V3.1', 'fireworks/accounts/fireworks/models/deepseek-v3p1'] },
      sonnet: { deployments: ['claude/claude-sonnet-4-5'] },
      small: { deployments: ['box/Qwen/Qwen3-32B'] },
    },
    routes: {
      cheap: { strategy: 'lowest-price', targets: ['v3'] },
      split: { strategy: 'weighted', targets: [{ target: 'together/deepseek-ai/DeepSeek-V3.1', weight: 3 }, { target: 'fireworks/accounts/fireworks/models/deepseek-v3p1', weight: 1 }] },
      layered: { strategy: 'fallback', targets: ['split', 'sonnet'] },
    },
  },
  'test',
  {},
);
const { models } = buildProviders(config, loadDefaultCatalog());

function plan(body: Record<string, unknown>, health = new MemoryDeploymentHealth(), random = Math.random) {
  const req = parseChatRequest({ messages: [{ role: 'user', content: 'hi' }], ...body });
  return planChatRoute(req, models, { health, random, inputTokens: 10 });
}
const order = (p: ReturnType<typeof plan>) => p.attempts.map((a) => a.providerId);
const reasons = (p: ReturnType<typeof plan>) => Object.fromEntries(p.excluded.map((e) => [e.providerId, e.reason]));

describe('strategies', () => {
  it('fallback keeps the configured order', () => {
    expect(order(plan({ model: 'v3' }))).toEqual(['deepseek', 'together', 'fireworks']);
  });

  it('lowest-price orders by blended price', () => {
    const p = plan({ model: 'cheap' });
    const prices = p.attempts.map((a) => (3 * a.info.price!.input + a.info.price!.output) / 4);
    expect([...prices].sort((x, y) => x - y)).toEqual(prices);
  });

  it('weighted draws by weight, the rest stay as fallbacks, and it composes under a fallback', () => {
    let firsts = { together: 0, fireworks: 0 };
    let seed = 1;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let i = 0; i < 2000; i++) {
      const p = plan({ model: 'layered' }, undefined, random);
      expect(p.attempts).toHaveLength(3);
      expect(p.attempts[2]!.providerId).toBe('claude');
      firsts = { ...firsts, [p.attempts[0]!.providerId]: firsts[p.attempts[0]!.providerId as 'together'] + 1 };
    }
    expect(firsts.together / 2000).toBeGreaterThan(0.7);
    expect(firsts.together / 2000).toBeLessThan(0.8);
  });

  it('an open circuit excludes a deployment, with its reason', () => {
    const health = new MemoryDeploymentHealth();
    for (let i = 0; i < 5; i++) health.record('deepseek/deepseek-chat', { ok: false });
    const p = plan({ model: 'v3' }, health);
    expect(order(p)).toEqual(['together', 'fireworks']);
    expect(reasons(p)).toEqual({ deepseek: 'circuit_open' });
  });
});

describe("OpenRouter's provider preferences", () => {
  it('order puts the named providers first', () => {
    expect(order(plan({ model: 'v3', provider: { order: ['fireworks', 'together'] } }))).toEqual(['fireworks', 'together', 'deepseek']);
  });

  it('allow_fallbacks: false keeps only the ordered providers (or the first)', () => {
    const p = plan({ model: 'v3', provider: { order: ['together'], allow_fallbacks: false } });
    expect(order(p)).toEqual(['together']);
    expect(reasons(p)).toEqual({ deepseek: 'pref:no_fallbacks', fireworks: 'pref:no_fallbacks' });
    expect(order(plan({ model: 'v3', provider: { allow_fallbacks: false } }))).toEqual(['deepseek']);
  });

  it('only and ignore, by provider id or type', () => {
    expect(order(plan({ model: 'v3', provider: { only: ['together', 'fireworks'] } }))).toEqual(['together', 'fireworks']);
    const p = plan({ model: 'v3', provider: { ignore: ['deepseek'] } });
    expect(order(p)).toEqual(['together', 'fireworks']);
    expect(reasons(p)).toEqual({ deepseek: 'pref:ignore' });
  });

  it('sort: price', () => {
    const p = plan({ model: 'v3', provider: { sort: 'price' } });
    const blended = p.attempts.map((a) => 3 * a.info.price!.input + a.info.price!.output);
    expect([...blended].sort((x, y) => x - y)).toEqual(blended);
  });

  it('sort: latency, from the moving median of time to first token', () => {
    const health = new MemoryDeploymentHealth();
    const ttft = { 'deepseek/deepseek-chat': 900, 'together/deepseek-ai/DeepSeek-V3.1': 300, 'fireworks/accounts/fireworks/models/deepseek-v3p1': 150 };
    for (const [key, ms] of Object.entries(ttft)) for (let i = 0; i < 6; i++) health.record(key, { ok: true, ttftMs: ms });
    expect(order(plan({ model: 'v3', provider: { sort: 'latency' } }, health))).toEqual(['fireworks', 'together', 'deepseek']);
  });

  it('max_price caps, in USD per million tokens; an unknown price cannot be shown to be under a cap', () => {
    const all = plan({ model: 'v3' }).attempts;
    const cheapest = Math.min(...all.map((a) => a.info.price!.output));
    const p = plan({ model: 'v3', provider: { max_price: { completion: cheapest } } });
    expect(p.attempts.every((a) => a.info.price!.output <= cheapest)).toBe(true);
    expect(p.excluded.every((e) => e.reason === 'price_cap')).toBe(true);
    expect(reasons(plan({ model: 'small', provider: { max_price: { prompt: 1 } } }))).toEqual({ box: 'price_unknown' });
  });

  it('data_collection: deny and zdr keep only providers whose policy is known to allow it', () => {
    const deny = plan({ model: 'v3', provider: { data_collection: 'deny' } });
    expect(order(deny)).toEqual(['together', 'fireworks']);
    expect(reasons(deny)).toEqual({ deepseek: 'pref:data_collection' });
    const zdr = plan({ model: 'v3', provider: { zdr: true } });
    expect(reasons(zdr).deepseek).toBe('pref:zdr');
    // a self-hosted server keeps nothing it is not set up to keep
    expect(order(plan({ model: 'small', provider: { zdr: true, data_collection: 'deny' } }))).toEqual(['box']);
  });

  it('require_parameters: default refuses providers that cannot take a parameter; false drops it instead', () => {
    const strict = plan({ model: 'sonnet', seed: 7 });
    expect(strict.attempts).toHaveLength(0);
    expect(strict.excluded[0]).toMatchObject({ reason: 'unsupported:seed', param: 'seed' });
    const loose = plan({ model: 'sonnet', seed: 7, provider: { require_parameters: false } });
    expect(loose.attempts[0]?.drop).toEqual(['seed']);
  });

  it('models: falls back across models, after the requested one', () => {
    const p = plan({ model: 'sonnet', models: ['v3'] });
    expect(order(p)).toEqual(['claude', 'deepseek', 'together', 'fireworks']);
    expect(p.excluded).toEqual([]);
    expect(p.fallback).toBeUndefined();
  });

  it('models: an unknown name in the list is a 400 naming the entry', () => {
    expect(() => plan({ model: 'sonnet', models: ['v3', 'nope'] })).toThrow(expect.objectContaining({ status: 400, param: 'models[1]' }));
  });

  it('models: an unknown requested model falls back to the list, and the plan says so', () => {
    const p = plan({ model: 'nope', models: ['small', 'sonnet'] });
    expect(order(p)).toEqual(['box', 'claude']);
    expect(p.fallback).toEqual({ model: 'small', reason: 'unknown_model' });
    expect(describeRoute(p, p.attempts[0], [])).toBe('model=nope; fallback=small (unknown_model); served=box/Qwen/Qwen3-32B');
    expect(explainPlan(p, undefined).fallback).toEqual({ model: 'small', reason: 'unknown_model' });
    expect(renderPlanExplanation(explainPlan(p, undefined))).toContain("  no model 'nope' here (unknown_model): falls back to the request's models, from 'small'");
    expect(() => plan({ model: 'nope' })).toThrow(expect.objectContaining({ status: 404, code: 'model_not_found' }));
  });
});

describe('capabilities and context', () => {
  it('a model the catalog says cannot take tools, images or JSON schema is excluded for such requests', () => {
    const vision = plan({ model: 'small', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x/y.png' } }] }] });
    expect(reasons(vision)).toEqual({ box: 'capability:vision' });
  });

  it('a request longer than the context is excluded', () => {
    const req = parseChatRequest({ model: 'small', messages: [{ role: 'user', content: 'hi' }] });
    const p = planChatRoute(req, models, { health: new MemoryDeploymentHealth(), random: Math.random, inputTokens: 10_000_000 });
    expect(reasons(p)).toEqual({ box: 'context_length' });
  });
});
