import type { Series } from '../api/admin-types';

export interface Aligned {
  /** Bucket starts, unix ms, ascending. */
  x: number[];
  /** `name` is what the series shows (the API's label where it gives one); `id` the API's name. */
  series: Array<{ id: string; name: string; values: number[]; total: number }>;
}

/**
 * The API's series on one x axis: the union of their bucket starts (the API already gives every series a
 * point per bucket; a missing one counts as 0), each series' values in that order and its total.
 */
export function alignSeries(series: readonly Series[]): Aligned {
  const times = new Set<number>();
  for (const s of series) for (const [t] of s.points) times.add(t);
  const x = [...times].sort((a, b) => a - b);
  const index = new Map(x.map((t, i) => [t, i]));
  return {
    x,
    series: series.map((s) => {
      const values = new Array<number>(x.length).fill(0);
      for (const [t, v] of s.points) values[index.get(t)!] = v;
      return { id: s.name, name: s.label ?? s.name, values, total: values.reduce((a, b) => a + b, 0) };
    }),
  };
}
