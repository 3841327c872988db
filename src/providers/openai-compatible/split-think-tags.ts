const OPEN = '<think>';
const CLOSE = '</think>';

/**
 * Splits reasoning that a model writes inline as `<think>…</think>` at the start of its answer out of
 * the text. Works on a stream of deltas: a tag cut across two deltas is held back until it is whole.
 */
export class ThinkTagSplitter {
  private state: 'start' | 'inside' | 'closed' | 'after' = 'start';
  private held = '';

  /** Feed the next piece of content; returns the text and reasoning it resolves to so far. */
  push(delta: string): { text: string; reasoning: string } {
    let input = this.held + delta;
    this.held = '';
    let text = '';
    let reasoning = '';
    while (input.length > 0) {
      if (this.state === 'after') {
        text += input;
        break;
      }
      if (this.state === 'closed') {
        // whitespace between the closing tag and the answer belongs to neither
        input = input.trimStart();
        if (input.length > 0) this.state = 'after';
        continue;
      }
      if (this.state === 'start') {
        const trimmed = input.trimStart();
        if (trimmed.length === 0) {
          this.held = input;
          break;
        }
        if (trimmed.startsWith(OPEN)) {
          this.state = 'inside';
          input = trimmed.slice(OPEN.length);
          continue;
        }
        if (OPEN.startsWith(trimmed)) {
          this.held = input;
          break;
        }
        this.state = 'after';
        continue;
      }
      // inside the think block
      const end = input.indexOf(CLOSE);
      if (end >= 0) {
        reasoning += input.slice(0, end);
        input = input.slice(end + CLOSE.length);
        this.state = 'closed';
        continue;
      }
      const keep = partialSuffix(input, CLOSE);
      reasoning += input.slice(0, input.length - keep);
      this.held = input.slice(input.length - keep);
      break;
    }
    return { text, reasoning };
  }

  /** Whatever is still held back when the answer ends. */
  flush(): { text: string; reasoning: string } {
    const rest = this.held;
    this.held = '';
    return this.state === 'inside' ? { text: '', reasoning: rest } : { text: rest, reasoning: '' };
  }
}

/** Length of the longest suffix of `s` that is a proper prefix of `tag`. */
function partialSuffix(s: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, s.length); n > 0; n--) {
    if (tag.startsWith(s.slice(s.length - n))) return n;
  }
  return 0;
}

/** Split a complete answer's content. */
export function splitThinkTags(content: string): { text: string; reasoning: string } {
  const splitter = new ThinkTagSplitter();
  const a = splitter.push(content);
  const b = splitter.flush();
  return { text: a.text + b.text, reasoning: a.reasoning + b.reasoning };
}
