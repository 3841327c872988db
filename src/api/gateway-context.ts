import type { Logger } from 'pino';
import type { GenAiOperation, RequestAccount } from '../accounting/request-account.js';
import type { Principal } from '../auth/key-record.js';
import type { ExecuteDeps } from '../routing/execute-plan.js';
import type { ModelTable } from '../routing/model-table.js';
import type { Planner } from '../routing/plan-request.js';
import type { InflightRequests } from '../http/inflight-requests.js';
import type { PolicyRuntime } from '../routing/policies/policy-runtime.js';
import type { ShadowRunner } from '../routing/cost-quality/shadow-runner.js';
import type { ResponseCache } from '../cache/response-cache.js';

/** What the route handlers share: built once at start and passed in, never imported as a global. */
export interface GatewayContext {
  models: ModelTable;
  /** What requests (and the live route explanation) are planned with. */
  planner: Planner;
  log: Logger;
  /** Unix milliseconds. */
  now: () => number;
  /** Every request's upstream work, abortable at shutdown. */
  inflight: InflightRequests;
  /** Health, clock, backoff and limits for running plans. */
  execute: ExecuteDeps;
  /** Policies, kill switches and concentration caps. */
  policy: PolicyRuntime;
  /** Cost-quality shadow mode. */
  shadow: ShadowRunner;
  /** The response cache, when the config turns it on. */
  cache?: ResponseCache;
  /**
   * The accounting (admission, cost, ledger row) of a new request; `operation`: what it asks of a model,
   * for its metrics and trace (none for requests that ask no model).
   */
  openAccount(id: string, principal: Principal | undefined, operation?: GenAiOperation): RequestAccount;
}
