/**
 * Shrinking a failing input: first node by node when it is JSON (drop a field or an element, replace a value
 * by a simpler one), then byte ranges of halving size (delta debugging). A candidate is kept when it still
 * fails the same way; the work is bounded by a number of executions and a time limit.
 */
export interface ShrinkBudget {
  maxExecs: number;
  maxMs: number;
}

export async function shrinkInput(
  input: Buffer,
  stillFails: (candidate: Buffer) => Promise<boolean>,
  budget: ShrinkBudget,
): Promise<{ input: Buffer; execs: number }> {
  let best = input;
  let execs = 0;
  const deadline = performance.now() + budget.maxMs;
  const tryCandidate = async (candidate: Buffer): Promise<boolean> => {
    if (execs >= budget.maxExecs || performance.now() > deadline) return false;
    if (candidate.length > best.length || candidate.equals(best)) return false;
    execs++;
    if (!(await stillFails(candidate))) return false;
    best = candidate;
    return true;
  };
  const spent = () => execs >= budget.maxExecs || performance.now() > deadline;

  for (let progress = true; progress && !spent(); ) {
    progress = false;
    for (const candidate of jsonCandidates(best)) {
      if (spent()) break;
      if (await tryCandidate(candidate)) {
        progress = true;
        break;
      }
    }
  }

  for (let chunk = Math.max(1, best.length >> 1); chunk >= 1 && !spent(); chunk >>= 1) {
    for (let start = 0; start < best.length && !spent(); ) {
      const candidate = Buffer.concat([best.subarray(0, start), best.subarray(start + chunk)]);
      if (!(await tryCandidate(candidate))) start += chunk;
    }
  }
  return { input: best, execs };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Simpler versions of a JSON input, one change each: a member removed or a value made simpler. */
function* jsonCandidates(input: Buffer): Generator<Buffer> {
  let root: Json;
  try {
    root = JSON.parse(input.toString('utf8')) as Json;
  } catch {
    return;
  }
  const paths: Array<Array<string | number>> = [];
  const walk = (v: Json, path: Array<string | number>) => {
    if (paths.length > 2000) return;
    paths.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) walk(v[k] as Json, [...path, k]);
  };
  walk(root, []);
  const encode = (v: Json) => Buffer.from(JSON.stringify(v), 'utf8');
  for (const path of paths.slice(1)) yield encode(edit(root, path, 'remove'));
  for (const path of paths) {
    for (const simpler of [null, 0, '', [], {}] as Json[]) yield encode(edit(root, path, 'replace', simpler));
  }
  for (const path of paths) {
    const v = get(root, path);
    if (typeof v === 'string' && v.length > 1) {
      yield encode(edit(root, path, 'replace', v.slice(0, v.length >> 1)));
      yield encode(edit(root, path, 'replace', v.slice(v.length >> 1)));
    }
  }
}

function get(root: Json, path: Array<string | number>): Json {
  let v: Json = root;
  for (const k of path) v = (v as Record<string | number, Json>)[k] as Json;
  return v;
}

function edit(root: Json, path: Array<string | number>, op: 'remove' | 'replace', value: Json = null): Json {
  const copy = JSON.parse(JSON.stringify(root)) as Json;
  if (path.length === 0) return value;
  const parent = get(copy, path.slice(0, -1)) as Json[] | Record<string, Json>;
  const key = path[path.length - 1] as string | number;
  if (op === 'remove') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else {
    Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}
