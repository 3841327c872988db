import { escapedEnd, type PlainChunkScanner } from './scan-plain-chunk.js';

const CLOSE_BRACE = 125;

/**
 * The text around a plain chunk's content string, learned from one the scanner read whole: a stream's plain
 * chunks are framed alike but for their text (and, at OpenAI, a last `obfuscation` string of random length),
 * so the next is known plain by comparing that frame, and only its content string is read. A chunk framed
 * otherwise (or whose content holds an escaped quote) is read whole by the scanner, as the first was.
 */
export class ChunkFrame {
  /** From the head's end to the content's opening quote, inclusive; '' until a frame is learned. */
  private before = '';
  /** From the content's closing quote: to the end, or (`tail`) to the last string's opening quote, inclusive. */
  private after = '';
  /** The chunk ends with a string whose text may change: `<text>"}` after `after`. */
  private tail = false;
  /** Where the learned chunk's delta started, from the head's end. */
  private deltaOffset = 0;

  /** Learn the frame of a chunk the scanner found plain, if its delta held only its content. */
  learn(data: string, from: number, scan: PlainChunkScanner): void {
    if (scan.contentOpen < 0) {
      this.before = '';
      return;
    }
    this.before = data.slice(from, scan.contentOpen + 1);
    this.tail = scan.lastStringOpen > scan.contentClose;
    this.after = data.slice(scan.contentClose, this.tail ? scan.lastStringOpen + 1 : data.length);
    this.deltaOffset = scan.deltaAt - from;
  }

  /** Where the delta of a chunk that matched starts. */
  deltaAt(from: number): number {
    return from + this.deltaOffset;
  }

  /**
   * The characters (as decoded) of the content of a chunk, whose head ends at `from`, framed as the learned
   * one; -1 when it is not framed so, or its content is not a valid string.
   */
  match(data: string, from: number): number {
    const before = this.before;
    if (before === '') return -1;
    const start = from + before.length;
    if (data.substring(from, start) !== before) return -1;
    // the content's closing quote (an escaped quote inside it leaves the frame unmatched: read whole)
    const end = data.indexOf('"', start);
    const rest = end + this.after.length;
    if (end < 0 || data.substring(end, rest) !== this.after) return -1;
    if (rest !== data.length) {
      // `<text>"}`: a string without quotes or escapes, then the chunk's end
      if (!this.tail || data.indexOf('"', rest) !== data.length - 2 || data.charCodeAt(data.length - 1) !== CLOSE_BRACE) return -1;
      const slash = data.indexOf('\\', rest);
      if (slash >= 0) return -1;
    } else if (this.tail) return -1;
    return contentLength(data, start, end);
  }
}

/** The decoded length of a string's text between `start` and its closing quote at `end`; -1 if it is not valid. */
function contentLength(data: string, start: number, end: number): number {
  const slash = data.indexOf('\\', start);
  if (slash < 0 || slash > end) return end - start;
  let n = 0;
  for (let i = start; i < end; n++) {
    const next = escapedEnd(data, i);
    if (next < 0 || next > end) return -1;
    i = next;
  }
  return n;
}
