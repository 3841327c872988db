import { randomUUID } from 'node:crypto';
import { estimateRequestTokens } from '../../accounting/estimate-request-tokens.js';
import type { RequestContext, RouteHandler } from '../../http/request-context.js';
import { emptyPlanError } from '../../routing/plan-route.js';
import { planChatRequest } from '../../routing/plan-request.js';
import { toGatewayError } from '../../spec/gateway-error.js';
import type { GatewayContext } from '../gateway-context.js';
import { parseMessagesRequest } from './parse-messages-request.js';

/**
 * POST /v1/messages/count_tokens: the gateway's own estimate of the request's input tokens (its text,
 * tools and images), the same estimate budgets are admitted with. It asks no upstream and costs nothing,
 * but it is a request like any other: the key's model list, its rate limit, policies and kill switches
 * apply (a model this caller may not reach is refused as a message would be), and it gets its ledger row.
 * It is an estimate, not the served model's tokenizer. `max_tokens` is not part of this request on
 * Anthropic's API, so a placeholder stands in for it.
 */
export function countTokensHandler(ctx: GatewayContext): RouteHandler {
  return async (rc: RequestContext) => {
    const id = `msg_count_${randomUUID()}`;
    const account = ctx.openAccount(id, rc.principal);
    rc.headers['x-switchyard-request-id'] = id;
    try {
      const req = parseMessagesRequest(withMaxTokens(rc.body));
      account.requestedModel = req.model;
      rc.outcome.model = req.model;
      const inputTokens = estimateRequestTokens(req);
      // the gateway's own planner: an unknown model is 404, one no policy lets this caller reach is 403
      const plan = planChatRequest(req, ctx.planner, rc.principal, inputTokens);
      if (plan.attempts.length === 0) {
        const refusal = emptyPlanError(plan);
        if (refusal.code === 'policy_denied') throw refusal;
      }
      // the model list and the rate limit; no budget is reserved (nothing is bought) and no tokens counted
      await account.admit({ model: req.model, plan: undefined, inputEstimate: 0, inputBound: 0, maxOutput: undefined });
      await account.close(200);
      return { input_tokens: inputTokens };
    } catch (err) {
      const error = toGatewayError(err);
      await account.close(error.status, error);
      throw error;
    }
  };
}

function withMaxTokens(body: unknown): unknown {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && !('max_tokens' in body) ? { ...body, max_tokens: Number.MAX_SAFE_INTEGER } : body;
}
