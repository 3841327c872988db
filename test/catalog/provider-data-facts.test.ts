import { describe, expect, it } from 'vitest';
import type { CatalogProvider } from '../../src/catalog/catalog-types.js';
import { defaultCatalogData, loadDefaultCatalog } from '../../src/catalog/load-catalog.js';
import { providerDataFacts } from '../../src/catalog/provider-data-facts.js';
import { catalogDataProblems } from '../../src/catalog/validate-catalog-data.js';
import { catalogOverridesFromConfig } from '../../src/config/catalog-overrides-from-config.js';
import { PROVIDER_TYPES } from '../../src/providers/registry.js';

/**
 * The facts zero_retention / no_training policies and a request's `zdr` / `data_collection` depend on, pinned
 * per provider type: changing one is a deliberate edit here, made after reading the provider's own page
 * (src/catalog/build/curation/providers.ts records the page and the day it was read).
 */
const catalog = loadDefaultCatalog();

// type, retention class (undefined: unknown), trains on prompts by default (undefined: unknown),
// and what policies then act on: zero retention, trains
const PINNED: Array<[string, string | undefined, boolean | undefined, boolean | undefined, boolean | undefined]> = [
  ['openai', 'zero-on-request', false, false, false],
  ['anthropic', 'zero-on-request', false, false, false],
  ['gemini', 'zero-on-request', true, false, true],
  ['xai', 'zero-on-request', false, false, false],
  ['deepseek', undefined, undefined, undefined, undefined],
  ['deepseek-anthropic', undefined, undefined, undefined, undefined],
  ['qwen', undefined, false, undefined, false],
  ['moonshot', undefined, undefined, undefined, undefined],
  ['moonshot-anthropic', undefined, undefined, undefined, undefined],
  ['zai', undefined, undefined, undefined, undefined],
  ['zai-anthropic', undefined, undefined, undefined, undefined],
  ['minimax', undefined, undefined, undefined, undefined],
  ['minimax-anthropic', undefined, undefined, undefined, undefined],
  ['mistral', 'zero-on-request', true, false, true],
  ['together', 'zero-on-request', false, false, false],
  ['fireworks', 'zero-by-default', false, true, false],
  ['groq', 'zero-on-request', undefined, false, undefined],
  ['openrouter', 'zero-on-request', true, false, true],
];

describe('the facts policies depend on, per provider type', () => {
  it.each(PINNED)('%s: retention %s, trains %s → zero retention %s, trains %s', (type, retention, trains, zero, effectiveTrains) => {
    const p = catalog.provider(type)!;
    expect(p.selfHosted).toBe(false);
    expect(p.dataPolicy?.retention).toBe(retention);
    expect(p.dataPolicy?.trainsOnPrompts).toBe(trains);
    expect(providerDataFacts(p)).toEqual({
      ...(zero !== undefined && { zeroRetention: zero }),
      ...(effectiveTrains !== undefined && { trainsOnPrompts: effectiveTrains }),
    });
  });

  it('covers every hosted provider type the gateway can reach, and no self-hosted one carries a data policy', () => {
    const hosted = defaultCatalogData().providers.filter((p) => !p.selfHosted);
    expect(hosted.map((p) => p.id).sort()).toEqual(PINNED.map(([t]) => t).sort());
    // a simulated provider has no facts of its own: it takes those of the type it simulates
    for (const [type, p] of Object.entries(PROVIDER_TYPES)) if (!p.simulated) expect(catalog.provider(type), type).toBeDefined();
    for (const p of defaultCatalogData().providers.filter((x) => x.selfHosted)) expect(p.dataPolicy, p.id).toBeUndefined();
  });

  it('every recorded policy names its provider pages and the day they were read', () => {
    for (const p of defaultCatalogData().providers) {
      if (!p.dataPolicy) continue;
      expect(p.dataPolicy.sources.length, p.id).toBeGreaterThan(0);
      for (const s of p.dataPolicy.sources) expect(s, p.id).toMatch(/^https:\/\//);
      expect(p.dataPolicy.asOf, p.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(p.dataPolicy.summary.length, p.id).toBeGreaterThan(20);
    }
  });

  it('OpenRouter is not zero-retention while it may train: by default it routes to upstreams that keep and train', () => {
    const facts = providerDataFacts(catalog.provider('openrouter')!);
    expect(facts).toEqual({ zeroRetention: false, trainsOnPrompts: true });
  });
});

describe('what the operator declares', () => {
  const declared = (providers: Record<string, Record<string, unknown>>) =>
    loadDefaultCatalog(catalogOverridesFromConfig({ providers } as never));

  it('a declared agreement makes a zero-on-request provider zero-retention, and one that keeps nothing cannot train', () => {
    const c = declared({ openrouter: { zero_retention: true, retention: 'account ZDR setting on' } });
    const p = c.provider('openrouter')!;
    expect(p.declared).toEqual({ zeroRetention: true, note: 'account ZDR setting on' });
    // the published facts stay as published
    expect(p.dataPolicy?.retention).toBe('zero-on-request');
    expect(providerDataFacts(p)).toEqual({ zeroRetention: true, trainsOnPrompts: false });
  });

  it('a declaration wins both ways: no agreement on a zero-by-default host, no training on a paid tier', () => {
    const c = declared({ fireworks: { zero_retention: false }, gemini: { trains_on_prompts: false } });
    expect(providerDataFacts(c.provider('fireworks')!)).toEqual({ zeroRetention: false, trainsOnPrompts: false });
    expect(providerDataFacts(c.provider('gemini')!)).toEqual({ zeroRetention: false, trainsOnPrompts: false });
  });

  it('unknown stays unknown unless declared', () => {
    expect(providerDataFacts(catalog.provider('deepseek')!)).toEqual({});
    expect(providerDataFacts(declared({ deepseek: { zero_retention: true } }).provider('deepseek')!)).toEqual({ zeroRetention: true, trainsOnPrompts: false });
  });

  it('refuses a declaration that contradicts itself', () => {
    expect(() => declared({ openai: { zero_retention: true, trains_on_prompts: true } })).toThrow(/keeps nothing cannot train/);
  });
});

describe('a data policy that contradicts itself is malformed catalog data', () => {
  const withPolicy = (dataPolicy: Record<string, unknown>, extra: Partial<CatalogProvider> = {}) =>
    catalogDataProblems({ asOf: '2026-12-07', models: [], providers: [{ id: 'x', name: 'X', jurisdiction: 'US', firstPartyFor: [], selfHosted: false, dataPolicy, ...extra }] });
  const good = { retention: 'zero-on-request', retentionDays: 30, trainsOnPrompts: false, summary: 'kept 30 days', sources: ['https://example.com/p'], asOf: '2026-12-07' };

  it('accepts a sound one, and one with facts unknown', () => {
    expect(withPolicy(good)).toEqual([]);
    expect(withPolicy({ summary: 'nothing stated', sources: ['https://example.com/p'], asOf: '2026-12-07' })).toEqual([]);
  });

  it('names each problem with its path', () => {
    expect(withPolicy({ ...good, retention: 'sometimes' })).toEqual([expect.stringMatching(/dataPolicy\.retention: not one of/)]);
    expect(withPolicy({ ...good, retention: 'zero-by-default', trainsOnPrompts: true, retentionDays: undefined })).toEqual([
      expect.stringMatching(/trainsOnPrompts: true for a provider that keeps nothing/),
    ]);
    expect(withPolicy({ ...good, retention: 'zero-by-default', trainsOnPrompts: false })).toEqual([expect.stringMatching(/retentionDays: given for a provider that keeps nothing/)]);
    expect(withPolicy({ ...good, sources: ['http://example.com'] })).toEqual([expect.stringMatching(/sources: not a list of https pages/)]);
    expect(withPolicy({ ...good, source: 'https://example.com', sources: undefined })).toEqual([expect.stringMatching(/sources/)]);
    expect(withPolicy(good, { declared: { zeroRetention: true } })).toEqual([expect.stringMatching(/declared: only the config declares/)]);
  });
});
