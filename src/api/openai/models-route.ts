import type { ListedModel } from '../../routing/model-table.js';
import type { GatewayContext } from '../gateway-context.js';
import type { RouteTable } from '../../http/route-table.js';
import type { RequestContext } from '../../http/request-context.js';
import { MAX_MODEL_NAME_CHARS } from './read-fields.js';
import { decodePathPart } from '../../http/decode-path-part.js';
import { GatewayError } from '../../spec/gateway-error.js';
import { policyBlock } from '../../routing/policies/route-policy.js';
import { describeListedModel } from './describe-listed-model.js';

/**
 * GET /v1/models and /v1/models/{id}: the names clients may ask for, each described by the deployments this
 * caller may reach (its policies and the kill switches in force).
 */
export function registerModelsRoute(routes: RouteTable, ctx: GatewayContext): void {
  const created = Math.floor(ctx.now() / 1000);
  // a key limited to some models sees only those
  const visible = (rc: RequestContext) => {
    const allowed = rc.principal?.record?.models;
    const all = ctx.models.list();
    return allowed ? all.filter((m) => allowed.includes(m.id)) : all;
  };
  const describer = (rc: RequestContext) => {
    const policy = ctx.policy.forCaller(rc.principal);
    return (m: ListedModel) => {
      const reachable = policy ? m.deployments.filter((d) => policyBlock(d, policy) === undefined) : m.deployments;
      return describeListedModel(m, reachable, created);
    };
  };
  const list = async (rc: RequestContext) => ({ object: 'list', data: visible(rc).map(describer(rc)) });
  routes.get('/v1/models', list).get('/models', list);
  routes.get('/v1/models/*', async (rc) => {
    const id = decodePathPart(rc.path.slice('/v1/models/'.length)).slice(0, MAX_MODEL_NAME_CHARS);
    const found = visible(rc).find((m) => m.id === id);
    if (!found) throw new GatewayError('model_not_found', `The model '${id}' does not exist on this gateway. GET /v1/models lists the models it serves.`, { param: 'model' });
    return describer(rc)(found);
  });
}
