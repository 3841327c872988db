import { findSharedCatalogDir } from '../../tools/build-catalog.js';

/**
 * The public catalog data (../shared/catalog, or $SWITCHYARD_SHARED/catalog). Undefined in a clone without it:
 * the rebuild test then skips and says why.
 */
export const sharedCatalogDir: string | undefined = findSharedCatalogDir();

export const sharedCatalogSkipReason = sharedCatalogDir
  ? ''
  : 'shared catalog data not found (set SWITCHYARD_SHARED or place it at ../shared/catalog); catalog rebuild check skipped';

if (!sharedCatalogDir) console.warn(`[switchyard tests] ${sharedCatalogSkipReason}`);
