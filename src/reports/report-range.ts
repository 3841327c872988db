import type { TimeRange } from '../ledger/usage-queries.js';
import type { ReportOptions, ReportRange } from './report-types.js';
import { parseTimeOption } from './parse-time-option.js';
import { ReportOptionError } from './report-option-error.js';

export const DEFAULT_SINCE = '30d';

/** The time range a report covers, from its options: `[since, until)`, until defaulting to `now`. */
export function reportRange(options: ReportOptions, now: number): { range: TimeRange & { until: number }; label: ReportRange } {
  const since = parseTimeOption(options.since ?? DEFAULT_SINCE, now, 'since');
  const until = options.until === undefined ? now : parseTimeOption(options.until, now, 'until');
  if (until <= since) throw new ReportOptionError('since', undefined, `{since} (${iso(since)}) must be before {until} (${iso(until)})`);
  return { range: { since, until }, label: { since: iso(since), until: iso(until) } };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
