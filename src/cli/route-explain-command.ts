import { readFileSync } from 'node:fs';
import { checkModelsAllowed } from '../accounting/request-account.js';
import { parseChatRequest } from '../api/openai/parse-chat-request.js';
import { explainPlan, renderPlanExplanation } from '../routing/explain-plan.js';
import { planChatRequest } from '../routing/plan-request.js';
import { loadCommandConfig } from './command-config.js';
import { exitForKnownError } from './known-error.js';
import { CallerError } from '../auth/caller-of.js';
import { openStorePlanner } from './store-planner.js';

export interface RouteExplainOptions {
  config?: string;
  model?: string;
  request?: string;
  key?: string;
  team?: string;
  format?: string;
}

/**
 * `switchyard route explain --model M [--request req.json] [--key K | --team T]`: the plan the gateway
 * would make for this request from this caller (the deployments in the order they would be tried, and why
 * every other one is left out), made by the gateway's own planner with its policies, the kill switches in
 * its store and its caps. Sends nothing.
 */
export async function runRouteExplain(opts: RouteExplainOptions): Promise<number> {
  let body: Record<string, unknown> = { messages: [{ role: 'user', content: 'Hello' }] };
  try {
    if (opts.request) body = JSON.parse(readFileSync(opts.request, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    console.error(`--request: ${(err as Error).message}`);
    return 2;
  }
  if (opts.model) body.model = opts.model;
  if (typeof body.model !== 'string') {
    console.error('Name the model: --model M, or "model" in the --request file.');
    return 2;
  }
  try {
    const req = parseChatRequest(body);
    const cc = await loadCommandConfig(opts.config, { sendsNothing: true });
    const sp = await openStorePlanner(cc);
    try {
      const principal = await sp.caller(opts);
      if (principal?.record) checkModelsAllowed(principal.record, req.model, req.routing?.models ?? []);
      const explanation = explainPlan(planChatRequest(req, sp.planner, principal), principal);
      if (opts.format === 'json') console.log(JSON.stringify({ ...explanation, notes: sp.notes }, null, 2));
      else {
        console.log(renderPlanExplanation(explanation).join('\n'));
        for (const note of sp.notes) console.error(`Note: ${note}`);
      }
      return explanation.attempts.length > 0 ? 0 : 1;
    } finally {
      await sp.close();
    }
  } catch (err) {
    if (err instanceof CallerError) {
      console.error(err.message);
      return 2;
    }
    return exitForKnownError(err);
  }
}
