const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * When a key expires, from `--expires` or the admin API's `expires`: a span from now (`30d`, `12h`) or an
 * ISO date or time (`2027-01-31`, midnight UTC; `2027-01-31T18:00:00Z`; UTC unless a zone is given).
 * Returns unix ms, or a sentence saying what was expected; a time not in the future is refused.
 */
export function parseExpiry(text: string, now: number): number | { problem: string } {
  const value = text.trim();
  const span = /^(\d+)([dh])$/.exec(value);
  let at: number | undefined;
  if (span) at = now + Number(span[1]) * (span[2] === 'd' ? DAY_MS : HOUR_MS);
  else if (ISO_DATE.test(value)) {
    const zoned = value.length === 10 ? `${value}T00:00:00Z` : /Z$|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`;
    at = Date.parse(zoned.replace(' ', 'T'));
  }
  if (at === undefined || !Number.isFinite(at) || at > 8.64e15) {
    return { problem: `expected a span from now such as 30d or 12h, or an ISO date or time such as 2027-01-31, got "${text}".` };
  }
  if (at <= now) return { problem: `"${text}" is not in the future (${new Date(at).toISOString()}).` };
  return at;
}
