import type { Rng } from './rng.js';

/** Values that often sit on a parser's edge; spliced in as text by the `interesting` mutator. */
const INTERESTING = [
  '0', '-0', '1', '-1', '0.5', '1e309', '-1e309', '1e-400', '9007199254740993', '2147483648', '4294967296',
  '65536', '255', '256', '1000000000000', 'NaN', 'Infinity', 'null', 'true', 'false', '""', '[]', '{}',
  '\\u0000', '\\ud800', '\\u2028', '\u00e9', '\u{1F600}', '\u0000', '\r\n', '\n\n', '\t', ' ',
];

export interface MutationContext {
  rng: Rng;
  /** Tokens of the target's format (field names, keywords, delimiters), as bytes. */
  dictionary: readonly Buffer[];
  /** Another corpus entry, for splicing. */
  other: () => Buffer;
  maxLen: number;
}

type Mutator = (b: Buffer, m: MutationContext) => Buffer;

const at = (b: Buffer, m: MutationContext) => m.rng.below(b.length + 1);
const insert = (b: Buffer, pos: number, piece: Buffer) => Buffer.concat([b.subarray(0, pos), piece, b.subarray(pos)]);

const MUTATORS: readonly Mutator[] = [
  // flip one bit
  (b, { rng }) => {
    if (b.length === 0) return b;
    const out = Buffer.from(b);
    const i = rng.below(out.length);
    out[i] = (out[i] as number) ^ (1 << rng.below(8));
    return out;
  },
  // set one byte to a random value (printable ASCII most of the time)
  (b, m) => {
    if (b.length === 0) return b;
    const out = Buffer.from(b);
    out[m.rng.below(out.length)] = m.rng.oneIn(4) ? m.rng.below(256) : 32 + m.rng.below(95);
    return out;
  },
  // insert a random byte
  (b, m) => insert(b, at(b, m), Buffer.from([m.rng.oneIn(4) ? m.rng.below(256) : 32 + m.rng.below(95)])),
  // delete a short run
  (b, m) => {
    if (b.length === 0) return b;
    const start = m.rng.below(b.length);
    const end = Math.min(b.length, start + 1 + m.rng.below(m.rng.oneIn(4) ? 64 : 8));
    return Buffer.concat([b.subarray(0, start), b.subarray(end)]);
  },
  // duplicate a run somewhere else
  (b, m) => {
    if (b.length === 0) return b;
    const start = m.rng.below(b.length);
    const len = 1 + m.rng.below(Math.min(32, b.length - start));
    return insert(b, at(b, m), b.subarray(start, start + len));
  },
  // splice: a prefix of this input with a suffix of another corpus entry
  (b, m) => {
    const other = m.other();
    return Buffer.concat([b.subarray(0, at(b, m)), other.subarray(m.rng.below(other.length + 1))]);
  },
  // crossover: insert a run of another corpus entry
  (b, m) => {
    const other = m.other();
    if (other.length === 0) return b;
    const start = m.rng.below(other.length);
    const len = 1 + m.rng.below(Math.min(64, other.length - start));
    return insert(b, at(b, m), other.subarray(start, start + len));
  },
  // insert a dictionary token
  (b, m) => (m.dictionary.length === 0 ? b : insert(b, at(b, m), m.rng.pick(m.dictionary))),
  // overwrite with a dictionary token
  (b, m) => {
    if (m.dictionary.length === 0 || b.length === 0) return b;
    const token = m.rng.pick(m.dictionary);
    const pos = m.rng.below(b.length);
    return Buffer.concat([b.subarray(0, pos), token, b.subarray(pos + token.length)]);
  },
  // replace a run of digits (or insert) with an interesting value
  (b, m) => {
    const text = b.toString('latin1');
    const value = Buffer.from(m.rng.pick(INTERESTING), 'utf8');
    const digits = [...text.matchAll(/-?\d+(\.\d+)?([eE][-+]?\d+)?/g)];
    if (digits.length === 0 || m.rng.oneIn(4)) return insert(b, at(b, m), value);
    const hit = m.rng.pick(digits);
    const start = hit.index ?? 0;
    return Buffer.concat([b.subarray(0, start), value, b.subarray(start + hit[0].length)]);
  },
  // truncate
  (b, m) => b.subarray(0, m.rng.below(b.length + 1)),
];

/** One to eight stacked byte-level mutations of `input`, capped at maxLen bytes. */
export function mutateBytes(input: Buffer, m: MutationContext): Buffer {
  let b = input;
  for (let n = m.rng.smallCount(); n > 0; n--) {
    b = m.rng.pick(MUTATORS)(b, m);
    if (b.length > m.maxLen) b = b.subarray(0, m.maxLen);
  }
  return b;
}
