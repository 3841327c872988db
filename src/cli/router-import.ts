import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadDefaultCatalog } from '../catalog/load-catalog.js';
import { importRouteLlm, type ImportResult } from '../routing/router/import-routellm.js';
import { importZeroEval } from '../routing/router/import-zeroeval.js';
import { writeRoutingJsonl } from '../routing/router/read-routing-jsonl.js';

export interface RouterImportOptions {
  weak?: string;
  strong?: string;
  weakId?: string;
  strongId?: string;
  out: string;
}

function importZeroEvalPath(path: string, opts: RouterImportOptions): ImportResult {
  if (!opts.weak || !opts.strong) throw new Error('zeroeval needs --weak and --strong (model column names, e.g. Meta-Llama-3.1-70B-Instruct)');
  const files = statSync(path).isDirectory()
    ? readdirSync(path).filter((f) => f.endsWith('_matrix.csv')).sort().map((f) => join(path, f))
    : [path];
  if (files.length === 0) throw new Error(`${path}: no *_matrix.csv files`);
  const catalog = loadDefaultCatalog();
  const result: ImportResult = { examples: [], notes: [] };
  for (const f of files) {
    const r = importZeroEval(f, { weak: opts.weak, strong: opts.strong, catalog, ...(opts.weakId ? { weakId: opts.weakId } : {}), ...(opts.strongId ? { strongId: opts.strongId } : {}) });
    result.examples.push(...r.examples);
    result.notes.push(...r.notes);
  }
  return result;
}

export function runRouterImport(source: string, path: string, opts: RouterImportOptions): number {
  let result: ImportResult;
  try {
    if (source === 'routellm') {
      result = importRouteLlm(path, { ...(opts.weak ? { weak: opts.weak } : {}), ...(opts.strong ? { strong: opts.strong } : {}) });
    } else if (source === 'zeroeval') result = importZeroEvalPath(path, opts);
    else {
      console.error(`unknown source ${source}: use routellm or zeroeval`);
      return 1;
    }
  } catch (err) {
    console.error(`router import: ${(err as Error).message}`);
    return 1;
  }
  for (const n of result.notes) console.error(n);
  writeRoutingJsonl(opts.out, result.examples);
  console.log(`${result.examples.length} examples → ${opts.out}`);
  return result.examples.length > 0 ? 0 : 1;
}
