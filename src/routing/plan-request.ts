import { estimateRequestTokens } from '../accounting/estimate-request-tokens.js';
import type { Principal } from '../auth/key-record.js';
import type { ChatRequest } from '../spec/chat-request.js';
import type { DeploymentHealth } from './health/deployment-health.js';
import type { ModelTable } from './model-table.js';
import type { PolicyRuntime } from './policies/policy-runtime.js';
import { planChatRoute, type RoutePlan } from './plan-route.js';

/** What a process plans with: its model table, its view of health, and its policy state. */
export interface Planner {
  models: ModelTable;
  health: DeploymentHealth;
  random: () => number;
  policy: PolicyRuntime;
}

/** Whether a caller spends against a budget (its key's or its team's): then only deployments with a known price may serve it. */
export function spendsBudget(principal: Principal | undefined): boolean {
  return principal?.record?.budgetUsd !== undefined || principal?.teamBudget !== undefined;
}

/**
 * The plan of one caller's chat request, as the gateway makes it before admission: the same planner, the
 * caller's policies, the kill switches and caps in force, and price required for a budget. The request
 * path and every explanation (`route explain`, `policy explain`, POST /admin/route/explain) call this, so
 * what they print is what the gateway does.
 */
export function planChatRequest(chat: ChatRequest, planner: Planner, principal: Principal | undefined, inputTokens = estimateRequestTokens(chat)): RoutePlan {
  const policy = planner.policy.forCaller(principal);
  return planChatRoute(chat, planner.models, {
    health: planner.health,
    random: planner.random,
    inputTokens,
    requirePrice: spendsBudget(principal),
    ...(policy && { policy }),
  });
}
