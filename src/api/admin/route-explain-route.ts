import { checkModelsAllowed } from '../../accounting/request-account.js';
import { CallerError, callerOf } from '../../auth/caller-of.js';
import type { KeyStore } from '../../auth/key-record.js';
import type { RouteTable } from '../../http/route-table.js';
import { explainPlan } from '../../routing/explain-plan.js';
import { planChatRequest, type Planner } from '../../routing/plan-request.js';
import { invalid, optionalString, requireObject } from '../openai/read-fields.js';
import { rejectUnknownFields } from './reject-unknown-fields.js';
import { parseChatRequest } from '../openai/parse-chat-request.js';

const FIELDS = ['request', 'key', 'team'] as const;

/**
 * POST /admin/route/explain `{"request": {chat completion body}, "key"?: id or prefix, "team"?: name}`:
 * the plan this gateway process would make for that request from that caller right now, with its live
 * health, kill switches and concentration shares. Sends nothing upstream; counts nothing.
 */
export function registerRouteExplainRoute(routes: RouteTable, deps: { planner: Planner; keys: KeyStore }): void {
  routes.post(
    '/admin/route/explain',
    async (rc) => {
      const b = requireObject(rc.body, 'body');
      rejectUnknownFields(b, FIELDS);
      const req = parseChatRequest(requireObject(b.request, 'request'));
      const key = optionalString(b, 'key');
      const team = optionalString(b, 'team');
      let principal;
      try {
        principal = callerOf({ ...(key !== undefined && { key }), ...(team !== undefined && { team }) }, key === undefined ? [] : await deps.keys.list(), await deps.keys.teamBudgets());
      } catch (err) {
        if (err instanceof CallerError) throw invalid(key !== undefined ? 'key' : 'team', err.message);
        throw err;
      }
      if (principal?.record) checkModelsAllowed(principal.record, req.model, req.routing?.models ?? []);
      return explainPlan(planChatRequest(req, deps.planner, principal), principal);
    },
    { admin: true },
  );
}
