/**
 * Leave-one-dataset-out (LODO) evaluation of router training recipes on the shared routing data
 * (../shared/routing-data or $SWITCHYARD_ROUTING_DATA): for each dataset, a router is trained with the recipe on
 * every OTHER dataset and evaluated on all of the left-out one, as a router meets traffic it was not trained on.
 * Prints per-dataset APGR (random = 0.5), the worst and the mean, and the strong share that the threshold
 * calibrated for 30% actually sends on the new dataset.
 *
 *   tsc -p tools/tsconfig.json --outDir /tmp/router-tools && node /tmp/router-tools/tools/router-lodo.js [recipe...] [--json out.json]
 *
 * With no recipe names it runs `shipped` (the recipe tools/train-default-router.ts uses). `--list` names them all.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadDefaultCatalog } from '../src/catalog/load-catalog.js';
import { featureCache, leaveOneDatasetOut, type LodoSummary } from '../src/routing/router/leave-one-dataset-out.js';
import { importSharedRoutingData } from '../src/routing/router/router-data-sources.js';
import { LODO_RECIPES, SHIPPED_RECIPE } from '../src/routing/router/router-recipes.js';
import { findRepoRoot } from './build-catalog.js';

const args = process.argv.slice(2);
/** The recipe's options as JSON, functions (a soft target) named rather than dropped. */
const describeOptions = (o: object) => JSON.stringify(o, (_k, v: unknown) => (typeof v === 'function' ? `(function ${(v as { name?: string }).name ?? ''})` : v));
if (args.includes('--list')) {
  for (const [name, r] of Object.entries(LODO_RECIPES)) console.log(`${name}\t${describeOptions(r)}`);
  process.exit(0);
}
const jsonAt = args.indexOf('--json');
const jsonOut = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
const names = args.filter((a, i) => !a.startsWith('--') && (jsonAt < 0 || i !== jsonAt + 1));
const recipes = names.length ? names : [SHIPPED_RECIPE];
for (const n of recipes) if (!LODO_RECIPES[n]) throw new Error(`unknown recipe ${n} (--list names them)`);

const root = findRepoRoot(process.cwd());
const dataDir = resolve(process.env.SWITCHYARD_ROUTING_DATA ?? join(root, '..', 'shared', 'routing-data'));
if (!existsSync(dataDir)) {
  console.error(`routing data not found at ${dataDir}: set SWITCHYARD_ROUTING_DATA`);
  process.exit(1);
}
const all = importSharedRoutingData(dataDir, loadDefaultCatalog());
const featuresOf = featureCache();
const out: Record<string, LodoSummary & { options: unknown }> = {};
for (const name of recipes) {
  const options = LODO_RECIPES[name]!;
  const t0 = Date.now();
  const summary = leaveOneDatasetOut(all, options, { featuresOf, progress: (m) => console.error(`${name}: ${m}`) });
  out[name] = { ...summary, options: JSON.parse(describeOptions(options)) as unknown };
  const cells = summary.results.map((r) => `${r.dataset} ${r.apgr === null ? 'n/a' : r.apgr.toFixed(3)}`).join(' | ');
  console.log(`${name}\tworst ${summary.worst.toFixed(3)}\tmean ${summary.mean.toFixed(3)}\t${cells}\t(${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  console.log(`  options ${describeOptions(options)}; strong share at the 30% threshold: ${summary.results.map((r) => `${r.dataset} ${(r.shareAt30 * 100).toFixed(0)}%`).join(', ')}`);
}
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(out, null, 2)}\n`);
