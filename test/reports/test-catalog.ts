import type { CatalogData, CatalogModel, CatalogProvider, Offer, Price } from '../../src/catalog/catalog-types.js';
import { Catalog } from '../../src/catalog/load-catalog.js';

const caps = { tools: true, vision: false, jsonOutput: true, reasoning: false };
const price = (input: number, cachedInput: number | undefined, output: number): Price => ({
  input,
  ...(cachedInput !== undefined && { cachedInput }),
  output,
  source: 'test',
  asOf: '2025-06-01',
});

function model(id: string, developer: string, origin: string, offers: Offer[], aliases: string[] = []): CatalogModel {
  return { id, name: id, developer, origin, openWeights: origin === 'CN', license: 'test', contextLength: 128_000, capabilities: caps, aliases, offers };
}

/** A small catalog for the report tests: gpt-5 is the baseline ($1.25 in, $0.125 cached, $10 out per M). */
export const TEST_CATALOG_DATA: CatalogData = {
  asOf: '2025-06-01',
  models: [
    model('gpt-5', 'OpenAI', 'US', [{ provider: 'openai', upstreamModel: 'gpt-5', price: price(1.25, 0.125, 10) }]),
    // listed with the third-party host first: a model-id baseline must still pick the developer's own API
    model('deepseek-v3.1', 'DeepSeek', 'CN', [
      { provider: 'together', upstreamModel: 'deepseek-ai/DeepSeek-V3.1', price: price(0.6, undefined, 1.7) },
      { provider: 'deepseek', upstreamModel: 'deepseek-chat', price: price(0.56, 0.07, 1.68) },
    ]),
    model('qwen3-235b', 'Alibaba', 'CN', [
      { provider: 'together', upstreamModel: 'Qwen/Qwen3-235B-A22B', price: price(0.2, undefined, 0.6) },
      { provider: 'fireworks', upstreamModel: 'accounts/fireworks/models/qwen3-235b-a22b', price: price(0.22, undefined, 0.88) },
    ], ['Qwen/Qwen3-235B-A22B']),
    model('llama-3.1-8b', 'Meta', 'US', []),
  ],
  providers: [
    provider('openai', 'US', ['OpenAI']),
    provider('deepseek', 'CN', ['DeepSeek']),
    provider('together', 'US', []),
    provider('fireworks', 'US', []),
    { ...provider('vllm', '', []), selfHosted: true },
  ],
};

function provider(id: string, jurisdiction: string, firstPartyFor: string[]): CatalogProvider {
  return { id, name: id, jurisdiction, firstPartyFor, selfHosted: false };
}

/** The test data in the real Catalog class, as the CLI and the admin API use it. */
export function testCatalog(): Catalog {
  return new Catalog(TEST_CATALOG_DATA);
}
