import { CHAT_PARAM_WIRE_NAMES, paramsSetIn, type ChatParam, type ChatRequest } from '../spec/chat-request.js';
import { GatewayError } from '../spec/gateway-error.js';
import type { ModelTable, ResolvedDeployment } from './model-table.js';

export interface Exclusion {
  providerId: string;
  model: string;
  /** Short machine-readable reason, e.g. `unsupported:seed`. */
  reason: string;
  /** The request parameter that excluded it, as the client named it. */
  param?: string;
}

export interface RoutePlan {
  requestedModel: string;
  /** Deployments to try, in order. */
  attempts: ResolvedDeployment[];
  /** Deployments left out, each with why. */
  excluded: Exclusion[];
}

/**
 * Which deployments may serve a chat request, in order, and why the others may not. Pure: it reads the
 * request and the model table and changes nothing. An unknown model is an error, not an empty plan.
 */
export function planChatRoute(req: ChatRequest, table: ModelTable): RoutePlan {
  const deployments = table.resolve(req.model);
  if (!deployments) throw unknownModel(req.model);
  const used = paramsSetIn(req);
  const attempts: ResolvedDeployment[] = [];
  const excluded: Exclusion[] = [];
  for (const d of deployments) {
    const param = used.find((p) => d.adapter.unsupportedParams.has(p));
    if (param) {
      const label = wireName(req, param);
      excluded.push({ providerId: d.providerId, model: d.model, reason: `unsupported:${label}`, param: label });
    } else {
      attempts.push(d);
    }
  }
  return { requestedModel: req.model, attempts, excluded };
}

/** Which deployments of a model can embed. */
export function planEmbeddingRoute(model: string, table: ModelTable): RoutePlan {
  const deployments = table.resolve(model);
  if (!deployments) throw unknownModel(model);
  const attempts = deployments.filter((d) => d.adapter.embed !== undefined);
  const excluded = deployments
    .filter((d) => d.adapter.embed === undefined)
    .map((d) => ({ providerId: d.providerId, model: d.model, reason: 'no-embeddings' }));
  return { requestedModel: model, attempts, excluded };
}

/** The error for a plan with nothing to try, naming what excluded each deployment. */
export function emptyPlanError(plan: RoutePlan): GatewayError {
  const first = plan.excluded[0];
  if (first?.param) {
    const wire = first.param;
    const where = plan.excluded.map((e) => `'${e.providerId}'`).join(', ');
    return new GatewayError(
      'unsupported_parameter',
      `The parameter '${wire}' is not supported by the provider(s) serving model '${plan.requestedModel}' (${where}). Remove it or choose another model.`,
      { param: wire },
    );
  }
  if (first?.reason === 'no-embeddings') {
    return new GatewayError('invalid_request', `The model '${plan.requestedModel}' does not serve embeddings.`, { param: 'model' });
  }
  return new GatewayError('upstream_unavailable', `No deployment of model '${plan.requestedModel}' is available.`);
}

function wireName(req: ChatRequest, param: ChatParam): string {
  if (param !== 'extra') return CHAT_PARAM_WIRE_NAMES[param];
  return Object.keys(req.extra ?? {}).join(', ') || CHAT_PARAM_WIRE_NAMES.extra;
}

function unknownModel(model: string): GatewayError {
  return new GatewayError(
    'model_not_found',
    `The model '${model}' does not exist on this gateway. GET /v1/models lists the models it serves; '<provider>/<model>' addresses a configured provider directly.`,
    { param: 'model' },
  );
}
