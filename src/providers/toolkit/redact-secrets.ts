/** Any run of this many characters of a secret (in any letter case) is taken for the secret. */
const WINDOW = 10;
/** Secrets shorter than this are not searched for: they would match ordinary words. */
const MIN_SECRET = 6;
const MARK = '[redacted]';

/**
 * Remove the given secrets from a text a provider sent back (some echo the key in error messages) before
 * it can reach a client, a log or the ledger. A copy is found whole or in part (any 10 characters of it in
 * a row, so a key cut short by a truncation or quoted in pieces is caught), in any letter case, and as
 * base64 or base64url at any alignment (a key inside an encoded header dump). Redaction may take a little
 * more than the secret; it never leaves ten characters of one in a row.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  if (text === '' || secrets.length === 0) return text;
  const lower = asciiLower(text);
  const ranges: Array<[number, number]> = [];
  for (const needle of needlesOf(secrets)) {
    if (needle.length <= WINDOW) {
      addAll(lower, needle, ranges);
      continue;
    }
    const step = needle.length <= 256 ? 1 : 4;
    for (let i = 0; i + WINDOW <= needle.length; i += step) addAll(lower, needle.slice(i, i + WINDOW), ranges);
    // the tail window, so a long needle's last characters are covered whatever the step
    addAll(lower, needle.slice(needle.length - WINDOW), ranges);
  }
  if (ranges.length === 0) return text;
  ranges.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  let [start, end] = ranges[0]!;
  for (const [s, e] of ranges) {
    if (s <= end) {
      if (e > end) end = e;
      continue;
    }
    out += text.slice(at, start) + MARK;
    at = end;
    start = s;
    end = e;
  }
  return out + text.slice(at, start) + MARK + text.slice(end);
}

function addAll(haystack: string, needle: string, ranges: Array<[number, number]>): void {
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) ranges.push([i, i + needle.length]);
}

const cache = new WeakMap<readonly string[], string[]>();

/** What to search for, lower-cased: each secret, and its base64 and base64url forms at the three alignments. */
function needlesOf(secrets: readonly string[]): string[] {
  let needles = cache.get(secrets);
  if (needles) return needles;
  const set = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET) continue;
    set.add(asciiLower(secret));
    const bytes = Buffer.from(secret, 'utf8');
    for (let pad = 0; pad < 3; pad++) {
      const encoded = Buffer.concat([Buffer.alloc(pad), bytes]).toString('base64');
      // drop the characters that mix in the padding bytes or the unknown bytes after the secret
      const stable = encoded.slice(Math.ceil((pad * 4) / 3), Math.floor(((pad + bytes.length) * 4) / 3));
      if (stable.length >= MIN_SECRET) {
        set.add(asciiLower(stable));
        set.add(asciiLower(stable.replace(/\+/g, '-').replace(/\//g, '_')));
      }
    }
  }
  needles = [...set];
  cache.set(secrets, needles);
  return needles;
}

/** Lower-case ASCII letters only, so every index in the result is the same character's in the input. */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
}
