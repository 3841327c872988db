import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CatalogModel } from '../../src/catalog/catalog-types.js';
import type { ProviderFactsView } from '../../src/catalog/provider-facts-view.js';
import { runCatalog } from '../../src/cli/catalog-command.js';
import { EU_MEMBERS } from '../../src/routing/policies/eu-members.js';

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

  it('--origin EU lists the models of the member states, as policies and kill switches read EU', () => {
    expect(runCatalog({ origin: 'EU' })).toBe(0);
    const table = rows();
    expect(table.length).toBeGreaterThan(5);
    expect(table.map((r) => r[0])).toContain('mistral-large-3');
    expect(table.every((r) => EU_MEMBERS.has(r[2] ?? ''))).toBe(true);
    out = [];
    expect(runCatalog({ origin: 'eu', format: 'json' })).toBe(0);
    const models = JSON.parse(out.join('\n')) as CatalogModel[];
    expect(models.map((m) => m.id)).toEqual(table.map((r) => r[0]));
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

describe('switchyard catalog --providers', () => {
  /** Table rows by provider type, cells split on runs of two or more spaces. */
  const providerRows = () => Object.fromEntries(rows().map((r) => [r[0], r]));

  it("prints each provider type's jurisdiction, retention class and days, training, the rules it passes, date read and source", () => {
    expect(runCatalog({ providers: true })).toBe(0);
    const t = providerRows();
    expect(out.join('\n').split('\n')[0]).toMatch(/^TYPE\s+NAME\s+JURISDICTION\s+RETENTION\s+DAYS\s+TRAINS\s+PASSES\s+READ\s+SOURCE$/);
    expect(t.openai).toEqual(['openai', 'OpenAI', 'US', 'zero on request', '30', 'no', 'no_training', expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), 'https://developers.openai.com/api/docs/guides/your-data']);
    expect(t.fireworks?.slice(3, 7)).toEqual(['zero by default', '-', 'no', 'zero_retention no_training']);
    expect(t.openrouter?.slice(3, 7)).toEqual(['zero on request', '-', 'yes', '-']);
    expect(t.deepseek?.slice(2, 9)).toEqual(['CN', 'unknown', '-', 'unknown', '-', '-', '-']);
    // a vendor's Anthropic-compatible endpoint is the same account: the same facts as its OpenAI-compatible type
    expect(t['deepseek-anthropic']?.slice(2, 9)).toEqual(t.deepseek?.slice(2, 9));
    expect(t['minimax-anthropic']?.slice(2, 9)).toEqual(t.minimax?.slice(2, 9));
    expect(t.vllm?.slice(2, 7)).toEqual(['-', 'self-hosted', '-', 'no', 'zero_retention no_training']);
    expect(out.join('\n')).toContain('catalog.providers.<type>.zero_retention: true');
  });

  it('--format json gives every source and what policies act on; --provider narrows it to one type', () => {
    expect(runCatalog({ providers: true, provider: 'anthropic', format: 'json' })).toBe(0);
    const views = JSON.parse(out.join('\n')) as ProviderFactsView[];
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ type: 'anthropic', jurisdiction: 'US', selfHosted: false, declared: null, effective: { zeroRetention: false, trainsOnPrompts: false } });
    expect(views[0]!.published?.sources.length).toBeGreaterThanOrEqual(2);
  });

  it('--config applies the config\'s declarations and marks them as the operator\'s', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sy-catalog-'));
    const file = join(dir, 'switchyard.yaml');
    writeFileSync(
      file,
      ['catalog:', '  providers:', '    openai: { zero_retention: true, retention: "ZDR approved" }', '    gemini: { trains_on_prompts: false }', ''].join('\n'),
    );
    expect(runCatalog({ providers: true, config: file })).toBe(0);
    const t = providerRows();
    expect(t.openai?.slice(3, 7)).toEqual(['zero on request; agreement (declared)', '30', 'no', 'zero_retention no_training']);
    expect(t.gemini?.slice(3, 7)).toEqual(['zero on request', '55', 'yes; no (declared)', 'no_training']);
    expect(t.anthropic?.[6]).toBe('no_training');
    expect(out.join('\n')).toMatch(/Notes declared by the operator:\n  openai: ZDR approved/);
    out.length = 0;
    expect(runCatalog({ providers: true, provider: 'openai', format: 'json', config: file })).toBe(0);
    const [view] = JSON.parse(out.join('\n')) as ProviderFactsView[];
    expect(view).toMatchObject({ declared: { zeroRetention: true, note: 'ZDR approved' }, effective: { zeroRetention: true }, published: { retention: 'zero-on-request' } });
  });

  it('a config that cannot be read or is invalid is an error, and nothing is listed', () => {
    expect(runCatalog({ providers: true, config: join(tmpdir(), 'no-such-switchyard.yaml') })).toBe(1);
    expect(err.join('\n')).toMatch(/cannot read the file/);
    const dir = mkdtempSync(join(tmpdir(), 'sy-catalog-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'catalog:\n  providers:\n    openai: { zero_retention: maybe }\n');
    expect(runCatalog({ providers: true, config: file })).toBe(1);
    expect(err.join('\n')).toMatch(/catalog\.providers\.openai\.zero_retention/);
    expect(out).toEqual([]);
  });
});
