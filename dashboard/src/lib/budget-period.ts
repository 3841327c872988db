/** The start (unix ms, UTC) of a budget period containing `now`, as the gateway counts it: the day, the week from Monday, the month. */
export function periodStart(period: 'day' | 'week' | 'month', now: number): number {
  const d = new Date(now);
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  if (period === 'day') return day;
  if (period === 'week') return day - ((d.getUTCDay() + 6) % 7) * 86_400_000;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}
