import { loadDefaultCatalog } from '../catalog/load-catalog.js';
import { ConfigError } from '../config/config-error.js';
import type { StorageSettings } from '../config/load-storage-config.js';
import { findStore, storeLine } from './cli-store.js';
import type { StorageConfig } from '../config/gateway-config.js';
import { MissingStoreError, openAdminStores } from '../server/open-admin-stores.js';
import { buildReport, isReportName } from '../reports/build-report.js';
import { parseTimeOption } from '../reports/parse-time-option.js';
import { parseReportFormat, renderReport } from '../reports/render-report.js';
import { ReportOptionError } from '../reports/report-option-error.js';
import { DEFAULT_SINCE } from '../reports/report-range.js';
import { REPORT_NAMES } from '../reports/report-types.js';
import type { ReportCatalog } from '../reports/resolve-baseline.js';
import type { ConcentrationLimit } from '../routing/policies/concentration.js';

export interface ReportCommandOptions {
  config?: string;
  since?: string;
  until?: string;
  by?: string;
  format?: string;
  baseline?: string;
}

export interface ReportRun extends Omit<ReportCommandOptions, 'config'> {
  name: string;
  /** The ledger to read. */
  storage: StorageConfig;
  /** From `--baseline`, else the config's `baseline`. */
  baseline?: string;
  /** The config's concentration caps (providers report). */
  concentration?: readonly ConcentrationLimit[];
  catalog?: ReportCatalog;
  now?: number;
  out?: (text: string) => void;
  err?: (text: string) => void;
}

/**
 * `switchyard report spend|savings|origins|providers`: read the ledger of the config the one rule finds
 * (cli-store.ts) and print the report, the baseline
 * being `--baseline`, else the config's `baseline`. 0 on success, 2 for a bad option, 1 when the config or
 * the ledger cannot be read.
 */
export async function runReport(name: string, opts: ReportCommandOptions): Promise<number> {
  let settings: StorageSettings;
  try {
    const target = findStore(opts.config);
    console.error(`Store: ${storeLine(target)}`);
    settings = target.settings;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    return 1;
  }
  const baseline = opts.baseline ?? settings.baseline;
  return runReportWith({
    name,
    storage: settings.storage,
    catalog: loadDefaultCatalog(),
    ...(baseline !== undefined && { baseline }),
    ...(settings.concentration && { concentration: settings.concentration }),
    ...(opts.since !== undefined && { since: opts.since }),
    ...(opts.until !== undefined && { until: opts.until }),
    ...(opts.by !== undefined && { by: opts.by }),
    ...(opts.format !== undefined && { format: opts.format }),
  });
}

/** The report command on an explicit store, baseline and catalog. */
export async function runReportWith(run: ReportRun): Promise<number> {
  const out = run.out ?? ((text: string) => process.stdout.write(text));
  const err = run.err ?? ((text: string) => process.stderr.write(`${text}\n`));
  const now = run.now ?? Date.now();
  try {
    if (!isReportName(run.name)) throw new ReportOptionError('report', undefined, `unknown report '${run.name}': expected ${REPORT_NAMES.join(', ')}`);
    const format = parseReportFormat(run.format);
    // check the times before touching the store, so a typo never waits on a busy ledger
    parseTimeOption(run.since ?? DEFAULT_SINCE, now, 'since');
    if (run.until !== undefined) parseTimeOption(run.until, now, 'until');
    let stores;
    try {
      stores = await openAdminStores(run.storage, { mustExist: true });
    } catch (e) {
      if (!(e instanceof MissingStoreError)) throw e;
      err(`switchyard report: ${e.message}`);
      return 1;
    }
    try {
      const options = {
        ...(run.since !== undefined && { since: run.since }),
        ...(run.until !== undefined && { until: run.until }),
        ...(run.by !== undefined && { by: run.by }),
        ...(run.baseline !== undefined && { baseline: run.baseline }),
        ...(run.concentration && { concentration: run.concentration }),
      };
      out(renderReport(await buildReport(run.name, options, stores.usage, run.catalog, now, stores.keys), format));
      return 0;
    } finally {
      await stores.close();
    }
  } catch (e) {
    if (!(e instanceof ReportOptionError)) throw e;
    err(`switchyard report ${run.name}: ${e.message}`);
    return 2;
  }
}
