import { describe, expect, it } from 'vitest';
import type { CatalogModel, Offer } from '../../src/catalog/catalog-types.js';
import { findImplausiblePrices } from '../../src/catalog/build/check-price-plausibility.js';
import { correctPrice } from '../../src/catalog/build/correct-price.js';
import { CURATED_OFFER_MIRRORS } from '../../src/catalog/build/curation/providers.js';
import { defaultCatalogData } from '../../src/catalog/load-catalog.js';

const SOURCE = 'a price list';

function offer(provider: string, input: number, output: number): Offer {
  return { provider, upstreamModel: `${provider}-model`, price: { input, output, source: SOURCE, asOf: '2026-07-24' } };
}

function model(...offers: Offer[]): CatalogModel {
  return {
    id: 'some-model',
    name: 'Some Model',
    developer: 'Someone',
    origin: 'US',
    openWeights: true,
    license: 'MIT',
    contextLength: 131072,
    capabilities: { tools: true, vision: false, jsonOutput: true, reasoning: false },
    aliases: [],
    offers,
  };
}

describe('the price plausibility check (npm run catalog:check)', () => {
  it('flags an output price ten times the other offers while the input price agrees with them', () => {
    const problems = findImplausiblePrices([model(offer('together', 0.2, 6), offer('fireworks', 0.22, 0.88), offer('openrouter', 0.09, 0.55))]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^some-model: together "together-model" output price 6 is 8\.39× above the median .*\(0\.715\)/);
  });

  it('flags an input price ten times too low as well', () => {
    const problems = findImplausiblePrices([model(offer('a', 0.03, 1.2), offer('b', 0.3, 1.1), offer('c', 0.35, 1.3))]);
    expect(problems).toEqual([expect.stringMatching(/^some-model: a "a-model" input price 0\.03 is 10\.8× below the median of the model.s other offers \(0\.325\)/)]);
  });

  it('leaves alone a host that is dearer or cheaper across the board', () => {
    // A fast tier at 3/8 beside 0.55/2.19 and 0.5/2.15; OpenRouter's cheapest host far below the others.
    expect(findImplausiblePrices([model(offer('fireworks', 3, 8), offer('together', 0.55, 2.19), offer('openrouter', 0.5, 2.15))])).toEqual([]);
    expect(findImplausiblePrices([model(offer('openrouter', 0.019, 0.03), offer('mistral', 0.15, 0.15), offer('fireworks', 0.3, 0.3))])).toEqual([]);
  });

  it('needs at least two other offers to say which one is out of line', () => {
    expect(findImplausiblePrices([model(offer('together', 0.2, 6), offer('fireworks', 0.22, 0.88))])).toEqual([]);
  });

  it("does not count a mirroring provider's copy of an offer twice", () => {
    const m = model(offer('x', 0.2, 6), offer('x-mirror', 0.2, 6), offer('y', 0.22, 0.88), offer('z', 0.09, 0.55));
    const problems = findImplausiblePrices([m], { 'x-mirror': 'x' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/: x "x-model" output price 6/);
  });

  it('finds nothing implausible in the committed catalog', () => {
    expect(findImplausiblePrices(defaultCatalogData().models, CURATED_OFFER_MIRRORS)).toEqual([]);
  });
});

describe('a price correction in the curation', () => {
  const listed = offer('together', 0.2, 6).price;

  it('replaces the listed number and says in the source what the list said and why', () => {
    const p = correctPrice(listed, { output: 0.6, evidence: 'ten times its siblings' });
    expect(p).toEqual({ input: 0.2, output: 0.6, source: `${SOURCE}; output 6 corrected to 0.6 by the curation: ten times its siblings`, asOf: '2026-07-24' });
  });

  it('is refused once it changes nothing, so a stale correction is removed', () => {
    expect(() => correctPrice(listed, { output: 6, evidence: 'x' })).toThrow(/changes nothing/);
    expect(() => correctPrice(listed, { output: -1, evidence: 'x' })).toThrow(/positive number/);
  });

  it("corrects Together's Qwen3 235B A22B Instruct 2507 to its siblings' 0.2/0.6, naming the evidence", () => {
    const m = defaultCatalogData().models.find((x) => x.id === 'qwen3-235b-a22b-instruct-2507');
    const together = m?.offers.find((o) => o.provider === 'together');
    expect(together?.price).toMatchObject({ input: 0.2, output: 0.6 });
    expect(together?.price.source).toMatch(/LiteLLM .*output 6 corrected to 0\.6 by the curation: .*Fireworks 0\.22\/0\.88/);
  });
});
