import { asObject, asString, setOwn, type JsonObject } from '../toolkit/json-shapes.js';

type Segment = string | number;

/**
 * Applies one `partialArgs` entry of a streamed Gemini function call (Vertex AI's
 * `streamFunctionCallArguments`) to the arguments built so far. An entry names a value by JSON path
 * (`$.recipe.steps[1]`) and carries a piece of it: string values arrive in pieces and are appended; numbers,
 * booleans and nulls arrive whole. Entries with a path or value the adapter cannot read are skipped.
 */
export function applyPartialArg(args: JsonObject, entry: unknown): void {
  const arg = asObject(entry);
  const path = parseJsonPath(asString(arg?.jsonPath));
  if (!arg || !path || path.length === 0) return;
  let container: JsonObject | unknown[] = args;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i] as Segment;
    const nextIsIndex = typeof path[i + 1] === 'number';
    let child = readSlot(container, key);
    if (typeof child !== 'object' || child === null) {
      child = nextIsIndex ? [] : {};
      writeSlot(container, key, child);
    }
    container = child as JsonObject | unknown[];
  }
  const leaf = path[path.length - 1] as Segment;
  if (typeof arg.stringValue === 'string') {
    const before = readSlot(container, leaf);
    writeSlot(container, leaf, (typeof before === 'string' ? before : '') + arg.stringValue);
  } else if (typeof arg.numberValue === 'number' || typeof arg.boolValue === 'boolean') {
    writeSlot(container, leaf, arg.numberValue ?? arg.boolValue);
  } else if ('nullValue' in arg) {
    writeSlot(container, leaf, null);
  }
}

/** Own slots only: a path through `__proto__` or `constructor` reads nothing inherited. */
function readSlot(container: JsonObject | unknown[], key: Segment): unknown {
  if (Array.isArray(container)) return typeof key === 'number' && key < container.length ? container[key] : undefined;
  const name = String(key);
  return Object.hasOwn(container, name) ? container[name] : undefined;
}

/**
 * Set a slot as an own property: a key named `__proto__` becomes a plain key of the arguments, never a
 * change of any object's prototype. An array index may overwrite an element or append one; an index past
 * the end (which would make a sparse array of any length) is skipped.
 */
function writeSlot(container: JsonObject | unknown[], key: Segment, value: unknown): void {
  if (Array.isArray(container)) {
    if (typeof key === 'number' && key <= container.length) container[key] = value;
  } else {
    setOwn(container, String(key), value);
  }
}

const SEGMENT = /\.([^.[\]]+)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]/y;

/** `$.a.b[2]['c d']` as `['a', 'b', 2, 'c d']`; undefined when the path is not of that form. */
export function parseJsonPath(path: string | undefined): Segment[] | undefined {
  if (!path?.startsWith('$')) return undefined;
  const segments: Segment[] = [];
  SEGMENT.lastIndex = 1;
  while (SEGMENT.lastIndex < path.length) {
    const m = SEGMENT.exec(path);
    if (!m) return undefined;
    if (m[2] !== undefined) segments.push(Number(m[2]));
    else segments.push((m[1] ?? m[3] ?? m[4] ?? '').replace(/\\(.)/g, '$1'));
  }
  return segments;
}
