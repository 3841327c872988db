import { describe, expect, it } from 'vitest';
import { CatalogOverrideError } from '../../src/catalog/catalog-overrides.js';
import { Catalog, defaultCatalogData, loadDefaultCatalog } from '../../src/catalog/load-catalog.js';

const today = '2026-12-01';

describe('catalog overrides from config', () => {
  it('prices a self-hosted deployment of a catalog model', () => {
    const catalog = loadDefaultCatalog(
      { prices: [{ provider: 'vllm', model: 'Qwen/Qwen3-32B', price: { input: 0.05, output: 0.1 } }] },
      { today },
    );
    const r = catalog.resolve('vllm', 'qwen/qwen3-32b');
    expect(r.model?.id).toBe('qwen3-32b');
    expect(r.offer).toEqual({
      provider: 'vllm',
      upstreamModel: 'Qwen/Qwen3-32B',
      price: { input: 0.05, output: 0.1, source: 'config', asOf: today },
    });
    expect(catalog.models({ provider: 'vllm' }).map((m) => m.id)).toEqual(['qwen3-32b']);
  });

  it('replaces a listed price, keeping the offer', () => {
    const catalog = loadDefaultCatalog(
      { prices: [{ provider: 'deepseek', model: 'deepseek-chat', price: { input: 0.2, cachedInput: 0.02, output: 0.3, asOf: '2026-11-30' } }] },
      { today },
    );
    const offers = catalog.model('deepseek-v3.2')?.offers.filter((o) => o.provider === 'deepseek' && o.upstreamModel === 'deepseek-chat');
    expect(offers).toHaveLength(1);
    expect(offers?.[0]?.price).toEqual({ input: 0.2, cachedInput: 0.02, output: 0.3, source: 'config', asOf: '2026-11-30' });
  });

  it('attaches a price to the named catalog model, or keeps it alone for an unknown model', () => {
    const catalog = loadDefaultCatalog(
      {
        prices: [
          { provider: 'ollama', model: 'my-gemma', catalogModel: 'gemma-3-27b-it', price: { input: 0, output: 0.01 } },
          { provider: 'vllm', model: 'acme/private-7b', price: { input: 0.01, output: 0.02 } },
        ],
      },
      { today },
    );
    expect(catalog.resolve('ollama', 'my-gemma').model?.id).toBe('gemma-3-27b-it');
    const alone = catalog.resolve('vllm', 'acme/private-7b');
    expect(alone.model).toBeUndefined();
    expect(alone.offer?.price).toMatchObject({ input: 0.01, output: 0.02, source: 'config' });
    expect(() =>
      loadDefaultCatalog({ prices: [{ provider: 'vllm', model: 'x', catalogModel: 'no-such-model', price: { input: 1, output: 1 } }] }),
    ).toThrow(CatalogOverrideError);
  });

  it('adds a model, and changes a listed one', () => {
    const catalog = loadDefaultCatalog(
      {
        models: [
          {
            id: 'acme-coder',
            developer: 'Acme',
            origin: 'DE',
            openWeights: true,
            license: 'Apache-2.0',
            contextLength: 32768,
            aliases: ['acme/coder-7b'],
            offers: [{ provider: 'vllm', upstreamModel: 'acme/coder-7b', price: { input: 0.01, output: 0.03 } }],
          },
          { id: 'gpt-5', aliases: ['our-gpt'], capabilities: { vision: false } },
        ],
      },
      { today },
    );
    const added = catalog.resolve('vllm', 'acme/coder-7b');
    expect(added.model).toMatchObject({ id: 'acme-coder', name: 'acme-coder', origin: 'DE' });
    expect(added.offer?.price.source).toBe('config');
    expect(catalog.models({ origin: 'DE' })).toHaveLength(1);
    const gpt5 = catalog.resolve('openai-compatible', 'our-gpt').model;
    expect(gpt5?.id).toBe('gpt-5');
    expect(gpt5?.capabilities).toMatchObject({ vision: false, tools: true });
    expect(gpt5?.offers.length).toBe(catalog.model('gpt-5')?.offers.length);
  });

  it('refuses a new model without its origin facts, and a price that is not a price', () => {
    expect(() => loadDefaultCatalog({ models: [{ id: 'half-a-model', developer: 'Acme' }] })).toThrow(
      /needs origin, openWeights, license, contextLength/,
    );
    const priced = (input: number, output: number) => loadDefaultCatalog({ prices: [{ provider: 'vllm', model: 'm', price: { input, output } }] });
    expect(() => priced(-1, 1)).toThrow(/price.input/);
    expect(() => priced(1, Number.NaN)).toThrow(/price.output/);
  });

  it('sets a jurisdiction on a provider, and keeps what the operator declares beside the published facts', () => {
    const catalog = loadDefaultCatalog(
      {
        providers: [
          { id: 'vllm', jurisdiction: 'DE' },
          { id: 'openai', declared: { zeroRetention: true, note: 'ZDR by contract' } },
        ],
      },
      { today },
    );
    expect(catalog.provider('vllm')).toMatchObject({ jurisdiction: 'DE', selfHosted: true });
    expect(catalog.provider('openai')?.declared).toEqual({ zeroRetention: true, note: 'ZDR by contract' });
    expect(catalog.provider('openai')?.dataPolicy).toMatchObject({ retention: 'zero-on-request', retentionDays: 30 });
    expect(catalog.provider('openai')?.jurisdiction).toBe('US');
  });

  it('leaves the committed data and other catalogs untouched', () => {
    const before = JSON.stringify(defaultCatalogData());
    new Catalog(defaultCatalogData(), { prices: [{ provider: 'deepseek', model: 'deepseek-chat', price: { input: 9, output: 9 } }] });
    expect(JSON.stringify(defaultCatalogData())).toBe(before);
    expect(loadDefaultCatalog().resolve('deepseek', 'deepseek-chat').offer?.price.input).toBe(0.28);
  });
});
