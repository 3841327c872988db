const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A point in time as the CLI and the admin API take one: a span from `now` (`30d`, `12h`), back
 * (`direction` -1: report ranges) or ahead (+1: key expiry), or an ISO date or time (`2025-06-01`, midnight
 * UTC; `2025-06-01T12:00:00Z`; a time without a zone is UTC too, so nothing depends on the machine's zone).
 * Unix ms (a span may reach past any date: the caller bounds it), or undefined when the text is neither.
 */
export function parsePointInTime(text: string, now: number, direction: 1 | -1): number | undefined {
  const value = text.trim();
  const span = /^(\d+)([dh])$/.exec(value);
  if (span) return now + direction * Number(span[1]) * (span[2] === 'd' ? DAY_MS : HOUR_MS);
  if (!ISO_DATE.test(value)) return undefined;
  const zoned = value.length === 10 ? `${value}T00:00:00Z` : /Z$|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`;
  const ms = Date.parse(zoned.replace(' ', 'T'));
  return Number.isFinite(ms) ? ms : undefined;
}
