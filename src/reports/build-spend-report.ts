import type { SpendGrouping, SpendRow, UsageQueries } from '../ledger/usage-queries.js';
import { compareText, describeGaps } from './report-figures.js';
import { reportRange } from './report-range.js';
import type { KeyDirectory, ReportOptions, SpendFigures, SpendReport } from './report-types.js';
import { ReportOptionError } from './report-option-error.js';

const GROUPINGS: readonly SpendGrouping[] = ['day', 'key', 'team', 'model', 'provider'];

/**
 * Spend grouped by day (ascending) or by key, team, model or provider (dearest first); by key, with each key's
 * name and team when the key store is given.
 */
export async function buildSpendReport(options: ReportOptions, queries: UsageQueries, now: number, keys?: KeyDirectory): Promise<SpendReport> {
  const by = (options.by ?? 'day') as SpendGrouping;
  if (!GROUPINGS.includes(by)) throw new ReportOptionError('by', options.by, `spend is grouped by ${GROUPINGS.join(', ')}`);
  const { range, label } = reportRange(options, now);
  let rows: SpendReport['rows'] = (await queries.spend({ ...range, by })).map(toFigures);
  if (by === 'key' && keys) {
    const known = new Map((await keys.list()).map((k) => [k.id, k]));
    rows = rows.map((r) => {
      const k = r.group === null ? undefined : known.get(r.group);
      return { ...r, keyName: k?.name ?? null, keyTeam: k?.team ?? null };
    });
  }
  if (by === 'day') rows.sort((a, b) => compareText(a.group, b.group));
  else rows.sort((a, b) => b.costUsd - a.costUsd || b.requests - a.requests || compareText(a.group, b.group));
  const total = sumFigures(rows);
  return { report: 'spend', by, range: label, requests: total.requests, notes: describeGaps(total), total, rows };
}

function toFigures(r: SpendRow): SpendFigures & { group: string | null } {
  return {
    group: r.group,
    requests: r.requests,
    inputTokens: r.inputTokens,
    cachedInputTokens: r.cachedInputTokens,
    outputTokens: r.outputTokens,
    costUsd: r.costUsd,
    unknownCostRequests: r.unknownCostRequests,
    estimatedCostRequests: r.estimatedCostRequests,
    unknownTokenRequests: r.unknownTokenRequests,
  };
}

function sumFigures(rows: SpendFigures[]): SpendFigures {
  const total: SpendFigures = {
    requests: 0,
    inputTokens: 0,
    cachedInputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    unknownCostRequests: 0,
    estimatedCostRequests: 0,
    unknownTokenRequests: 0,
  };
  for (const r of rows) for (const k of Object.keys(total) as Array<keyof SpendFigures>) total[k] += r[k];
  return total;
}
