import type { Price } from '../../catalog/catalog-types.js';
import type { ListedModel } from '../../routing/model-table.js';
import type { GatewayContext } from '../gateway-context.js';
import type { RouteTable } from '../../http/route-table.js';
import type { RequestContext } from '../../http/request-context.js';
import { MAX_MODEL_NAME_CHARS } from './read-fields.js';
import { decodePathPart } from '../../http/decode-path-part.js';
import { GatewayError } from '../../spec/gateway-error.js';

/** GET /v1/models and /v1/models/{id}: the names clients may ask for. */
export function registerModelsRoute(routes: RouteTable, ctx: GatewayContext): void {
  const created = Math.floor(ctx.now() / 1000);
  const describe = (m: ListedModel) => describeModel(m, created);
  // a key limited to some models sees only those
  const visible = (rc: RequestContext) => {
    const allowed = rc.principal?.record?.models;
    const all = ctx.models.list();
    return allowed ? all.filter((m) => allowed.includes(m.id)) : all;
  };
  const list = async (rc: RequestContext) => ({ object: 'list', data: visible(rc).map(describe) });
  routes.get('/v1/models', list).get('/models', list);
  routes.get('/v1/models/*', async (rc) => {
    const id = decodePathPart(rc.path.slice('/v1/models/'.length)).slice(0, MAX_MODEL_NAME_CHARS);
    const found = visible(rc).find((m) => m.id === id);
    if (!found) throw new GatewayError('model_not_found', `The model '${id}' does not exist on this gateway. GET /v1/models lists the models it serves.`, { param: 'model' });
    return describe(found);
  });
}

/**
 * A model as OpenAI lists it, plus what the catalog knows: the first deployment's price (USD per million
 * tokens), the model's developer, origin, licence and context, and every deployment with its price and
 * its provider's jurisdiction (and `simulated: true` where a simulated provider stands in for it).
 */
function describeModel(m: ListedModel, created: number): Record<string, unknown> {
  const info = m.deployments.find((d) => d.info.catalogModel)?.info ?? m.deployments[0]?.info;
  const first = m.deployments[0]?.info.price;
  return {
    id: m.id,
    object: 'model',
    created,
    owned_by: m.ownedBy,
    ...(first && { pricing: wirePrice(first) }),
    ...(info?.catalogModel && {
      catalog_id: info.catalogModel,
      developer: info.developer,
      origin: info.origin,
      open_weights: info.openWeights,
      license: info.license,
      context_length: info.contextLength,
      capabilities: info.capabilities,
    }),
    deployments: m.deployments.map((d) => ({
      provider: d.providerId,
      model: d.model,
      price: d.info.price ? wirePrice(d.info.price) : null,
      jurisdiction: d.info.jurisdiction ?? (d.info.selfHosted ? 'self-hosted' : null),
      ...(d.adapter.simulated && { simulated: true }),
    })),
  };
}

function wirePrice(p: Price): Record<string, unknown> {
  return {
    unit: 'USD per million tokens',
    input: p.input,
    ...(p.cachedInput !== undefined && { cached_input: p.cachedInput }),
    ...(p.cacheWrite !== undefined && { cache_write: p.cacheWrite }),
    output: p.output,
    ...(p.reasoning !== undefined && { reasoning: p.reasoning }),
    source: p.source,
    as_of: p.asOf,
  };
}
