const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/**
 * Reads a chat-completion chunk's JSON text, without parsing it into objects, to tell whether it is plain:
 * one that the translated stream would show the client exactly as it is, id, creation time and model aside.
 * A plain chunk, after its head (`{"id":…,"object":"chat.completion.chunk","created":…,"model":…`, matched
 * by the caller), has only scalar fields beside `choices` (`error` and `usage` null: no error, no usage);
 * `choices` holds one choice, of index 0, whose fields other than `delta` are scalars (`finish_reason`,
 * `logprobs` and `usage` null); its `delta` has only `role` ("assistant"), `content` and `reasoning_content`
 * (strings or null) and fields that are null. Anything else (a finish, usage, tool calls, refusals, content
 * parts, `reasoning`, an error, a field the translation would drop, a line break, a syntax error) is not
 * plain, and the caller decodes that chunk instead.
 *
 * One scanner per stream; `scan` keeps what it found in its fields, and where the content string and the
 * last field's string lie, for ChunkFrame to compare the next chunks with.
 */
export class PlainChunkScanner {
  /** Offset just inside the delta's opening brace. */
  deltaAt = 0;
  /** Whether the delta has no fields (`{}`). */
  emptyDelta = false;
  /** Whether the delta carries `"role":"assistant"`. */
  role = false;
  /** Characters (UTF-16 units, as decoded) of `content` and `reasoning_content`. */
  chars = 0;
  private s = '';
  private i = 0;
  /** The first backslash at or after the head (the text's length when there is none): strings before it have no escapes. */
  private escape = 0;

  /** Where the delta's `content` string opened and closed, when it was the delta's only field; -1 otherwise. */
  contentOpen = -1;
  contentClose = -1;
  /** Where the chunk's last field's string value opened, when that is how the chunk ends (`,"obfuscation":"…"}`); -1 otherwise. */
  lastStringOpen = -1;

  /** Whether `data`, whose head ends at `from`, is a plain chunk. */
  scan(data: string, from: number): boolean {
    this.s = data;
    this.i = from;
    const escape = data.indexOf('\\', from);
    this.escape = escape < 0 ? data.length : escape;
    this.chars = 0;
    this.role = false;
    this.contentOpen = -1;
    this.contentClose = -1;
    this.lastStringOpen = -1;
    let choices = false;
    for (;;) {
      const c = this.next();
      if (c === CLOSE_BRACE) {
        if (this.lastStringOpen >= 0 && this.i !== data.length - 1) this.lastStringOpen = -1;
        this.i++;
        this.skipSpace();
        return choices && this.i === data.length;
      }
      if (c !== COMMA) return false;
      this.i++;
      this.lastStringOpen = -1;
      const key = this.key();
      switch (key) {
        case 'choices':
          if (choices || !this.choices()) return false;
          choices = true;
          break;
        case 'error':
        case 'usage':
          if (!this.nullValue()) return false;
          break;
        case 'id':
        case 'object':
        case 'created':
        case 'model':
        case undefined:
          return false; // a second one would win over the head; a key the scan cannot read
        default:
          if (this.s.charCodeAt(this.i) === QUOTE) this.lastStringOpen = this.i;
          if (!this.scalar()) return false;
      }
    }
  }

  /** `[{…}]`: exactly one choice, of index 0, with a plain delta. */
  private choices(): boolean {
    if (this.next() !== OPEN_BRACKET) return false;
    this.i++;
    if (this.next() !== OPEN_BRACE) return false;
    this.i++;
    let delta = false;
    let first = true;
    for (;;) {
      const c = this.next();
      if (c === CLOSE_BRACE) break;
      if (!first) {
        if (c !== COMMA) return false;
        this.i++;
      }
      first = false;
      const key = this.key();
      if (key === 'delta') {
        if (delta || !this.delta()) return false;
        delta = true;
      } else if (key === 'index') {
        if (this.s.charCodeAt(this.i) !== 48 /* 0 */ || !this.number() || this.numberLength !== 1) return false;
      } else if (key === 'finish_reason' || key === 'logprobs' || key === 'usage') {
        if (!this.nullValue()) return false;
      } else if (key === undefined || !this.scalar()) return false;
    }
    this.i++;
    if (this.next() !== CLOSE_BRACKET) return false;
    this.i++;
    return delta;
  }

  /** `{…}`: only role (assistant), content and reasoning_content as strings, anything else null. */
  private delta(): boolean {
    if (this.next() !== OPEN_BRACE) return false;
    this.deltaAt = ++this.i;
    let first = true;
    let fields = 0;
    for (;;) {
      const c = this.next();
      if (c === CLOSE_BRACE) {
        this.i++;
        this.emptyDelta = first;
        // the content string is worth comparing chunks around only when it was the delta's one field
        if (fields !== 1) this.contentOpen = this.contentClose = -1;
        return true;
      }
      if (!first) {
        if (c !== COMMA) return false;
        this.i++;
      }
      first = false;
      const key = this.key();
      if (key === undefined) return false;
      if (this.next() !== QUOTE) {
        if (!this.nullValue()) return false;
        fields++;
        continue;
      }
      const start = this.i;
      const length = this.string();
      if (length < 0) return false;
      if (++fields === 1 && key === 'content') {
        this.contentOpen = start;
        this.contentClose = this.i - 1;
      }
      if (key === 'content' || key === 'reasoning_content') this.chars += length;
      else if (key === 'role' && this.s.slice(start, this.i) === '"assistant"') this.role = true;
      else return false;
    }
  }

  /** A key and its colon; undefined when the text there is not a simple key. */
  private key(): string | undefined {
    if (this.next() !== QUOTE) return undefined;
    const s = this.s;
    const start = this.i + 1;
    const end = s.indexOf('"', start);
    if (end < 0 || end > this.escape) return undefined;
    const key = s.slice(start, end);
    this.i = end + 1;
    if (this.next() !== COLON) return undefined;
    this.i++;
    this.next();
    return key;
  }

  /** `null`. */
  private nullValue(): boolean {
    const s = this.s;
    const i = this.i;
    if (s.charCodeAt(i) !== 110 || s.charCodeAt(i + 1) !== 117 || s.charCodeAt(i + 2) !== 108 || s.charCodeAt(i + 3) !== 108) return false;
    this.i = i + 4;
    return true;
  }

  /** A string, number, boolean or null (not an object or array). */
  private scalar(): boolean {
    const s = this.s;
    const c = s.charCodeAt(this.i);
    if (c === QUOTE) return this.string() >= 0;
    if (c === 110) return this.nullValue();
    if (c === 116) return this.word('true');
    if (c === 102) return this.word('false');
    return this.number();
  }

  /** Length of the last number read, in characters. */
  private numberLength = 0;

  /** A JSON number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`. */
  private number(): boolean {
    const s = this.s;
    const start = this.i;
    let i = start;
    if (s.charCodeAt(i) === 45) i++;
    const lead = s.charCodeAt(i);
    if (lead === 48) i++;
    else if (lead >= 49 && lead <= 57) i = digits(s, i);
    else return false;
    if (s.charCodeAt(i) === 46) {
      const end = digits(s, i + 1);
      if (end === i + 1) return false;
      i = end;
    }
    const e = s.charCodeAt(i);
    if (e === 101 || e === 69) {
      i++;
      const sign = s.charCodeAt(i);
      if (sign === 43 || sign === 45) i++;
      const end = digits(s, i);
      if (end === i) return false;
      i = end;
    }
    this.numberLength = i - start;
    this.i = i;
    return true;
  }

  private word(w: string): boolean {
    if (this.s.slice(this.i, this.i + w.length) !== w) return false;
    this.i += w.length;
    return true;
  }

  /**
   * A string from its opening quote: its decoded length, or -1 when it is not a valid JSON string. A string
   * with no backslash is stepped over to its closing quote (raw control characters in it are not looked for:
   * a server that sends them sends broken JSON, which the client's parser refuses); one with escapes is read
   * character by character.
   */
  private string(): number {
    const s = this.s;
    const open = this.i;
    const close = s.indexOf('"', open + 1);
    if (close < 0) return -1;
    if (close < this.escape) {
      this.i = close + 1;
      return close - open - 1;
    }
    let i = open + 1;
    let n = 0;
    while (s.charCodeAt(i) !== QUOTE) {
      i = escapedEnd(s, i);
      if (i < 0) return -1;
      n++;
    }
    this.i = i + 1;
    const escape = s.indexOf('\\', i + 1);
    this.escape = escape < 0 ? s.length : escape;
    return n;
  }

  /** The code at the next non-space character (spaces and tabs; a line break is not plain). */
  private next(): number {
    const s = this.s;
    let c = s.charCodeAt(this.i);
    while (c === 32 || c === 9) c = s.charCodeAt(++this.i);
    return c;
  }

  private skipSpace(): void {
    this.next();
  }
}

/**
 * The offset after one character of a JSON string's text at `i` (an escape sequence counts as one); -1 where
 * the text ends, or holds a raw control character or a quote or an escape that is not valid there.
 */
export function escapedEnd(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c !== c || c < 32 || c === QUOTE) return -1;
  if (c !== BACKSLASH) return i + 1;
  const e = s.charCodeAt(i + 1);
  if (e === 117 /* u */) return hex(s.charCodeAt(i + 2)) && hex(s.charCodeAt(i + 3)) && hex(s.charCodeAt(i + 4)) && hex(s.charCodeAt(i + 5)) ? i + 6 : -1;
  return e === QUOTE || e === BACKSLASH || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116 ? i + 2 : -1;
}

/** The offset after the digits from `i`. */
function digits(s: string, i: number): number {
  let c = s.charCodeAt(i);
  while (c >= 48 && c <= 57) c = s.charCodeAt(++i);
  return i;
}

function hex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
