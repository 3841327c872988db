import type { OriginRow, TimeBucket, UsageQueries } from '../ledger/usage-queries.js';
import { describeGaps, share } from './report-figures.js';
import { reportRange } from './report-range.js';
import type { OriginsReport, OriginsSlice, ReportOptions, ShareRow } from './report-types.js';
import { ReportOptionError } from './report-option-error.js';

const BUCKETS: readonly TimeBucket[] = ['day', 'week', 'month'];

/**
 * Shares of tokens and of spend by model origin country and by developer, per day, week or month and
 * overall: how much of the traffic goes to open Chinese models, and how that moves.
 */
export async function buildOriginsReport(options: ReportOptions, queries: UsageQueries, now: number): Promise<OriginsReport> {
  const by = (options.by ?? 'week') as TimeBucket;
  if (!BUCKETS.includes(by)) throw new ReportOptionError('by', options.by, `origins are bucketed by ${BUCKETS.join(', ')}`);
  const { range, label } = reportRange(options, now);
  const rows = await queries.origins({ ...range, bucket: by });
  const perBucket = new Map<string, OriginRow[]>();
  for (const r of rows) perBucket.set(r.bucket, [...(perBucket.get(r.bucket) ?? []), r]);
  const overall = slice(rows);
  return {
    report: 'origins',
    by,
    range: label,
    requests: overall.requests,
    notes: describeGaps({
      unknownCostRequests: sum(rows, (r) => r.unknownCostRequests),
      unknownTokenRequests: sum(rows, (r) => r.unknownTokenRequests),
    }),
    overall,
    buckets: [...perBucket]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([start, bucketRows]) => ({ start, ...slice(bucketRows) })),
  };
}

function slice(rows: OriginRow[]): OriginsSlice {
  const tokens = sum(rows, (r) => r.inputTokens + r.outputTokens);
  const costUsd = sum(rows, (r) => r.costUsd);
  return {
    requests: sum(rows, (r) => r.requests),
    tokens,
    costUsd,
    byOrigin: shares(rows, (r) => r.origin, tokens, costUsd),
    byDeveloper: shares(rows, (r) => r.developer, tokens, costUsd),
  };
}

function shares(rows: OriginRow[], nameOf: (r: OriginRow) => string, tokens: number, costUsd: number): ShareRow[] {
  const byName = new Map<string, ShareRow>();
  for (const r of rows) {
    const name = nameOf(r);
    const row = byName.get(name) ?? {
      name,
      requests: 0,
      tokens: 0,
      tokenShare: null,
      costUsd: 0,
      spendShare: null,
      unknownTokenRequests: 0,
      unknownCostRequests: 0,
    };
    row.requests += r.requests;
    row.tokens += r.inputTokens + r.outputTokens;
    row.costUsd += r.costUsd;
    row.unknownTokenRequests += r.unknownTokenRequests;
    row.unknownCostRequests += r.unknownCostRequests;
    byName.set(name, row);
  }
  return [...byName.values()]
    .map((r) => ({ ...r, tokenShare: share(r.tokens, tokens), spendShare: share(r.costUsd, costUsd) }))
    .sort((a, b) => b.tokens - a.tokens || b.costUsd - a.costUsd || b.requests - a.requests || (a.name < b.name ? -1 : 1));
}

function sum<T>(rows: readonly T[], value: (r: T) => number): number {
  let total = 0;
  for (const r of rows) total += value(r);
  return total;
}
