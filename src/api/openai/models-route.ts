import type { GatewayContext } from '../gateway-context.js';
import type { RouteTable } from '../../http/route-table.js';
import { GatewayError } from '../../spec/gateway-error.js';

/** GET /v1/models and /v1/models/{id}: the names clients may ask for. */
export function registerModelsRoute(routes: RouteTable, ctx: GatewayContext): void {
  const created = Math.floor(ctx.now() / 1000);
  const describe = (m: ReturnType<typeof ctx.models.list>[number]) => ({
    id: m.id,
    object: 'model',
    created,
    owned_by: m.ownedBy,
    deployments: m.deployments.map((d) => `${d.providerId}/${d.model}`),
  });
  const list = async () => ({ object: 'list', data: ctx.models.list().map(describe) });
  routes.get('/v1/models', list).get('/models', list);
  routes.get('/v1/models/*', async (rc) => {
    const id = decodePathPart(rc.path.slice('/v1/models/'.length));
    const found = ctx.models.list().find((m) => m.id === id);
    if (!found) throw new GatewayError('model_not_found', `The model '${id}' does not exist on this gateway. GET /v1/models lists the models it serves.`, { param: 'model' });
    return describe(found);
  });
}

function decodePathPart(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new GatewayError('invalid_request', `The path contains an invalid escape: '${text}'.`);
  }
}
