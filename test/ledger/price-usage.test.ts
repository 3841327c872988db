import { describe, expect, it } from 'vitest';
import { priceUsage } from '../../src/ledger/price-usage.js';

const price = { input: 2, cachedInput: 0.5, cacheWrite: 2.5, output: 8, source: 'test', asOf: '2026-01-01' };
const noEstimate = () => ({ input: 0, output: 0 });

describe('priceUsage', () => {
  it('prices each kind of token at its own rate', () => {
    // 1000 input of which 600 cached and 100 written to cache; 500 output
    const p = priceUsage({ inputTokens: 1000, cachedInputTokens: 600, cacheWriteTokens: 100, outputTokens: 500 }, price, noEstimate);
    expect(p.cost).toBeCloseTo((300 * 2 + 600 * 0.5 + 100 * 2.5 + 500 * 8) / 1e6, 15);
    expect(p.costEstimated).toBe(false);
  });

  it('prices reasoning apart only where the provider does', () => {
    const usage = { inputTokens: 10, outputTokens: 100, reasoningTokens: 60 };
    expect(priceUsage(usage, price, noEstimate).cost).toBeCloseTo((10 * 2 + 100 * 8) / 1e6, 15);
    expect(priceUsage(usage, { ...price, reasoning: 20 }, noEstimate).cost).toBeCloseTo((10 * 2 + 40 * 8 + 60 * 20) / 1e6, 15);
  });

  it('no price, no cost: unknown, never 0', () => {
    expect(priceUsage({ inputTokens: 10, outputTokens: 10 }, undefined, noEstimate)).toEqual({ costEstimated: false });
  });

  it('estimates counts the provider did not report, and says so', () => {
    const p = priceUsage(undefined, price, () => ({ input: 100, output: 50 }));
    expect(p.cost).toBeCloseTo((100 * 2 + 50 * 8) / 1e6, 15);
    expect(p.costEstimated).toBe(true);
  });
});
