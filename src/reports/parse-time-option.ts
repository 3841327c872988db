import { DAY_MS } from '../ledger/usage-queries.js';
import { ReportOptionError } from './report-option-error.js';

const HOUR_MS = 3_600_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A point in time from `--since`/`--until`: a span back from `now` (`30d`, `12h`) or an ISO date or time
 * (`2025-06-01`, midnight UTC; `2025-06-01T12:00:00Z`). Returns unix ms.
 */
/** The earliest time a JavaScript Date can hold. */
const EARLIEST_MS = -8.64e15;

export function parseTimeOption(text: string, now: number, option = 'since'): number {
  const value = text.trim();
  const span = /^(\d+)([dh])$/.exec(value);
  if (span) {
    const ms = now - Number(span[1]) * (span[2] === 'd' ? DAY_MS : HOUR_MS);
    // a span reaching before the earliest date there is (about 273,000 years) names no time at all
    if (ms >= EARLIEST_MS) return ms;
    throw new ReportOptionError(option, text, 'the span reaches further back than any date');
  }
  if (ISO_DATE.test(value)) {
    // a date is midnight UTC, and a time without a zone is UTC too: reports never depend on the machine's zone
    const zoned = value.length === 10 ? `${value}T00:00:00Z` : /Z$|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`;
    const ms = Date.parse(zoned.replace(' ', 'T'));
    if (Number.isFinite(ms)) return ms;
  }
  throw new ReportOptionError(option, text, 'expected a span such as 30d or 12h, or an ISO date such as 2025-06-01');
}
