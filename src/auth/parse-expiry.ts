import { parsePointInTime } from '../text/parse-point-in-time.js';

/**
 * When a key expires, from `--expires` or the admin API's `expires`: a span from now (`30d`, `12h`) or an
 * ISO date or time (`2027-01-31`, midnight UTC; `2027-01-31T18:00:00Z`; UTC unless a zone is given).
 * Returns unix ms, or a sentence saying what was expected; a time not in the future is refused.
 */
export function parseExpiry(text: string, now: number): number | { problem: string } {
  const at = parsePointInTime(text, now, 1);
  if (at === undefined || !Number.isFinite(at) || at > 8.64e15) {
    return { problem: `expected a span from now such as 30d or 12h, or an ISO date or time such as 2027-01-31, got "${text}".` };
  }
  if (at <= now) return { problem: `"${text}" is not in the future (${new Date(at).toISOString()}).` };
  return at;
}
