import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { priceFromLiteLLM, priceFromOpenRouter } from '../../src/catalog/build/convert-prices.js';
import { buildCatalogFromShared, committedCatalogPath, serializeCatalog } from '../../tools/build-catalog.js';
import { sharedCatalogDir, sharedCatalogSkipReason } from './shared-catalog.js';

const SRC = 'test source';

describe('price conversion', () => {
  it('turns per-token prices into per-million without float noise, cache read only as a discount', () => {
    expect(
      priceFromLiteLLM(
        { input_cost_per_token: 2.8e-7, output_cost_per_token: 4.2e-7, cache_read_input_token_cost: 2.8e-8 },
        SRC,
        '2026-07-24',
      ),
    ).toEqual({ input: 0.28, cachedInput: 0.028, output: 0.42, source: SRC, asOf: '2026-07-24' });
    const same = priceFromLiteLLM({ input_cost_per_token: 1e-6, output_cost_per_token: 2e-6, cache_read_input_token_cost: 1e-6 }, SRC, 'd');
    expect(same?.cachedInput).toBeUndefined();
  });

  it('keeps cache writes and reasoning only where priced apart', () => {
    const p = priceFromLiteLLM(
      {
        input_cost_per_token: 3e-6,
        output_cost_per_token: 1.5e-5,
        cache_creation_input_token_cost: 3.75e-6,
        output_cost_per_reasoning_token: 1.5e-5,
      },
      SRC,
      'd',
    );
    expect(p).toMatchObject({ input: 3, cacheWrite: 3.75, output: 15 });
    expect(p?.reasoning).toBeUndefined();
    const thinking = { input_cost_per_token: 4e-7, output_cost_per_token: 1.2e-6, output_cost_per_reasoning_token: 4e-6 };
    expect(priceFromLiteLLM(thinking, SRC, 'd')?.reasoning).toBe(4);
  });

  it('takes the first tier of tiered prices and says so', () => {
    const p = priceFromLiteLLM(
      {
        tiered_pricing: [
          { input_cost_per_token: 1.2e-6, output_cost_per_token: 6e-6, range: [0, 32000] },
          { input_cost_per_token: 2.4e-6, output_cost_per_token: 1.2e-5, range: [32000, 128000] },
        ],
      },
      SRC,
      'd',
    );
    expect(p).toMatchObject({ input: 1.2, output: 6 });
    expect(p?.source).toMatch(/up to 32K tokens/);
  });

  it('refuses free, negative and missing prices rather than recording 0', () => {
    expect(priceFromLiteLLM({ input_cost_per_token: 0, output_cost_per_token: 0 }, SRC, 'd')).toBeUndefined();
    expect(priceFromLiteLLM({ input_cost_per_token: 1e-6 }, SRC, 'd')).toBeUndefined();
    expect(priceFromOpenRouter({ id: 'openrouter/auto', pricing: { prompt: '-1', completion: '-1' } }, SRC, 'd')).toBeUndefined();
    const claude = { id: 'x', pricing: { prompt: '0.000003', completion: '0.000015', input_cache_read: '0.0000003' } };
    expect(priceFromOpenRouter(claude, SRC, 'd')).toEqual({
      input: 3,
      cachedInput: 0.3,
      output: 15,
      source: SRC,
      asOf: 'd',
    });
  });
});

const rebuildTitle = `the committed catalog is derived from ../shared/catalog${sharedCatalogSkipReason ? ` (${sharedCatalogSkipReason})` : ''}`;

describe.skipIf(!sharedCatalogDir)(rebuildTitle, () => {
  it('a rebuild from the shared data reproduces src/catalog/data/catalog.json exactly', () => {
    const { data } = buildCatalogFromShared(sharedCatalogDir as string);
    const committed = readFileSync(committedCatalogPath(), 'utf8');
    expect(JSON.parse(committed)).toEqual(data);
    expect(committed).toBe(serializeCatalog(data));
  });
});
