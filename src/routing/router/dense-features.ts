import { TREE_DENSE_DIM } from './feature-config.js';
import type { PromptView } from './prompt-view.js';

const squash = (x: number, scale: number) => x / (x + scale);
const MULTIPLE_CHOICE = /(^|\n)\s*\(?[A-D][.)]\s/g;
const CODE_WORDS = /\b(def|function|return|class|import|const|let|var|public|static|void|print|lambda|elif|while|for)\b|=>|\(\)|[{};]/g;
const MATH_MARKUP = /\\(frac|sqrt|cdot|times|pi|int|sum|left|right|boxed)|\$|\^|\u221a|\u03c0/g;

const LATEX_COMMAND = /\\[a-zA-Z]+/g;
const LOOPS = /\b(for|while)\b/g;
const BRANCHES = /\b(if|elif|else|switch|case)\b/g;
const METHOD_CALLS = /\.[A-Za-z_]\w*\(/g;
const SLICES = /\[[^\]\n]{0,40}:/g;

function countMatches(re: RegExp, text: string, max: number): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text) !== null && n < max) n++;
  return n;
}

/**
 * Length, shape, code, math and script statistics of a prompt, each scaled to about 0..1, written into `out`
 * (length TREE_DENSE_DIM, in TREE_FEATURE_NAMES order: DENSE_FEATURE_NAMES, then STRUCTURE_FEATURE_NAMES). Statistics come from a head-and-tail sample of at most
 * about `sampleChars` characters (counts scaled to the whole text), so the cost is bounded on long prompts.
 */
export function denseFeatures(view: PromptView, out: Float32Array, sampleChars = 1536): Float32Array {
  const text = view.text;
  // The regex counts look at a bounded sample (head and tail) so their cost does not grow with the prompt.
  const headN = Math.floor((sampleChars * 2) / 3);
  const tailN = sampleChars - headN;
  const sample = text.length <= sampleChars ? text : text.slice(0, headN) + '\n' + text.slice(text.length - tailN);
  const head = text.length <= sampleChars ? text.length : headN;
  const tailFrom = text.length <= sampleChars ? text.length : text.length - tailN;
  const n = head + (text.length - tailFrom);
  let digits = 0, ops = 0, questions = 0, nonAscii = 0, cjk = 0, cyrillic = 0, otherScript = 0;
  let newlines = 0, upper = 0, letters = 0, words = 0, wordChars = 0, numbers = 0;
  let inWord = false, inNumber = false;
  for (let i = 0; i < text.length; i++) {
    if (i === head) i = tailFrom;
    if (i >= text.length) break;
    const c = text.charCodeAt(i);
    let isWord = false;
    if (c < 128) {
      if (c >= 48 && c <= 57) {
        digits++;
        isWord = true;
        if (!inNumber) numbers++;
        inNumber = true;
      } else {
        inNumber = false;
        if (c >= 65 && c <= 90) (upper++, letters++, (isWord = true));
        else if (c >= 97 && c <= 122) (letters++, (isWord = true));
        else if (c === 10) newlines++;
        else if (c === 63) questions++;
        else if (c === 43 || c === 45 || c === 42 || c === 47 || c === 61 || c === 60 || c === 62 || c === 94) ops++;
      }
    } else {
      inNumber = false;
      nonAscii++;
      isWord = true;
      if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3040 && c <= 0x30ff) || (c >= 0xac00 && c <= 0xd7af)) cjk++;
      else if (c >= 0x0400 && c <= 0x04ff) cyrillic++;
      else if (c >= 0x0590 && c <= 0x0fff) otherScript++;
      else if (c >= 0x2000 && c <= 0x206f) isWord = false;
    }
    if (isWord) {
      wordChars++;
      if (!inWord) words++;
    }
    inWord = isWord;
  }
  const inv = 1 / Math.max(1, n);
  // Counts over the sample are scaled up to the whole text.
  const grow = text.length / Math.max(1, n);
  let k = 0;
  out[k++] = Math.log1p(text.length) / 10;
  out[k++] = Math.log1p(words * grow) / 8;
  out[k++] = Math.log1p(view.lastUser.length) / 10;
  out[k++] = Math.log1p(view.userTurns) / 2;
  out[k++] = Math.log1p(view.messages) / 3;
  out[k++] = view.systemChars > 0 ? 1 : 0;
  out[k++] = Math.log1p(view.systemChars) / 8;
  out[k++] = Math.log1p(view.toolsRequested) / 3;
  out[k++] = view.jsonRequested ? 1 : 0;
  out[k++] = text.includes('```') ? 1 : 0;
  out[k++] = squash(countMatches(CODE_WORDS, sample, 200), 10);
  out[k++] = squash(countMatches(MATH_MARKUP, sample, 200), 4);
  out[k++] = digits * inv;
  out[k++] = ops * inv;
  out[k++] = squash(questions * grow, 2);
  out[k++] = countMatches(MULTIPLE_CHOICE, sample, 8) >= 2 ? 1 : 0;
  out[k++] = nonAscii * inv;
  out[k++] = cjk * inv;
  out[k++] = cyrillic * inv;
  out[k++] = otherScript * inv;
  out[k++] = newlines * inv;
  out[k++] = upper / Math.max(1, letters);
  out[k++] = wordChars / Math.max(1, words) / 10;
  out[k++] = Math.log1p(numbers * grow) / 4;
  // Math and code structure, from the sample: bracket nesting, number magnitude, LaTeX commands, equations, and
  // code shape (indented lines, loops, branches, indentation depth, method calls, slices).
  let depth = 0, maxDepth = 0, run = 0, maxRun = 0, equals = 0, codeLines = 0, indent = 0, maxIndent = 0;
  let lineStart = true;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) maxDepth = Math.max(maxDepth, ++depth);
    else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--;
    if (c >= 48 && c <= 57) maxRun = Math.max(maxRun, ++run);
    else if (c !== 44 || run === 0) run = 0;
    if (c === 61) equals++;
    if (c === 10) {
      lineStart = true;
      indent = 0;
    } else if (lineStart) {
      if (c === 32) indent++;
      else if (c === 9) indent += 4;
      else {
        if (indent > 0) codeLines++;
        maxIndent = Math.max(maxIndent, indent);
        lineStart = false;
      }
    }
  }
  out[k++] = squash(maxDepth, 3);
  out[k++] = Math.min(1, maxRun / 10);
  out[k++] = squash(countMatches(LATEX_COMMAND, sample, 200), 6);
  out[k++] = squash(equals * grow, 4);
  out[k++] = Math.log1p(codeLines * grow) / 4;
  out[k++] = squash(countMatches(LOOPS, sample, 50), 2);
  out[k++] = squash(countMatches(BRANCHES, sample, 50), 3);
  out[k++] = squash(maxIndent / 4, 2);
  out[k++] = squash(countMatches(METHOD_CALLS, sample, 100), 4);
  out[k++] = squash(countMatches(SLICES, sample, 50), 2);
  if (k !== TREE_DENSE_DIM) throw new Error('dense feature count mismatch');
  return out;
}
