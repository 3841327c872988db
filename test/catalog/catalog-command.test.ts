import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CatalogModel } from '../../src/catalog/catalog-types.js';
import { runCatalog } from '../../src/cli/catalog-command.js';

let out: string[];
let err: string[];

beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

/** The table's model rows: every line between the header and the blank line before the summary. */
function rows(): string[][] {
  const lines = out.join('\n').split('\n');
  const end = lines.indexOf('');
  return lines.slice(1, end).map((l) => l.split(/\s{2,}/));
}

describe('switchyard catalog', () => {
  it('prints one row per model with developer, origin, weights, licence, context, capabilities and prices', () => {
    expect(runCatalog({})).toBe(0);
    const table = rows();
    expect(table.length).toBeGreaterThanOrEqual(80);
    const v32 = table.find((r) => r[0] === 'deepseek-v3.2');
    expect(v32?.slice(0, 7)).toEqual(['deepseek-v3.2', 'DeepSeek', 'CN', 'open', 'MIT', '160K', 'T-JR']);
    expect(v32?.[7]).toContain('deepseek:0.28/0.42');
    expect(out.join('\n')).toMatch(/model\(s\); catalog as of \d{4}-\d{2}-\d{2}/);
  });

  it('--origin CN lists only Chinese models', () => {
    expect(runCatalog({ origin: 'CN' })).toBe(0);
    const table = rows();
    expect(table.length).toBeGreaterThan(20);
    expect(table.every((r) => r[2] === 'CN')).toBe(true);
  });

  it('--open lists only open-weight models', () => {
    runCatalog({ open: true });
    const table = rows();
    expect(table.every((r) => r[3] === 'open')).toBe(true);
    expect(table.some((r) => r[0] === 'gpt-5')).toBe(false);
  });

  it('--provider lists that provider only, with its upstream names', () => {
    runCatalog({ provider: 'groq', origin: 'US' });
    const table = rows();
    expect(table.map((r) => r[0])).toContain('gpt-oss-120b');
    expect(table.every((r) => r[7]?.startsWith('groq:'))).toBe(true);
    expect(out.join('\n')).toContain('(llama-3.3-70b-versatile)');
  });

  it('an unknown provider is an error that names the known ones', () => {
    expect(runCatalog({ provider: 'nope' })).toBe(1);
    expect(err.join('\n')).toMatch(/unknown provider type "nope"; known: .*deepseek/);
  });

  it('an unknown format is an error', () => {
    expect(runCatalog({ format: 'csv' as 'json' })).toBe(1);
    expect(err.join('\n')).toMatch(/unknown format "csv"/);
  });

  it('--format json prints the models', () => {
    expect(runCatalog({ origin: 'FR', format: 'json' })).toBe(0);
    const models = JSON.parse(out.join('\n')) as CatalogModel[];
    expect(models.length).toBeGreaterThan(5);
    expect(models.every((m) => m.developer === 'Mistral AI' && m.offers.length > 0)).toBe(true);
  });

  it('says so when nothing matches', () => {
    expect(runCatalog({ origin: 'ZZ' })).toBe(0);
    expect(out).toEqual(['no models match']);
  });
});
