import type { UsageQueries } from '../ledger/usage-queries.js';
import { compareText, describeGaps, share } from './report-figures.js';
import { buildConcentrationShares } from './build-concentration-shares.js';
import { reportRange } from './report-range.js';
import type { ProvidersReport, ReportOptions } from './report-types.js';
import type { ReportCatalog } from './resolve-baseline.js';
import { ReportOptionError } from './report-option-error.js';

/**
 * Shares of requests, tokens and spend per provider, with the jurisdiction it hosts under. With a catalog,
 * a provider without a jurisdiction that the catalog knows as self-hosted is marked so.
 */
export async function buildProvidersReport(
  options: ReportOptions,
  queries: UsageQueries,
  catalog: ReportCatalog | undefined,
  now: number,
): Promise<ProvidersReport> {
  if (options.by !== undefined) throw new ReportOptionError('by', options.by, 'the providers report has no grouping option');
  const { range, label } = reportRange(options, now);
  const rows = await queries.providers(range);
  let requests = 0;
  let tokens = 0;
  let costUsd = 0;
  let unknownTokenRequests = 0;
  let unknownCostRequests = 0;
  for (const r of rows) {
    requests += r.requests;
    tokens += r.inputTokens + r.outputTokens;
    costUsd += r.costUsd;
    unknownTokenRequests += r.unknownTokenRequests;
    unknownCostRequests += r.unknownCostRequests;
  }
  const concentration = options.concentration?.length ? await buildConcentrationShares(options.concentration, queries, now) : undefined;
  return {
    report: 'providers',
    ...(concentration && { concentration }),
    range: label,
    requests,
    notes: describeGaps({ unknownCostRequests, unknownTokenRequests }),
    tokens,
    costUsd,
    rows: rows
      .map((r) => ({
        provider: r.provider,
        providerType: r.providerType,
        jurisdiction: r.jurisdiction,
        ...(r.jurisdiction === null && r.providerType !== null && catalog?.provider?.(r.providerType)?.selfHosted && { selfHosted: true }),
        requests: r.requests,
        requestShare: share(r.requests, requests),
        tokens: r.inputTokens + r.outputTokens,
        tokenShare: share(r.inputTokens + r.outputTokens, tokens),
        costUsd: r.costUsd,
        spendShare: share(r.costUsd, costUsd),
        unknownTokenRequests: r.unknownTokenRequests,
        unknownCostRequests: r.unknownCostRequests,
      }))
      .sort((a, b) => b.requests - a.requests || b.tokens - a.tokens || compareText(a.provider, b.provider) || compareText(a.jurisdiction, b.jurisdiction)),
  };
}
