import { describe, expect, it } from 'vitest';
import { MovingMedian } from '../../../src/routing/health/moving-median.js';

/** The reference: sort the last `capacity` values and take the middle. */
function naiveMedian(values: number[], capacity: number): number | undefined {
  const last = values.slice(-capacity).sort((a, b) => a - b);
  const n = last.length;
  if (n === 0) return undefined;
  const mid = n >> 1;
  return n % 2 === 1 ? last[mid] : ((last[mid - 1] as number) + (last[mid] as number)) / 2;
}

describe('MovingMedian', () => {
  it('is undefined when empty', () => {
    expect(new MovingMedian(3).median()).toBeUndefined();
  });

  it('takes the middle of an odd count and the mean of the middle two of an even count', () => {
    const m = new MovingMedian(10);
    m.add(5);
    expect(m.median()).toBe(5);
    m.add(1);
    expect(m.median()).toBe(3);
    m.add(9);
    expect(m.median()).toBe(5);
    m.add(2);
    expect(m.median()).toBe(3.5);
  });

  it('drops the oldest value once full, duplicates included', () => {
    const m = new MovingMedian(3);
    for (const v of [7, 7, 1, 7]) m.add(v); // window [7, 1, 7]
    expect(m.size).toBe(3);
    expect(m.median()).toBe(7);
    m.add(1); // [1, 7, 1]
    expect(m.median()).toBe(1);
  });

  it('matches a sort of the last values over a long random run', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (const capacity of [1, 2, 5, 50]) {
      const m = new MovingMedian(capacity);
      const seen: number[] = [];
      for (let i = 0; i < 2_000; i++) {
        const v = Math.floor(random() * 100); // many repeats
        m.add(v);
        seen.push(v);
        expect(m.median()).toBe(naiveMedian(seen, capacity));
      }
    }
  });

  it('refuses non-finite values and a bad capacity', () => {
    expect(() => new MovingMedian(3).add(Number.NaN)).toThrow(RangeError);
    expect(() => new MovingMedian(0)).toThrow(RangeError);
  });
});
