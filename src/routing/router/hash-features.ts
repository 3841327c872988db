import type { FeatureConfig } from './feature-config.js';

/** murmur3's 32-bit finaliser: spreads every input bit over the output. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const NS_WORD = 0x9e3779b1;
const NS_BIGRAM = 0x7f4a7c15;
const NS_CHAR = 0x2545f491;

/** Lowercase ASCII letters, fold digits to '0', whitespace to ' '. */
function normalise(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if (c >= 48 && c <= 57) return 48;
  if (c === 10 || c === 9 || c === 13) return 32;
  return c;
}

const isWordChar = (c: number) => (c >= 97 && c <= 122) || c === 48 || (c >= 128 && !(c >= 0x2000 && c <= 0x206f) && c !== 0xa0 && c !== 0x3000);

/**
 * Signed feature hashing of word unigrams, word bigrams and character n-grams into `idx`/`val` (scratch arrays
 * owned by the caller). Each n-gram adds ±1/sqrt(count of its family) to one of 2^dimBits buckets; the sign
 * comes from a hash bit the bucket does not use. Long prompts: only the head and tail windows are hashed, so
 * the cost is bounded whatever the prompt's length. Returns how many entries were written (duplicates allowed:
 * a linear model sums them).
 */
export function hashFeatures(text: string, config: FeatureConfig, idx: Int32Array, val: Float32Array): number {
  const mask = (1 << config.dimBits) - 1;
  const n = text.length;
  const windows: Array<[number, number]> =
    n <= config.headChars + config.tailChars ? [[0, n]] : [[0, config.headChars], [n - config.tailChars, n]];
  let count = 0;
  let words = 0;
  let chars = 0;
  const charStart = count;
  const charN = config.charN;
  // Character n-grams first.
  for (const [from, to] of windows) {
    // The last four normalised characters in locals (c3 newest); a gram of n < 4 ignores the older ones.
    let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
    for (let i = from; i < to; i++) {
      c0 = c1;
      c1 = c2;
      c2 = c3;
      c3 = normalise(text.charCodeAt(i));
      if (i - from + 1 < charN) continue;
      let h = NS_CHAR;
      if (charN >= 4) h = Math.imul(h ^ c0, 0x01000193);
      if (charN >= 3) h = Math.imul(h ^ c1, 0x01000193);
      h = Math.imul(Math.imul(h ^ c2, 0x01000193) ^ c3, 0x01000193);
      // A lighter finaliser than mix32 for the most numerous family.
      let m = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
      m ^= m >>> 15;
      idx[count] = m & mask;
      val[count++] = m & 0x80000000 ? -1 : 1;
      chars++;
    }
  }
  const wordStart = count;
  for (const [from, to] of windows) {
    let h = 0x811c9dc5;
    let prev = 0;
    let inWord = false;
    for (let i = from; i <= to; i++) {
      const c = i < to ? normalise(text.charCodeAt(i)) : 32;
      if (isWordChar(c)) {
        h = Math.imul(h ^ c, 0x01000193);
        inWord = true;
        continue;
      }
      if (!inWord) continue;
      const uni = mix32(h ^ NS_WORD);
      idx[count] = uni & mask;
      val[count++] = uni & 0x80000000 ? -1 : 1;
      if (prev !== 0) {
        const bi = mix32(Math.imul(prev, 31) ^ h ^ NS_BIGRAM);
        idx[count] = bi & mask;
        val[count++] = bi & 0x80000000 ? -2 : 2;
      }
      prev = h;
      words++;
      h = 0x811c9dc5;
      inWord = false;
    }
  }
  // Scale each family so a long prompt does not outweigh a short one: ±1/sqrt(count); bigrams marked ±2 above.
  const charScale = 1 / Math.sqrt(Math.max(1, chars));
  for (let i = charStart; i < wordStart; i++) val[i] = val[i]! * charScale;
  const wordScale = 1 / Math.sqrt(Math.max(1, words));
  for (let i = wordStart; i < count; i++) {
    const v = val[i]!;
    val[i] = (v === 2 || v === -2 ? v / 2 : v) * wordScale;
  }
  return count;
}

/** How many entries hashFeatures can write at most for a text of this length. */
export function maxHashedEntries(textLength: number, config: FeatureConfig): number {
  const hashed = Math.min(textLength, config.headChars + config.tailChars);
  return 3 * hashed + 8;
}
