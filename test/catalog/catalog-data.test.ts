import { describe, expect, it } from 'vitest';
import { defaultCatalogData, loadDefaultCatalog } from '../../src/catalog/load-catalog.js';
import { catalogDataProblems } from '../../src/catalog/validate-catalog-data.js';
import { PROVIDER_TYPES } from '../../src/providers/registry.js';

/** The committed catalog (src/catalog/data/catalog.json) as the gateway ships it. */
const data = defaultCatalogData();
const catalog = loadDefaultCatalog();

describe('the committed catalog: coverage', () => {
  it('lists at least 80 models', () => {
    expect(data.models.length).toBeGreaterThanOrEqual(80);
  });

  it.each([
    ['Qwen', /^qwen/, 'Alibaba'],
    ['DeepSeek', /^deepseek/, 'DeepSeek'],
    ['Kimi', /^kimi/, 'Moonshot AI'],
    ['GLM', /^glm/, 'Zhipu AI'],
    ['MiniMax', /^minimax/, 'MiniMax'],
    ['Mistral', /^(mistral|ministral|magistral|mixtral|codestral|devstral)/, 'Mistral AI'],
    ['Llama', /^llama/, 'Meta'],
    ['gpt-oss', /^gpt-oss/, 'OpenAI'],
    ['Gemma', /^gemma/, 'Google'],
    ['GPT-5', /^gpt-5/, 'OpenAI'],
    ['Claude', /^claude-(opus|sonnet)/, 'Anthropic'],
    ['Gemini Pro', /^gemini-.*pro/, 'Google'],
  ])('covers %s', (_family, pattern, developer) => {
    const found = data.models.filter((m) => pattern.test(m.id));
    expect(found.length).toBeGreaterThan(0);
    for (const m of found) expect(m.developer).toBe(developer);
  });

  it('gives open models several offers: the developer API and third-party hosts', () => {
    const multi = data.models.filter((m) => m.openWeights && m.offers.length >= 3);
    expect(multi.length).toBeGreaterThanOrEqual(30);
    for (const [provider, id] of [
      ['deepseek', 'deepseek-v3.2'],
      ['moonshot', 'kimi-k2.5'],
      ['zai', 'glm-4.6'],
      ['minimax', 'minimax-m2.1'],
      ['mistral', 'mistral-large-3'],
      ['qwen', 'qwen3-next-80b-a3b-instruct'],
    ] as const) {
      const providers = new Set(catalog.model(id)?.offers.map((o) => o.provider));
      expect(providers.has(provider), `${id} on ${provider}`).toBe(true);
      expect(providers.size, `${id} hosts`).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('the committed catalog: integrity', () => {
  it('matches the CatalogData shape in every field', () => {
    expect(catalogDataProblems(data)).toEqual([]);
  });

  it('every offer is from a provider type the gateway knows, and every provider type is described', () => {
    // a simulated provider is described as the type it stands for, so the catalog has no entry of its own for it
    const types = new Set(Object.entries(PROVIDER_TYPES).filter(([, p]) => !p.simulated).map(([type]) => type));
    for (const m of data.models) for (const o of m.offers) expect(types.has(o.provider), `${m.id} ${o.provider}`).toBe(true);
    expect(new Set(data.providers.map((p) => p.id))).toEqual(types);
  });

  it('every price has a source and a date, and no price is negative or NaN', () => {
    for (const m of data.models) {
      for (const { provider, price } of m.offers) {
        const at = `${m.id} ${provider}`;
        expect(price.source.length, at).toBeGreaterThan(0);
        expect(price.asOf, at).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        for (const v of [price.input, price.output, price.cachedInput, price.cacheWrite, price.reasoning]) {
          if (v === undefined) continue;
          expect(Number.isNaN(v), at).toBe(false);
          expect(v, at).toBeGreaterThanOrEqual(0);
        }
        expect(price.input + price.output, `${at}: a 0/0 price is not a price`).toBeGreaterThan(0);
      }
    }
  });

  it('every model has a developer, an ISO origin, a licence and a context length', () => {
    for (const m of data.models) {
      expect(m.developer, m.id).not.toBe('');
      expect(m.origin, m.id).toMatch(/^[A-Z]{2}$/);
      expect(m.license, m.id).not.toBe('');
      expect(m.contextLength, m.id).toBeGreaterThan(0);
      if (!m.openWeights) expect(m.license, m.id).toBe('proprietary');
    }
  });

  it('puts each developer in its country', () => {
    const origin = new Map(data.models.map((m) => [m.developer, m.origin]));
    for (const d of ['DeepSeek', 'Alibaba', 'Moonshot AI', 'Zhipu AI', 'MiniMax']) expect(origin.get(d), d).toBe('CN');
    expect(origin.get('Mistral AI')).toBe('FR');
    for (const d of ['Meta', 'OpenAI', 'Google', 'Anthropic']) expect(origin.get(d), d).toBe('US');
  });

  it('no name (id or alias) means two models', () => {
    const seen = new Map<string, string>();
    for (const m of data.models) {
      for (const n of [m.id, ...m.aliases]) {
        const prior = seen.get(n.toLowerCase());
        expect(prior === undefined || prior === m.id, `${n}: ${prior} and ${m.id}`).toBe(true);
        seen.set(n.toLowerCase(), m.id);
      }
    }
  });
});

describe('the committed catalog: providers', () => {
  it('marks self-hosted servers and gives hosted APIs a jurisdiction', () => {
    for (const p of data.providers) {
      const selfHosted = ['vllm', 'sglang', 'ollama', 'llamacpp', 'openai-compatible'].includes(p.id);
      expect(p.selfHosted, p.id).toBe(selfHosted);
      if (selfHosted) expect(p.jurisdiction, p.id).toBe('');
      else expect(p.jurisdiction, p.id).toMatch(/^[A-Z]{2}$/);
    }
  });

  it.each([
    ['deepseek', 'CN', ['DeepSeek']],
    ['qwen', 'SG', ['Alibaba']],
    ['moonshot', 'CN', ['Moonshot AI']],
    ['zai', 'SG', ['Zhipu AI']],
    ['minimax', 'CN', ['MiniMax']],
    ['mistral', 'FR', ['Mistral AI']],
    ['openai', 'US', ['OpenAI']],
    ['anthropic', 'US', ['Anthropic']],
    ['gemini', 'US', ['Google']],
    ['xai', 'US', ['xAI']],
    ['together', 'US', []],
    ['fireworks', 'US', []],
    ['groq', 'US', []],
    ['openrouter', 'US', []],
  ])('%s: jurisdiction %s, first party for %j', (id, jurisdiction, firstPartyFor) => {
    const p = catalog.provider(id);
    expect(p?.jurisdiction).toBe(jurisdiction);
    expect(p?.firstPartyFor).toEqual(firstPartyFor);
  });

  it('data policies, where given, carry the provider pages and a date (the facts themselves: provider-data-facts.test.ts)', () => {
    const withPolicy = data.providers.filter((p) => p.dataPolicy);
    expect(withPolicy.map((p) => p.id).sort()).toEqual(
      ['anthropic', 'fireworks', 'gemini', 'groq', 'mistral', 'openai', 'openrouter', 'qwen', 'together', 'xai'].sort(),
    );
    for (const p of withPolicy) for (const s of p.dataPolicy!.sources) expect(s, p.id).toMatch(/^https:\/\//);
    expect(catalog.provider('openai')?.dataPolicy).toMatchObject({ retention: 'zero-on-request', retentionDays: 30, trainsOnPrompts: false });
  });

  it('every hosted provider type has models to list at zero-config start, each resolving to its priced offer', () => {
    for (const [type, p] of Object.entries(PROVIDER_TYPES)) {
      if (!p.requiresApiKey) continue;
      const models = catalog.models({ provider: type });
      expect(models.length, type).toBeGreaterThan(0);
      for (const m of models) {
        const offer = m.offers.find((o) => o.provider === type)!;
        expect(catalog.resolve(type, offer.upstreamModel).offer, `${type} ${offer.upstreamModel}`).toBe(offer);
      }
    }
  });
});
