import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerRow } from '../../src/ledger/ledger-row.js';
import type { UsageFigures, UsageQueries } from '../../src/ledger/usage-queries.js';
import { DAY, HAND_LEDGER, NOW, SINCE_30D } from './hand-ledger.js';

export interface QueriesHandle {
  queries: UsageQueries;
  close(): void | Promise<void>;
}

/** A fresh store of the backend under test, holding exactly `rows` (written through its UsageWriter). */
export type MakeQueries = (rows: LedgerRow[]) => Promise<QueriesHandle>;

const RANGE = { since: SINCE_30D, until: NOW };

function sortBy<T>(rows: T[], key: (r: T) => string | null): T[] {
  return [...rows].sort((a, b) => String(key(a)).localeCompare(String(key(b))));
}

function figures(requests: number, inputTokens: number, outputTokens: number, costUsd: number, unknownCostRequests: number, unknownTokenRequests: number): UsageFigures {
  return { requests, inputTokens, outputTokens, costUsd, unknownCostRequests, unknownTokenRequests };
}

/** Costs are sums of floats: compare them to 9 places, everything else exactly. */
function expectRows<T extends { costUsd: number }>(actual: T[], expected: T[]): void {
  expect(actual.map((r) => ({ ...r, costUsd: Math.round(r.costUsd * 1e9) / 1e9 }))).toEqual(expected);
}

/**
 * The contract every ledger backend's UsageQueries meets, on the hand-made ledger of hand-ledger.ts.
 * Run it from the backend's own test file: `usageQueriesContract('sqlite', makeSqliteQueries)`.
 */
export function usageQueriesContract(name: string, makeQueries: MakeQueries): void {
  describe(`UsageQueries contract: ${name}`, () => {
    let handle: QueriesHandle;
    let q: UsageQueries;
    beforeAll(async () => {
      handle = await makeQueries(HAND_LEDGER);
      q = handle.queries;
    });
    afterAll(async () => {
      await handle?.close();
    });

    it('counts requests in a half-open range and spans them', async () => {
      expect((await q.count(RANGE))).toBe(7);
      expect((await q.count({ since: 0 }))).toBe(8);
      expect((await q.span(RANGE))).toEqual({ requests: 7, firstTs: Date.UTC(2025, 5, 2, 12), lastTs: Date.UTC(2025, 5, 21, 12) });
      // since is inclusive, until exclusive
      expect((await q.count({ since: Date.UTC(2025, 5, 2, 12), until: Date.UTC(2025, 5, 3, 12) }))).toBe(1);
      expect((await q.span({ since: NOW, until: NOW + DAY }))).toEqual({ requests: 0 });
    });

    it('sums known costs since a time per key, team, both, or all', async () => {
      expect((await q.spentSince({ keyId: 'k1' }, SINCE_30D))).toBeCloseTo(0.71, 9);
      expect((await q.spentSince({ keyId: 'k1' }, 0))).toBeCloseTo(100.71, 9);
      expect((await q.spentSince({ team: 'beta' }, SINCE_30D))).toBeCloseTo(1.025, 9);
      expect((await q.spentSince({ keyId: 'k2', team: 'beta' }, SINCE_30D))).toBeCloseTo(1.025, 9);
      expect((await q.spentSince({ keyId: 'k2', team: 'alpha' }, SINCE_30D))).toBe(0);
      expect((await q.spentSince({}, SINCE_30D))).toBeCloseTo(1.735, 9);
      expect((await q.spentSince({ keyId: 'k3' }, SINCE_30D))).toBe(0); // its only request has an unknown cost
      expect((await q.spentSince({ keyId: 'nobody' }, 0))).toBe(0);
    });

    it('groups spend by team, with unknown and estimated costs and unknown tokens counted', async () => {
      const rows = sortBy((await q.spend({ ...RANGE, by: 'team' })), (r) => r.group);
      expectRows(rows, [
        { group: 'alpha', ...figures(3, 1_400_000, 150_000, 0.71, 0, 1), cachedInputTokens: 200_000, estimatedCostRequests: 1 },
        { group: 'beta', ...figures(3, 2_100_000, 210_000, 1.025, 1, 1), cachedInputTokens: 1_000_000, estimatedCostRequests: 0 },
        { group: null, ...figures(1, 20_000, 5_000, 0, 1, 0), cachedInputTokens: 0, estimatedCostRequests: 0 },
      ]);
    });

    it('groups spend by UTC day, ascending', async () => {
      const rows = (await q.spend({ ...RANGE, by: 'day' }));
      expect(rows.map((r) => [r.group, r.requests])).toEqual([
        ['2025-06-02', 1],
        ['2025-06-03', 1],
        ['2025-06-10', 2],
        ['2025-06-11', 1],
        ['2025-06-20', 1],
        ['2025-06-21', 1],
      ]);
      expect(rows[2]?.costUsd).toBeCloseTo(0.21, 9);
      expect(rows[2]?.unknownTokenRequests).toBe(1);
      expect(rows[2]?.inputTokens).toBe(400_000);
    });

    it('groups spend by key, model and provider', async () => {
      const summary = async (by: 'key' | 'model' | 'provider') =>
        sortBy((await q.spend({ ...RANGE, by })), (r) => r.group).map((r) => [r.group, r.requests, Math.round(r.costUsd * 1e9) / 1e9]);
      expect(await summary('key')).toEqual([
        ['k1', 3, 0.71],
        ['k2', 3, 1.025],
        ['k3', 1, 0],
      ]);
      expect(await summary('model')).toEqual([
        ['deepseek-v3.1', 3, 1.31],
        ['gpt-5', 1, 0.225],
        ['llama-3.1-8b', 1, 0], // no catalog id: the served model's name
        [null, 1, 0], // the failed request
        ['qwen3-235b', 1, 0.2],
      ]);
      expect(await summary('provider')).toEqual([
        ['ds', 3, 1.31],
        ['local', 1, 0],
        [null, 1, 0],
        ['oa', 1, 0.225],
        ['tg', 1, 0.2],
      ]);
    });

    it('gives tokens per served model over comparable requests only', async () => {
      const rows = sortBy((await q.tokensByModel(RANGE)), (r) => r.provider);
      expect(rows.map((r) => r.provider)).toEqual(['ds', 'local', null, 'oa', 'tg']);
      expectRows([rows[0]!], [
        {
          provider: 'ds',
          providerType: 'deepseek',
          servedModel: 'deepseek-chat',
          catalogModel: 'deepseek-v3.1',
          requests: 3,
          unknownTokenRequests: 1,
          unknownCostRequests: 0,
          comparableRequests: 2,
          inputTokens: 3_000_000,
          cachedInputTokens: 1_200_000,
          cacheWriteTokens: 0,
          outputTokens: 300_000,
          reasoningTokens: 0,
          costUsd: 1.3, // r1 + r6; r4's estimated cost has no tokens to compare with
          estimatedCostRequests: 0,
        },
      ]);
      // tokens known, cost unknown: counted, not compared
      expect(rows[1]).toMatchObject({ requests: 1, unknownCostRequests: 1, unknownTokenRequests: 0, comparableRequests: 0, inputTokens: 0, costUsd: 0 });
      expect(rows[2]).toMatchObject({ requests: 1, unknownTokenRequests: 1, unknownCostRequests: 0, comparableRequests: 0 });
      expect(rows[0]).not.toHaveProperty('team');
    });

    it('splits tokens per model by team', async () => {
      const rows = (await q.tokensByModel({ ...RANGE, by: 'team' }));
      const ds = sortBy(
        rows.filter((r) => r.provider === 'ds'),
        (r) => r.team ?? null,
      );
      expect(ds.map((r) => [r.team, r.requests, r.comparableRequests, r.unknownTokenRequests, r.inputTokens, r.outputTokens])).toEqual([
        ['alpha', 2, 1, 1, 1_000_000, 100_000],
        ['beta', 1, 1, 0, 2_000_000, 200_000],
      ]);
      expect(rows.find((r) => r.provider === 'local')?.team).toBeNull();
      expect(rows.reduce((n, r) => n + r.requests, 0)).toBe(7);
    });

    it('gives usage per week, origin and developer, unknown origins named so', async () => {
      const rows = (await q.origins({ ...RANGE, bucket: 'week' }));
      const keyed = sortBy(rows, (r) => `${r.bucket} ${r.origin} ${r.developer}`).map((r) => [
        r.bucket,
        r.origin,
        r.developer,
        r.requests,
        r.inputTokens + r.outputTokens,
        Math.round(r.costUsd * 1e9) / 1e9,
        r.unknownTokenRequests,
        r.unknownCostRequests,
      ]);
      expect(keyed).toEqual([
        ['2025-06-02', 'CN', 'DeepSeek', 1, 1_100_000, 0.5, 0, 0],
        ['2025-06-02', 'US', 'OpenAI', 1, 110_000, 0.225, 0, 0],
        ['2025-06-09', 'CN', 'Alibaba', 1, 450_000, 0.2, 0, 0],
        ['2025-06-09', 'CN', 'DeepSeek', 1, 0, 0.01, 1, 0],
        ['2025-06-09', 'US', 'Meta', 1, 25_000, 0, 0, 1],
        ['2025-06-16', 'CN', 'DeepSeek', 1, 2_200_000, 0.8, 0, 0],
        ['2025-06-16', 'unknown', 'unknown', 1, 0, 0, 1, 1],
      ]);
      const buckets = rows.map((r) => r.bucket);
      expect(buckets).toEqual([...buckets].sort());
    });

    it('buckets origins by day and by month', async () => {
      const days = (await q.origins({ ...RANGE, bucket: 'day' }));
      expect(days.filter((r) => r.bucket === '2025-06-10').map((r) => r.developer).sort()).toEqual(['Alibaba', 'DeepSeek']);
      const months = (await q.origins({ since: 0, bucket: 'month' }));
      expect([...new Set(months.map((r) => r.bucket))]).toEqual(['2025-05-01', '2025-06-01']);
      const june = months.filter((r) => r.bucket === '2025-06-01' && r.origin === 'CN' && r.developer === 'DeepSeek');
      expect(june.map((r) => [r.requests, r.inputTokens + r.outputTokens])).toEqual([[3, 3_300_000]]);
    });

    it('gives usage per provider and jurisdiction', async () => {
      const rows = sortBy((await q.providers(RANGE)), (r) => r.provider);
      expectRows(rows, [
        { provider: 'ds', providerType: 'deepseek', jurisdiction: 'CN', ...figures(3, 3_000_000, 300_000, 1.31, 0, 1) },
        { provider: 'local', providerType: 'vllm', jurisdiction: null, ...figures(1, 20_000, 5_000, 0, 1, 0) },
        { provider: null, providerType: null, jurisdiction: null, ...figures(1, 0, 0, 0, 1, 1) },
        { provider: 'oa', providerType: 'openai', jurisdiction: 'US', ...figures(1, 100_000, 10_000, 0.225, 0, 0) },
        { provider: 'tg', providerType: 'together', jurisdiction: 'US', ...figures(1, 400_000, 50_000, 0.2, 0, 0) },
      ]);
    });

    it('answers an empty range with no rows', async () => {
      const empty = { since: NOW, until: NOW + DAY };
      expect((await q.spend({ ...empty, by: 'team' }))).toEqual([]);
      expect((await q.tokensByModel(empty))).toEqual([]);
      expect((await q.origins({ ...empty, bucket: 'week' }))).toEqual([]);
      expect((await q.providers(empty))).toEqual([]);
      expect((await q.count(empty))).toBe(0);
      expect((await q.spentSince({ keyId: 'k1' }, NOW))).toBe(0);
    });
  });

  describe(`UsageQueries contract: ${name}, partly known usage`, () => {
    it('sums a known input count beside an unknown output count, and never compares the request', async () => {
      const base = HAND_LEDGER[0]!;
      const h = await makeQueries([
        { ...base, id: 'p1', outputTokens: undefined, cost: 0.3, costEstimated: true },
        { ...base, id: 'p2', time: base.time + 1 },
      ]);
      try {
        const [spend] = (await h.queries.spend({ since: 0, by: 'provider' }));
        expect(spend).toMatchObject({ requests: 2, inputTokens: 2_000_000, outputTokens: 100_000, unknownTokenRequests: 1, estimatedCostRequests: 1 });
        const [tokens] = (await h.queries.tokensByModel({ since: 0 }));
        expect(tokens).toMatchObject({ requests: 2, comparableRequests: 1, unknownTokenRequests: 1, inputTokens: 1_000_000, outputTokens: 100_000 });
        expect(tokens?.costUsd).toBeCloseTo(0.5, 9);
      } finally {
        await h.close();
      }
    });
  });

  describe(`UsageQueries contract: ${name}, routing and shares`, () => {
    it('sums cost-quality routes per route, shadow spend apart, and served shares without failures or shadows', async () => {
      const base = { ...HAND_LEDGER[0]!, keyId: undefined, team: undefined };
      const t = base.time;
      const h = await makeQueries([
        { ...base, id: 'r1', time: t, requestedModel: 'auto', routerRoute: 'smart', routerTier: 'weak', routerScore: 0.9, cost: 0.1, strongCostUsd: 1 },
        { ...base, id: 'r2', time: t + 1, requestedModel: 'smart', routerRoute: 'smart', routerTier: 'strong', routerScore: 0.2, cost: 0.5, strongCostUsd: 0.5 },
        { ...base, id: 'r3', time: t + 2, requestedModel: 'auto', routerRoute: 'smart', routerTier: 'weak', cost: 0.1, status: 502, errorCode: 'upstream_error' },
        { ...base, id: 'r4', time: t + 3, requestedModel: 'auto', routerRoute: 'smart', purpose: 'shadow', cost: 0.25 },
        { ...base, id: 'r5', time: t + 4, requestedModel: 'auto', routerRoute: 'smart', purpose: 'judge', cost: 0.05 },
      ]);
      try {
        const [route] = await h.queries.router({ since: 0 });
        expect(route).toMatchObject({ route: 'smart', requests: 2, weakRequests: 1, comparableRequests: 2, shadowSamples: 0 });
        expect(route!.paidUsd).toBeCloseTo(0.6, 9);
        expect(route!.strongUsd).toBeCloseTo(1.5, 9);
        expect(route!.shadowSpendUsd).toBeCloseTo(0.3, 9);
        expect(await h.queries.spentSince({ shadowRoute: 'smart' }, 0)).toBeCloseTo(0.3, 9);
        const shares = await h.queries.servedShares({ since: 0 });
        expect(shares).toHaveLength(1);
        expect(shares[0]).toMatchObject({ provider: base.provider ?? null, requests: 2 });
        expect(shares[0]!.costUsd).toBeCloseTo(0.6, 9);
      } finally {
        await h.close();
      }
    });

    it("counts a request for the cheap tier only when the cheap tier answered it, not when the strong tier's fallback did", async () => {
      const base = { ...HAND_LEDGER[0]!, keyId: undefined, team: undefined };
      const t = base.time;
      const h = await makeQueries([
        { ...base, id: 'w1', time: t, requestedModel: 'auto', routerRoute: 'smart', routerTier: 'weak', routerServedTier: 'weak', cost: 0.1, strongCostUsd: 1 },
        // chosen weak, the cheap tier failed, the strong tier served it
        { ...base, id: 'w2', time: t + 1, requestedModel: 'auto', routerRoute: 'smart', routerTier: 'weak', routerServedTier: 'strong', cost: 1, strongCostUsd: 1 },
        { ...base, id: 'w3', time: t + 2, requestedModel: 'auto', routerRoute: 'smart', routerTier: 'strong', routerServedTier: 'strong', cost: 1, strongCostUsd: 1 },
      ]);
      try {
        const [route] = await h.queries.router({ since: 0 });
        expect(route).toMatchObject({ route: 'smart', requests: 3, weakRequests: 1 });
      } finally {
        await h.close();
      }
    });

    it('never counts a request refused before any provider call as of unknown cost or tokens: it cost nothing', async () => {
      const t = HAND_LEDGER[0]!.time;
      const refused = (id: string, status: number, errorCode: string) => ({
        id, time: t, keyId: 'k1', team: 'alpha', requestedModel: 'gpt-x', status, errorCode, latencyMs: 1,
        usageEstimated: false, costEstimated: false, stream: false, partial: false,
      });
      const h = await makeQueries([
        refused('x1', 401, 'invalid_api_key'),
        refused('x2', 403, 'policy_denied'),
        refused('x3', 429, 'budget_exceeded'),
        // reached a provider that failed: that call's cost is not known
        { ...refused('x4', 502, 'upstream_error'), attempts: [{ provider: 'oa', model: 'gpt-x', code: 'upstream_error' as const, message: 'upstream answered 500' }] },
      ]);
      try {
        const [spend] = await h.queries.spend({ since: 0, by: 'team' });
        expect(spend).toMatchObject({ requests: 4, unknownCostRequests: 1, unknownTokenRequests: 1 });
        const models = await h.queries.tokensByModel({ since: 0, by: 'team' });
        expect(models.reduce((n, r) => n + r.unknownTokenRequests + r.unknownCostRequests, 0)).toBe(1);
      } finally {
        await h.close();
      }
    });
  });
}
