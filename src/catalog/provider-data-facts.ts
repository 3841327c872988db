import type { CatalogProvider } from './catalog-types.js';

/** The two facts policies and a request's `zdr` / `data_collection` act on; undefined when not known. */
export interface DataFacts {
  /** It keeps nothing of prompts and answers. */
  zeroRetention?: boolean;
  trainsOnPrompts?: boolean;
}

/**
 * What a hosted provider type does with prompts, as policies must read it: zero retention only when it keeps
 * nothing by default or the operator declares an agreement; a zero-retention option the operator has not
 * taken up does not count. What the operator declares wins over the catalog. A provider that keeps nothing
 * cannot train on what it does not keep. (Self-hosted servers are decided by the caller, not here.)
 */
export function providerDataFacts(provider: CatalogProvider): DataFacts {
  const policy = provider.dataPolicy;
  const declared = provider.declared;
  const catalogZero = policy?.retention === undefined ? undefined : policy.retention === 'zero-by-default';
  const zeroRetention = declared?.zeroRetention ?? catalogZero;
  const trainsOnPrompts = declared?.trainsOnPrompts ?? (zeroRetention === true ? false : policy?.trainsOnPrompts);
  return {
    ...(zeroRetention !== undefined && { zeroRetention }),
    ...(trainsOnPrompts !== undefined && { trainsOnPrompts }),
  };
}
