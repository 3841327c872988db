import type { Price } from '../../catalog/catalog-types.js';
import type { ListedModel, ResolvedDeployment } from '../../routing/model-table.js';

/**
 * A name as `GET /v1/models` lists it to one caller: OpenAI's fields plus what the catalog knows, taken only
 * from `reachable`, the deployments the caller's policies and the kill switches let it reach.
 *
 * A model (configured, or `<provider>/<model>`) is owned by the provider of its first reachable deployment and
 * headlined by that deployment's price (USD per million tokens), with the model's developer, origin, licence
 * and context. A route (`routes:`, `auto`) may send a request to different models, so no one deployment speaks
 * for it: it is owned by `switchyard` and gives its strategy, the origins it may reach and the range of their
 * prices. Either way `deployments` lists what the caller may reach, each with its price, the model's origin
 * and the provider's jurisdiction (`simulated: true` where a simulated provider stands in); none reachable
 * leaves it empty, with no headline.
 */
export function describeListedModel(m: ListedModel, reachable: readonly ResolvedDeployment[], created: number): Record<string, unknown> {
  const head = { id: m.id, object: 'model', created };
  const deployments = reachable.map(describeDeployment);
  if (m.route) {
    const origins = [...new Set(reachable.flatMap((d) => (d.info.origin ? [d.info.origin] : [])))].sort();
    const range = priceRange(reachable.flatMap((d) => (d.info.price ? [d.info.price] : [])));
    return { ...head, owned_by: 'switchyard', route: { strategy: m.route }, origins, ...(range && { price_range: range }), deployments };
  }
  const first = reachable[0];
  const info = reachable.find((d) => d.info.catalogModel)?.info ?? first?.info;
  return {
    ...head,
    owned_by: first?.providerId ?? 'switchyard',
    ...(first?.info.price && { pricing: wirePrice(first.info.price) }),
    ...(info?.catalogModel && {
      catalog_id: info.catalogModel,
      developer: info.developer,
      origin: info.origin,
      open_weights: info.openWeights,
      license: info.license,
      context_length: info.contextLength,
      capabilities: info.capabilities,
    }),
    deployments,
  };
}

function describeDeployment(d: ResolvedDeployment): Record<string, unknown> {
  return {
    provider: d.providerId,
    model: d.model,
    price: d.info.price ? wirePrice(d.info.price) : null,
    origin: d.info.origin ?? null,
    jurisdiction: d.info.jurisdiction ?? (d.info.selfHosted ? 'self-hosted' : null),
    ...(d.adapter.simulated && { simulated: true }),
  };
}

const UNIT = 'USD per million tokens';

function wirePrice(p: Price): Record<string, unknown> {
  return {
    unit: UNIT,
    input: p.input,
    ...(p.cachedInput !== undefined && { cached_input: p.cachedInput }),
    ...(p.cacheWrite !== undefined && { cache_write: p.cacheWrite }),
    output: p.output,
    ...(p.reasoning !== undefined && { reasoning: p.reasoning }),
    source: p.source,
    as_of: p.asOf,
  };
}

/** The cheapest and dearest input and output prices among a route's reachable deployments; none priced, none. */
function priceRange(prices: readonly Price[]): Record<string, unknown> | undefined {
  if (prices.length === 0) return undefined;
  const span = (values: number[]) => ({ min: Math.min(...values), max: Math.max(...values) });
  return { unit: UNIT, input: span(prices.map((p) => p.input)), output: span(prices.map((p) => p.output)) };
}
