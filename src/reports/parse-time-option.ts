import { parsePointInTime } from '../text/parse-point-in-time.js';
import { ReportOptionError } from './report-option-error.js';

/** The earliest time a JavaScript Date can hold. */
const EARLIEST_MS = -8.64e15;

/**
 * A point in time from `--since`/`--until`: a span back from `now` (`30d`, `12h`) or an ISO date or time
 * (`2025-06-01`, midnight UTC; `2025-06-01T12:00:00Z`). Returns unix ms.
 */
export function parseTimeOption(text: string, now: number, option = 'since'): number {
  const at = parsePointInTime(text, now, -1);
  // a span reaching before the earliest date there is (about 273,000 years) names no time at all
  if (at !== undefined && at < EARLIEST_MS) throw new ReportOptionError(option, text, 'the span reaches further back than any date');
  if (at !== undefined) return at;
  throw new ReportOptionError(option, text, 'expected a span such as 30d or 12h, or an ISO date such as 2025-06-01');
}
