/**
 * Rebuild src/catalog/data/catalog.json from the curation (src/catalog/build/curation/) and the public data in
 * ../shared/catalog (or $SWITCHYARD_SHARED/catalog): LiteLLM's price file, an OpenRouter models snapshot and
 * Epoch AI's notable-models list. The product never reads those files; it ships the JSON this writes.
 *
 *   npx tsc -p tools/tsconfig.json && node node_modules/.cache/switchyard-tools/tools/build-catalog.js [--check]
 *
 * --check: write nothing, exit 1 when the committed catalog.json differs from a rebuild.
 * Either way an implausible price (findImplausiblePrices: one price out of line with the model's other offers)
 * is printed and fails the run: a build then writes nothing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildCatalogData, type CatalogBuild } from '../src/catalog/build/build-catalog-data.js';
import { findImplausiblePrices } from '../src/catalog/build/check-price-plausibility.js';
import { CURATED_DEVELOPERS } from '../src/catalog/build/curation/index.js';
import { CURATED_OFFER_MIRRORS, CURATED_PROVIDERS } from '../src/catalog/build/curation/providers.js';
import { readSharedCatalogSources } from '../src/catalog/build/shared-sources.js';
import type { CatalogData } from '../src/catalog/catalog-types.js';

/** The repository root: the nearest folder above this file holding switchyard's package.json (works compiled too). */
export function findRepoRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === '@switchyard-gateway/switchyard') return dir;
    if (dirname(dir) === dir) throw new Error(`no switchyard package.json above ${from}`);
  }
}

/** ../shared/catalog beside the repository, or $SWITCHYARD_SHARED/catalog; undefined when neither exists. */
export function findSharedCatalogDir(repoRoot = findRepoRoot()): string | undefined {
  const shared = process.env.SWITCHYARD_SHARED ?? join(repoRoot, '..', 'shared');
  const dir = resolve(shared, 'catalog');
  return existsSync(dir) ? dir : undefined;
}

export function committedCatalogPath(repoRoot = findRepoRoot()): string {
  return join(repoRoot, 'src', 'catalog', 'data', 'catalog.json');
}

export function serializeCatalog(data: CatalogData): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

export function buildCatalogFromShared(sharedCatalogDir: string): CatalogBuild {
  return buildCatalogData(readSharedCatalogSources(sharedCatalogDir), CURATED_DEVELOPERS, CURATED_PROVIDERS, CURATED_OFFER_MIRRORS);
}

function main(args: string[]): number {
  const root = findRepoRoot();
  const dir = findSharedCatalogDir(root);
  if (!dir) {
    console.error('shared catalog data not found: set SWITCHYARD_SHARED or place it at ../shared/catalog');
    return 1;
  }
  const { data, warnings } = buildCatalogFromShared(dir);
  for (const w of warnings) console.warn(`note: ${w}`);
  const byDeveloper = new Map<string, number>();
  for (const m of data.models) byDeveloper.set(m.developer, (byDeveloper.get(m.developer) ?? 0) + 1);
  const offers = data.models.reduce((n, m) => n + m.offers.length, 0);
  console.log(`${data.models.length} models, ${offers} offers, ${data.providers.length} providers, as of ${data.asOf}`);
  console.log([...byDeveloper].map(([d, n]) => `${d} ${n}`).join(', '));
  const implausible = findImplausiblePrices(data.models, CURATED_OFFER_MIRRORS);
  for (const p of implausible) console.error(`implausible price: ${p}`);
  const out = committedCatalogPath(root);
  const text = serializeCatalog(data);
  if (args.includes('--check')) {
    const same = existsSync(out) && readFileSync(out, 'utf8') === text;
    console.log(same ? `${out} is up to date` : `${out} differs from a rebuild`);
    return same && implausible.length === 0 ? 0 : 1;
  }
  if (implausible.length > 0) {
    console.error(`${implausible.length} implausible price(s): nothing written`);
    return 1;
  }
  writeFileSync(out, text);
  console.log(`wrote ${out}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));
