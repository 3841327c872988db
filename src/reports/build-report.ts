import type { UsageQueries } from '../ledger/usage-queries.js';
import { buildOriginsReport } from './build-origins-report.js';
import { buildProvidersReport } from './build-providers-report.js';
import { buildSavingsReport } from './build-savings-report.js';
import { buildSpendReport } from './build-spend-report.js';
import { REPORT_NAMES, type KeyDirectory, type Report, type ReportName, type ReportOptions } from './report-types.js';
import { ReportOptionError } from './report-option-error.js';
import type { ReportCatalog } from './resolve-baseline.js';

export function isReportName(name: string): name is ReportName {
  return (REPORT_NAMES as readonly string[]).includes(name);
}

/**
 * Build a report from the ledger: the one entry point for the CLI and the admin API. Throws a
 * ReportOptionError for an unknown report or a bad option. `options.baseline` is used only by `savings`
 * (a baseline from the config is ignored by the others); `catalog` prices it, and names self-hosted
 * providers in `providers`.
 */
export async function buildReport(
  name: string,
  options: ReportOptions,
  queries: UsageQueries,
  catalog: ReportCatalog | undefined,
  now: number,
  /** Names keys in `spend --by key`. */
  keys?: KeyDirectory,
): Promise<Report> {
  if (!isReportName(name)) throw new ReportOptionError('report', undefined, `unknown report '${name}': expected ${REPORT_NAMES.join(', ')}`);
  switch (name) {
    case 'spend':
      return buildSpendReport(options, queries, now, keys);
    case 'savings':
      return buildSavingsReport(options, queries, catalog, now);
    case 'origins':
      return buildOriginsReport(options, queries, now);
    case 'providers':
      return buildProvidersReport(options, queries, catalog, now);
  }
}
