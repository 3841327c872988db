/**
 * Code-reasoning statistics of a prompt that shows a (Python-like) function and asks for its output or input, as
 * CRUXEval does. Computed on the code block (between [PYTHON] and [/PYTHON], or a ``` fence, else the whole text),
 * at most CODE_SAMPLE_CHARS characters of it, so the cost is bounded. Only boosted trees of the code variant read them.
 */
export const CODE_FEATURE_NAMES = [
  'code_statements',
  'code_for_loops',
  'code_while_loops',
  'code_nested_loops',
  'code_recursion',
  'code_string_methods',
  'code_list_methods',
  'code_dict_methods',
  'code_slices',
  'code_sorting',
  'code_index_arithmetic',
  'code_input_literal_chars',
  'code_distinct_builtins',
  'code_lambdas_comprehensions',
  'code_modulo',
  'code_string_formatting',
  'code_asks_input',
  'code_returns',
  'code_string_literals',
  'code_body_chars',
] as const;

export const CODE_DIM = CODE_FEATURE_NAMES.length;
export const CODE_SAMPLE_CHARS = 2048;

const STRING_METHODS = /\.(replace|split|rsplit|join|strip|lstrip|rstrip|find|rfind|upper|lower|count|index|rindex|startswith|endswith|center|ljust|rjust|zfill|format|title|capitalize|swapcase|partition|rpartition|isdigit|isalpha|isalnum|isupper|islower|isspace|isnumeric|isdecimal|istitle|casefold|expandtabs|splitlines|translate|maketrans|removeprefix|removesuffix|encode)\(/g;
const LIST_METHODS = /\.(append|pop|insert|remove|extend|sort|reverse|copy|clear)\(/g;
const DICT_METHODS = /\.(items|keys|values|get|update|setdefault|popitem|fromkeys)\(/g;
const SLICES = /\[[^\]\n]{0,40}:/g;
const SORTING = /\bsorted\(|\.sort\(|\breversed\(|\.reverse\(/g;
const INDEX_ARITH = /\[[^\]\n]{0,30}[+\-*/%][^\]\n]{0,30}\]/g;
const LAMBDA_COMP = /\blambda\b|[[({][^\]\n)}]{0,80}\bfor\b[^\]\n)}]{0,80}\bin\b/g;
const FORMATTING = /\bf['"]|\.format\(|['"]\s*%\s*[(\w]/g;
const RETURNS = /\breturn\b/g;
const STRINGS = /'[^'\n]*'|"[^"\n]*"/g;
const BUILTIN = /\b(len|range|sorted|list|dict|set|str|int|float|enumerate|zip|map|filter|sum|max|min|abs|reversed|ord|chr|any|all|tuple|isinstance|bool|round|divmod|pow|hex|bin|iter|next|type)\(/g;

function count(re: RegExp, text: string, max: number): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text) !== null && n < max) n++;
  return n;
}

const squash = (x: number, scale: number) => x / (x + scale);

/** The code block of a prompt (bounded), or the bounded head of the text when it has none. */
function codeBlock(text: string): string {
  let from = text.indexOf('[PYTHON]');
  let to = -1;
  if (from >= 0) {
    from += 8;
    to = text.indexOf('[/PYTHON]', from);
  } else {
    from = text.indexOf('```');
    if (from >= 0) {
      from = text.indexOf('\n', from) + 1 || from + 3;
      to = text.indexOf('```', from);
    } else from = 0;
  }
  if (to < 0) to = text.length;
  return text.slice(from, Math.min(to, from + CODE_SAMPLE_CHARS));
}

/** Fill `out` (length CODE_DIM, CODE_FEATURE_NAMES order) with the code statistics of `text`. */
export function codeFeatures(text: string, out: Float32Array): Float32Array {
  const code = codeBlock(text);
  let statements = 0, forLoops = 0, whileLoops = 0, nested = 0, modulo = 0, inputChars = 0, asksInput = 0;
  const loopIndents: number[] = [];
  let funcName = '';
  let recursion = 0;
  let bodyChars = 0;
  let lineStart = 0;
  for (let i = 0; i <= code.length; i++) {
    if (i < code.length && code.charCodeAt(i) !== 10) continue;
    const line = code.slice(lineStart, i);
    lineStart = i + 1;
    const trimmed = line.trimStart();
    if (!trimmed) continue;
    const indent = line.length - trimmed.length;
    if (trimmed.startsWith('assert ')) {
      // `assert f(INPUT) == OUTPUT`: the literal the model must reason about (input) or produce (output).
      const eq = trimmed.lastIndexOf('==');
      const open = trimmed.indexOf('(');
      if (trimmed.includes('??') && eq >= 0 && trimmed.indexOf('??') < eq) {
        asksInput = 1;
        inputChars = trimmed.length - eq - 2;
      } else if (open >= 0) inputChars = (eq > open ? eq : trimmed.length) - open;
      continue;
    }
    if (trimmed.startsWith('def ')) {
      if (!funcName) funcName = trimmed.slice(4, trimmed.indexOf('(') >= 4 ? trimmed.indexOf('(') : undefined).trim();
      continue;
    }
    statements++;
    bodyChars += trimmed.length;
    while (loopIndents.length && loopIndents[loopIndents.length - 1]! >= indent) loopIndents.pop();
    const isFor = trimmed.startsWith('for ');
    const isWhile = trimmed.startsWith('while ');
    if (isFor || isWhile) {
      if (loopIndents.length) nested++;
      loopIndents.push(indent);
      if (isFor) forLoops++;
      else whileLoops++;
    }
    if (funcName && trimmed.includes(funcName + '(')) recursion = 1;
    for (let j = 0; j < trimmed.length; j++) if (trimmed.charCodeAt(j) === 37) modulo++;
  }
  const builtins = new Set<string>();
  BUILTIN.lastIndex = 0;
  for (let m = BUILTIN.exec(code), n = 0; m !== null && n < 100; m = BUILTIN.exec(code), n++) builtins.add(m[1]!);
  let k = 0;
  out[k++] = squash(statements, 6);
  out[k++] = squash(forLoops, 1);
  out[k++] = squash(whileLoops, 1);
  out[k++] = squash(nested, 1);
  out[k++] = recursion;
  out[k++] = squash(count(STRING_METHODS, code, 100), 2);
  out[k++] = squash(count(LIST_METHODS, code, 100), 2);
  out[k++] = squash(count(DICT_METHODS, code, 100), 2);
  out[k++] = squash(count(SLICES, code, 50), 2);
  out[k++] = squash(count(SORTING, code, 50), 1);
  out[k++] = squash(count(INDEX_ARITH, code, 50), 2);
  out[k++] = Math.log1p(inputChars) / 6;
  out[k++] = squash(builtins.size, 3);
  out[k++] = squash(count(LAMBDA_COMP, code, 50), 1);
  out[k++] = squash(modulo, 1);
  out[k++] = squash(count(FORMATTING, code, 50), 1);
  out[k++] = asksInput;
  out[k++] = squash(count(RETURNS, code, 50), 2);
  out[k++] = squash(count(STRINGS, code, 100), 3);
  out[k++] = Math.log1p(bodyChars) / 8;
  if (k !== CODE_DIM) throw new Error('code feature count mismatch');
  return out;
}
