import type { CatalogModel, CatalogProvider, Offer } from '../catalog/catalog-types.js';
import { ReportOptionError } from './report-option-error.js';

/** The part of the catalog the reports use. */
export interface ReportCatalog {
  model(id: string): CatalogModel | undefined;
  resolve(providerType: string, upstreamModel: string): { model?: CatalogModel; offer?: Offer };
  /** When present: a model id is priced at its developer's own API, and self-hosted providers are named so. */
  provider?(type: string): CatalogProvider | undefined;
}

export interface Baseline {
  ref: string;
  offer: Offer;
  model?: CatalogModel;
  /** Set when the ref named a model with several offers and one was picked. */
  note?: string;
}

/**
 * The offer savings are measured against: `provider type/upstream model` (`openai/gpt-5`, and the model
 * name may itself hold slashes) or a catalog model id, priced at its developer's own API when the catalog
 * says which offer that is, else at its first listed offer.
 */
export function resolveBaseline(ref: string | undefined, catalog: ReportCatalog | undefined): Baseline {
  if (!ref) {
    throw new ReportOptionError('baseline', undefined, 'this needs a baseline: set `baseline:` in the config or give {baseline} (e.g. openai/gpt-5)');
  }
  if (!catalog) throw new ReportOptionError('baseline', undefined, 'savings needs the catalog to price the baseline, and none was loaded');
  const slash = ref.indexOf('/');
  const found = slash > 0 ? catalog.resolve(ref.slice(0, slash), ref.slice(slash + 1)) : {};
  if (found.offer) return { ref, offer: found.offer, ...(found.model && { model: found.model }) };
  const model = catalog.model(ref);
  if (model) {
    const firstParty = model.offers.find((o) => catalog.provider?.(o.provider)?.firstPartyFor.includes(model.developer));
    const offer = firstParty ?? model.offers[0];
    if (!offer) throw new ReportOptionError('baseline', ref, 'the catalog knows the model but no price for it');
    return {
      ref,
      offer,
      model,
      ...(!firstParty && model.offers.length > 1 && {
        note: `Baseline ${ref} priced as ${offer.provider}/${offer.upstreamModel}, the first of its ${model.offers.length} offers; give provider/model to choose another.`,
      }),
    };
  }
  if (found.model) {
    // never borrow another provider's price for the one named
    throw new ReportOptionError(
      'baseline',
      ref,
      `the catalog knows the model (${found.model.id}) but not its price at ${ref.slice(0, slash)}; give ${found.model.id} or one of its offers`,
    );
  }
  throw new ReportOptionError(
    'baseline',
    ref,
    'not in the catalog: give a provider type and its model name (e.g. openai/gpt-5) or a catalog model id',
  );
}
