import { Catalog, type CatalogOptions } from './catalog.js';
import type { CatalogOverrides } from './catalog-overrides.js';
import type { CatalogData } from './catalog-types.js';
import data from './data/catalog.json' with { type: 'json' };
import { assertCatalogData } from './validate-catalog-data.js';

export { Catalog } from './catalog.js';
export type { CatalogOptions, ModelFilter, Resolution } from './catalog.js';
export type { CatalogOverrides, ModelOverride, PriceOverride, ProviderOverride } from './catalog-overrides.js';

let checked: CatalogData | undefined;

/** The catalog data committed with this release (built by tools/build-catalog.ts), checked once. */
export function defaultCatalogData(): CatalogData {
  if (!checked) {
    const value: unknown = data;
    assertCatalogData(value, 'src/catalog/data/catalog.json');
    checked = value;
  }
  return checked;
}

/** The committed catalog, with config overrides when given. */
export function loadDefaultCatalog(overrides?: CatalogOverrides, options?: CatalogOptions): Catalog {
  return new Catalog(defaultCatalogData(), overrides, options);
}
