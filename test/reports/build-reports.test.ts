import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UsageQueries } from '../../src/ledger/usage-queries.js';
import { loadDefaultCatalog } from '../../src/catalog/load-catalog.js';
import { buildReport } from '../../src/reports/build-report.js';
import { ReportOptionError } from '../../src/reports/report-option-error.js';
import type { OriginsReport, ProvidersReport, SavingsReport, SpendReport } from '../../src/reports/report-types.js';
import { HAND_LEDGER, NOW } from './hand-ledger.js';
import { makeLedgerDir, makeSqliteLedger } from './make-sqlite-ledger.js';
import { testCatalog } from './test-catalog.js';
import type { QueriesHandle } from './usage-queries.contract.js';

/** Every figure below is worked out by hand from the table in hand-ledger.ts. */
const dir = makeLedgerDir();
const catalog = testCatalog();
let handle: QueriesHandle;
let queries: UsageQueries;
beforeAll(async () => {
  handle = await makeSqliteLedger(HAND_LEDGER, join(dir, 'hand.db'));
  queries = handle.queries;
});
afterAll(async () => {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

const spend = async (by?: string) => (await buildReport('spend', by ? { by } : {}, queries, undefined, NOW)) as SpendReport;
/** A savings report with a baseline: its comparison is there. */
type Compared = SavingsReport & { baseline: NonNullable<SavingsReport['baseline']>; total: NonNullable<SavingsReport['total']> };
const savings = async (baseline: string, extra = {}) => (await buildReport('savings', { baseline, ...extra }, queries, catalog, NOW)) as Compared;
const origins = async (by?: string) => (await buildReport('origins', by ? { by } : {}, queries, undefined, NOW)) as OriginsReport;

async function optionError(run: () => Promise<unknown>): Promise<ReportOptionError> {
  try {
    await run();
  } catch (err) {
    if (err instanceof ReportOptionError) return err;
    throw err;
  }
  throw new Error('expected a ReportOptionError');
}

describe('spend report', () => {
  it('covers the last 30 days by day by default', async () => {
    const r = (await spend());
    expect(r.by).toBe('day');
    expect(r.range).toEqual({ since: '2025-05-31T12:00:00.000Z', until: '2025-06-30T12:00:00.000Z' });
    expect(r.requests).toBe(7); // r7 lies before the range
    expect(r.rows.map((x) => x.group)).toEqual(['2025-06-02', '2025-06-03', '2025-06-10', '2025-06-11', '2025-06-20', '2025-06-21']);
  });

  it('groups by team, dearest first, with a total and what it leaves out', async () => {
    const r = (await spend('team'));
    expect(r.rows.map((x) => [x.group, x.requests, x.inputTokens, x.cachedInputTokens, x.outputTokens])).toEqual([
      ['beta', 3, 2_100_000, 1_000_000, 210_000],
      ['alpha', 3, 1_400_000, 200_000, 150_000],
      [null, 1, 20_000, 0, 5_000],
    ]);
    expect(r.rows.map((x) => x.costUsd)).toEqual([expect.closeTo(1.025, 9), expect.closeTo(0.71, 9), 0]);
    expect(r.total).toMatchObject({ requests: 7, inputTokens: 3_520_000, outputTokens: 365_000, unknownCostRequests: 2, estimatedCostRequests: 1, unknownTokenRequests: 2 });
    expect(r.total.costUsd).toBeCloseTo(1.735, 9);
    expect(r.notes).toEqual([
      '2 requests had an unknown cost (no price known) and are not in the cost figures.',
      '1 cost was estimated from a token count of the text (the provider reported no usage).',
      '2 requests had unknown token counts: only known counts are in the token figures.',
    ]);
  });

  it('groups by key, model and provider', async () => {
    expect((await spend('key')).rows.map((x) => x.group)).toEqual(['k2', 'k1', 'k3']);
    expect((await spend('model')).rows.map((x) => [x.group, x.requests])).toEqual([
      ['deepseek-v3.1', 3],
      ['gpt-5', 1],
      ['qwen3-235b', 1],
      ['llama-3.1-8b', 1],
      [null, 1], // the failed request: no model served
    ]);
    expect((await spend('provider')).rows.map((x) => x.group)).toEqual(['ds', 'oa', 'tg', 'local', null]);
  });

  it('takes --since as hours or an ISO date, and rejects the rest', async () => {
    expect((await buildReport('spend', { since: '24h' }, queries, undefined, NOW)).requests).toBe(0);
    expect((await buildReport('spend', { since: '2025-06-20' }, queries, undefined, NOW)).requests).toBe(2);
    expect((await buildReport('spend', { since: '2025-06-10', until: '2025-06-11' }, queries, undefined, NOW)).requests).toBe(2);
    expect((await buildReport('spend', { since: '90d' }, queries, undefined, NOW)).requests).toBe(8);
    expect((await optionError(async () => (await spend('week')))).option).toBe('by');
    expect((await optionError(async () => (await buildReport('spend', { since: 'last week' }, queries, undefined, NOW)))).message).toMatch(/30d or 12h/);
    expect((await optionError(async () => (await buildReport('spend', { since: '2025-07-01' }, queries, undefined, NOW)))).message).toMatch(/must be before/);
    expect((await optionError(async () => (await buildReport('profit', {}, queries, undefined, NOW)))).option).toBe('report');
  });
});

describe('savings report', () => {
  it('re-prices the comparable requests at the baseline, per team and in total', async () => {
    const r = (await savings('openai/gpt-5'));
    expect(r.baseline).toMatchObject({ ref: 'openai/gpt-5', provider: 'openai', upstreamModel: 'gpt-5', catalogModel: 'gpt-5' });
    expect(r.requests).toBe(7);
    // r1: 800k×1.25 + 200k×0.125 + 100k×10 = $2.025; r2: $0.225; r3: 400k×1.25 + 50k×10 = $1.00;
    // r6: 1M×1.25 + 1M×0.125 + 200k×10 = $3.375. r4 (tokens unknown), r5 (cost unknown), r8 (both) are left out.
    expect(r.total).toMatchObject({ requests: 4, unknownTokenRequests: 2, unknownCostRequests: 1, estimatedCostRequests: 0 });
    expect(r.total.paidUsd).toBeCloseTo(1.725, 9);
    expect(r.total.baselineUsd).toBeCloseTo(6.625, 9);
    expect(r.total.savingUsd).toBeCloseTo(4.9, 9);
    expect(r.total.savingPct).toBeCloseTo((4.9 / 6.625) * 100, 9);
    const teams = r.teams.map((t) => [t.team, t.requests, t.paidUsd, t.baselineUsd, t.savingUsd, t.unknownTokenRequests, t.unknownCostRequests]);
    expect(teams).toEqual([
      ['beta', 2, expect.closeTo(1.025, 9), expect.closeTo(3.6, 9), expect.closeTo(2.575, 9), 1, 0],
      ['alpha', 2, expect.closeTo(0.7, 9), expect.closeTo(3.025, 9), expect.closeTo(2.325, 9), 1, 0],
      [null, 0, 0, 0, 0, 0, 1],
    ]);
    expect(r.teams[1]?.savingPct).toBeCloseTo((2.325 / 3.025) * 100, 9);
    expect(r.teams[2]?.savingPct).toBeNull();
  });

  it('breaks the comparison down per served model', async () => {
    const r = (await savings('openai/gpt-5'));
    expect(r.models.map((m) => [m.provider, m.model, m.requests, m.paidUsd, m.baselineUsd])).toEqual([
      ['ds', 'deepseek-chat', 2, expect.closeTo(1.3, 9), expect.closeTo(5.4, 9)],
      ['oa', 'gpt-5', 1, expect.closeTo(0.225, 9), expect.closeTo(0.225, 9)],
      ['tg', 'Qwen/Qwen3-235B-A22B', 1, expect.closeTo(0.2, 9), expect.closeTo(1.0, 9)],
      ['local', 'llama-3.1-8b', 0, 0, 0],
      [null, null, 0, 0, 0],
    ]);
  });

  it('projects a year from the days the data covers', async () => {
    const r = (await savings('openai/gpt-5'));
    // first request in range 2025-06-02T12:00Z, now 2025-06-30T12:00Z
    expect(r.daysCovered).toBe(28);
    expect(r.projectedYearlySavingUsd).toBeCloseTo((4.9 / 28) * 365, 9);
    expect(r.notes).toContain('The data covers 28.00 days; the yearly projection is the saving / 28.00 × 365.');
    expect(r.notes).toContain('2 requests had unknown token counts and cannot be re-priced: left out of both sides.');
    expect(r.notes).toContain('1 request had token counts but no known cost (no price): left out of both sides.');
  });

  it('makes no projection from less than a day of data', async () => {
    const r = (await savings('openai/gpt-5', { since: '2025-06-02', until: '2025-06-02T18:00:00Z' }));
    expect(r.requests).toBe(1);
    expect(r.daysCovered).toBe(0.25);
    expect(r.projectedYearlySavingUsd).toBeNull();
    expect(r.total.savingUsd).toBeCloseTo(1.525, 9);
  });

  it('takes a catalog model id (priced at the developer’s own API) or a provider/model with slashes', async () => {
    const byId = (await savings('deepseek-v3.1'));
    expect(byId.baseline).toMatchObject({ provider: 'deepseek', upstreamModel: 'deepseek-chat', catalogModel: 'deepseek-v3.1' });
    // r1 0.63 + r2 0.0728 + r3 0.308 + r6 0.966
    expect(byId.total.baselineUsd).toBeCloseTo(1.9768, 9);
    const hosted = (await savings('together/deepseek-ai/DeepSeek-V3.1'));
    expect(hosted.baseline).toMatchObject({ provider: 'together', upstreamModel: 'deepseek-ai/DeepSeek-V3.1' });
    // no cached price: cached tokens at the input rate. 3.5M in × 0.6 + 0.36M out × 1.7
    expect(hosted.total.baselineUsd).toBeCloseTo(3.5 * 0.6 + 0.36 * 1.7, 9);
    const firstOffer = (await savings('qwen3-235b'));
    expect(firstOffer.baseline.provider).toBe('together');
    expect(firstOffer.notes[0]).toMatch(/first of its 2 offers/);
  });

  it('says what is missing when it cannot compare', async () => {
    // without a baseline the per-request comparison is left out, saying so, and the rest of the report stands
    const bare = (await buildReport('savings', {}, queries, catalog, NOW)) as SavingsReport;
    expect(bare.baseline).toBeNull();
    expect(bare.total).toBeNull();
    expect(bare.teams).toEqual([]);
    expect(bare.notes[0]).toMatch(/No baseline/);
    expect((await optionError(async () => (await buildReport('savings', { baseline: 'openai/gpt-5' }, queries, undefined, NOW)))).message).toMatch(/catalog/);
    expect((await optionError(async () => (await savings('openai/gpt-9')))).message).toMatch(/not in the catalog/);
    expect((await optionError(async () => (await savings('llama-3.1-8b')))).message).toMatch(/no price/);
    // a self-hosted server has no price in the catalog: another provider's price is never borrowed
    expect((await optionError(async () => (await savings('together/qwen3-235b-a22b-unknown')))).message).toMatch(/not in the catalog/);
    expect((await optionError(async () => (await savings('vllm/Qwen/Qwen3-235B-A22B')))).message).toMatch(/knows the model \(qwen3-235b\) but not its price at vllm/);
    expect((await optionError(async () => (await savings('openai/gpt-5', { by: 'key' })))).option).toBe('by');
  });
});

describe('savings against the committed catalog', () => {
  it('prices openai/gpt-5 and the model id gpt-5 alike, from the catalog', async () => {
    const real = loadDefaultCatalog();
    const byOffer = (await buildReport('savings', { baseline: 'openai/gpt-5' }, queries, real, NOW)) as Compared;
    const byId = (await buildReport('savings', { baseline: 'gpt-5' }, queries, real, NOW)) as Compared;
    expect(byOffer.baseline).toMatchObject({ provider: 'openai', upstreamModel: 'gpt-5', catalogModel: 'gpt-5' });
    expect(byId.baseline.price).toEqual(byOffer.baseline.price);
    const p = byOffer.baseline.price;
    // the compared requests' tokens: 3.5M input of which 1.2M cached, 0.36M output
    const expected = (2_300_000 * p.input + 1_200_000 * (p.cachedInput ?? p.input) + 360_000 * p.output) / 1e6;
    expect(byOffer.total.baselineUsd).toBeCloseTo(expected, 9);
    expect(byId.total.baselineUsd).toBeCloseTo(expected, 9);
  });
});

describe('origins report', () => {
  it('gives overall shares of tokens and spend by origin and by developer', async () => {
    const r = (await origins());
    expect(r.by).toBe('week');
    expect(r.requests).toBe(7);
    expect(r.overall.tokens).toBe(3_885_000);
    expect(r.overall.costUsd).toBeCloseTo(1.735, 9);
    expect(r.overall.byOrigin.map((o) => [o.name, o.requests, o.tokens])).toEqual([
      ['CN', 4, 3_750_000],
      ['US', 2, 135_000],
      ['unknown', 1, 0],
    ]);
    const cn = r.overall.byOrigin[0]!;
    expect(cn.tokenShare).toBeCloseTo(3_750_000 / 3_885_000, 12);
    expect(cn.spendShare).toBeCloseTo(1.51 / 1.735, 12);
    expect(r.overall.byOrigin[2]).toMatchObject({ tokenShare: 0, spendShare: 0, unknownTokenRequests: 1, unknownCostRequests: 1 });
    expect(r.overall.byDeveloper.map((d) => [d.name, d.tokens])).toEqual([
      ['DeepSeek', 3_300_000],
      ['Alibaba', 450_000],
      ['OpenAI', 110_000],
      ['Meta', 25_000],
      ['unknown', 0],
    ]);
  });

  it('gives the shares per week', async () => {
    const r = (await origins('week'));
    expect(r.buckets.map((b) => [b.start, b.requests, b.tokens])).toEqual([
      ['2025-06-02', 2, 1_210_000],
      ['2025-06-09', 3, 475_000],
      ['2025-06-16', 2, 2_200_000],
    ]);
    const cnShare = r.buckets.map((b) => b.byOrigin.find((o) => o.name === 'CN'));
    expect(cnShare.map((o) => o?.tokenShare)).toEqual([expect.closeTo(1_100_000 / 1_210_000, 12), expect.closeTo(450_000 / 475_000, 12), 1]);
    expect(cnShare.map((o) => o?.spendShare)).toEqual([expect.closeTo(0.5 / 0.725, 12), 1, 1]);
    // week of 06-09: Meta's request has tokens but no known cost; DeepSeek's has a cost but no tokens
    const week2 = r.buckets[1]!;
    expect(week2.byDeveloper.map((d) => [d.name, d.tokens, d.costUsd])).toEqual([
      ['Alibaba', 450_000, expect.closeTo(0.2, 12)],
      ['Meta', 25_000, 0],
      ['DeepSeek', 0, expect.closeTo(0.01, 12)],
    ]);
  });

  it('buckets by day and month, and rejects other buckets', async () => {
    expect((await origins('day')).buckets.map((b) => b.start)).toEqual(['2025-06-02', '2025-06-03', '2025-06-10', '2025-06-11', '2025-06-20', '2025-06-21']);
    expect((await origins('month')).buckets.map((b) => [b.start, b.requests])).toEqual([['2025-06-01', 7]]);
    expect((await optionError(async () => (await origins('year')))).option).toBe('by');
  });
});

describe('providers report', () => {
  it('gives each provider its jurisdiction and its share of requests, tokens and spend', async () => {
    const r = (await buildReport('providers', {}, queries, catalog, NOW)) as ProvidersReport;
    expect(r.requests).toBe(7);
    expect(r.tokens).toBe(3_885_000);
    expect(r.rows.map((p) => [p.provider, p.jurisdiction, p.requests, p.tokens])).toEqual([
      ['ds', 'CN', 3, 3_300_000],
      ['tg', 'US', 1, 450_000],
      ['oa', 'US', 1, 110_000],
      ['local', null, 1, 25_000],
      [null, null, 1, 0],
    ]);
    const ds = r.rows[0]!;
    expect(ds.requestShare).toBeCloseTo(3 / 7, 12);
    expect(ds.tokenShare).toBeCloseTo(3_300_000 / 3_885_000, 12);
    expect(ds.spendShare).toBeCloseTo(1.31 / 1.735, 12);
    expect(r.rows[3]).toMatchObject({ selfHosted: true, unknownCostRequests: 1, spendShare: 0 });
    expect(r.rows[4]).not.toHaveProperty('selfHosted');
    expect(r.notes).toHaveLength(2);
  });

  it('has no shares to give for an empty range', async () => {
    const r = (await buildReport('providers', { since: '1h' }, queries, undefined, NOW)) as ProvidersReport;
    expect(r).toMatchObject({ requests: 0, tokens: 0, costUsd: 0, rows: [], notes: [] });
  });
});
