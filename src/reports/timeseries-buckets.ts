import { bucketStartDay, DAY_MS } from '../ledger/usage-queries.js';

export type TimeseriesBucket = 'hour' | 'day' | 'week';

const HOUR_MS = 3_600_000;

/** The most buckets one answer may hold (a year of hours is 8,760: ask for days). */
export const MAX_BUCKETS = 5_000;

/** The start (unix ms, UTC) of the bucket holding `t`: its hour, its day, or the Monday of its week. */
export function bucketStart(t: number, bucket: TimeseriesBucket): number {
  if (bucket === 'hour') return Math.floor(t / HOUR_MS) * HOUR_MS;
  const day = Math.floor(t / DAY_MS);
  return (bucket === 'day' ? day : bucketStartDay(day, 'week')) * DAY_MS;
}

/** Every bucket start from the one holding `since` to the one holding the last ms before `until`, ascending. */
export function bucketStarts(since: number, until: number, bucket: TimeseriesBucket): number[] {
  const step = bucket === 'hour' ? HOUR_MS : bucket === 'day' ? DAY_MS : 7 * DAY_MS;
  const out: number[] = [];
  for (let t = bucketStart(since, bucket); t < until; t += step) out.push(t);
  return out;
}

/** How many buckets a range needs, without listing them. */
export function bucketCount(since: number, until: number, bucket: TimeseriesBucket): number {
  const step = bucket === 'hour' ? HOUR_MS : bucket === 'day' ? DAY_MS : 7 * DAY_MS;
  return until <= since ? 0 : Math.ceil((until - bucketStart(since, bucket)) / step);
}
