import type { FastifyInstance } from 'fastify';
import type { GatewayContext } from '../../server/gateway-context.js';
import { GatewayError } from '../../spec/gateway-error.js';

/** GET /v1/models and /v1/models/{id}: the names clients may ask for. */
export function registerModelsRoute(app: FastifyInstance, ctx: GatewayContext): void {
  const created = Math.floor(ctx.now() / 1000);
  const describe = (m: ReturnType<typeof ctx.models.list>[number]) => ({
    id: m.id,
    object: 'model',
    created,
    owned_by: m.ownedBy,
    deployments: m.deployments.map((d) => `${d.providerId}/${d.model}`),
  });
  const list = async () => ({ object: 'list', data: ctx.models.list().map(describe) });
  app.get('/v1/models', list);
  app.get('/models', list);
  app.get('/v1/models/*', async (request) => {
    const id = (request.params as { '*': string })['*'];
    const found = ctx.models.list().find((m) => m.id === id);
    if (!found) throw new GatewayError('model_not_found', `The model '${id}' does not exist on this gateway. GET /v1/models lists the models it serves.`, { param: 'model' });
    return describe(found);
  });
}
