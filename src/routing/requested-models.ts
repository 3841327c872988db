import { GatewayError } from '../spec/gateway-error.js';
import type { ModelTable, RouteNode } from './model-table.js';

/** The names a request asks for, each with what it stands for, in the order they are tried. */
export interface RequestedModels {
  /** The first name tried: the requested model, or where it is unknown, the first of the request's `models`. */
  primary: RouteNode;
  /** Every name to plan over, the primary first, each once. */
  names: ReadonlyArray<{ name: string; node: RouteNode }>;
  /** The requested model is unknown and the request falls back to its `models`, starting with this one. */
  fallback?: { model: string; reason: 'unknown_model' };
}

/**
 * The requested model and OpenRouter's fallback list `models`, resolved against the gateway's names. As on
 * OpenRouter, the list is tried after the model and the request uses the first that can serve, so an
 * unknown requested model falls back to the list (said in the plan, and so in `x-switchyard-route`). A name
 * in the list the gateway does not know is the request's mistake, a 400 naming it (`models[1]`), rather than
 * a fallback that silently cannot happen. With no list to fall back to, an unknown model is a 404.
 */
export function resolveRequestedModels(model: string, fallbacks: readonly string[], table: ModelTable): RequestedModels {
  const names: Array<{ name: string; node: RouteNode }> = [];
  const requested = table.node(model);
  if (requested) names.push({ name: model, node: requested });
  fallbacks.forEach((name, i) => {
    const node = table.node(name);
    if (!node) {
      throw new GatewayError(
        'invalid_request',
        `Invalid 'models[${i}]': the model '${name}' does not exist on this gateway, so it cannot be a fallback. GET /v1/models lists the models it serves.`,
        { param: `models[${i}]` },
      );
    }
    if (name !== model && !names.some((n) => n.name === name)) names.push({ name, node });
  });
  const first = names[0];
  if (!first) throw unknownModel(model);
  return { primary: first.node, names, ...(!requested && { fallback: { model: first.name, reason: 'unknown_model' as const } }) };
}

export function unknownModel(model: string): GatewayError {
  if (model === 'auto') {
    return new GatewayError(
      'model_not_found',
      "The model 'auto' needs one cost-quality route in the config (routes: {auto: {strategy: cost-quality, weak: [...], strong: [...]}}); see docs/router.md.",
      { param: 'model' },
    );
  }
  return new GatewayError(
    'model_not_found',
    `The model '${model}' does not exist on this gateway. GET /v1/models lists the models it serves; '<provider>/<model>' addresses a configured provider directly.`,
    { param: 'model' },
  );
}
