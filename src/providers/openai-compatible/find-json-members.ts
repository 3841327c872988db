/** Offsets of a member's value in a JSON text: from its first character to just after its last. */
export type Span = readonly [number, number];

/**
 * The spans of some top-level members' values in the text of a JSON object, found without parsing it into
 * objects: strings are stepped over a quote at a time, nested values by their brackets. The text must be
 * valid JSON (it has been parsed already). Undefined when it is not an object or names a wanted key twice.
 * With `stopAt`, the walk ends at that key (its value not read), for the members that precede it.
 */
export function findMembers<K extends string>(text: string, keys: readonly K[], stopAt?: string): Partial<Record<K, Span>> | undefined {
  const found: Partial<Record<K, Span>> = {};
  let i = skipSpace(text, 0);
  if (text.charCodeAt(i) !== 123 /* { */) return undefined;
  i = skipSpace(text, i + 1);
  if (text.charCodeAt(i) === 125 /* } */) return found;
  for (;;) {
    const keyEnd = stringEnd(text, i);
    const raw = text.slice(i + 1, keyEnd);
    const key = (raw.includes('\\') ? JSON.parse(`"${raw}"`) : raw) as K;
    if (key === stopAt) return found;
    i = skipSpace(text, keyEnd + 1) + 1; // the colon
    i = skipSpace(text, i);
    const end = jsonValueEnd(text, i);
    if (keys.includes(key)) {
      if (found[key] !== undefined) return undefined;
      found[key] = [i, end];
    }
    i = skipSpace(text, end);
    if (text.charCodeAt(i) !== 44 /* , */) return found;
    i = skipSpace(text, i + 1);
  }
}

/** Offset just after the (valid JSON) value that starts at `i`. */
export function jsonValueEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 34) return stringEnd(text, i) + 1;
  if (c !== 123 && c !== 91) {
    let j = i + 1;
    for (let d = text.charCodeAt(j); d === d && d !== 44 && d !== 125 && d !== 93 && d !== 32 && d !== 9 && d !== 10 && d !== 13; d = text.charCodeAt(++j));
    return j;
  }
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const d = text.charCodeAt(j);
    if (d === 34) j = stringEnd(text, j);
    else if (d === 123 || d === 91) depth++;
    else if ((d === 125 || d === 93) && --depth === 0) return j + 1;
  }
  return text.length;
}

/** Offset of the quote that closes the string opening at `i`. */
function stringEnd(text: string, i: number): number {
  let q = text.indexOf('"', i + 1);
  while (q > 0) {
    let backslashes = 0;
    while (text.charCodeAt(q - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return q;
    q = text.indexOf('"', q + 1);
  }
  return text.length;
}

function skipSpace(text: string, i: number): number {
  let c = text.charCodeAt(i);
  while (c === 32 || c === 9 || c === 10 || c === 13) c = text.charCodeAt(++i);
  return i;
}
