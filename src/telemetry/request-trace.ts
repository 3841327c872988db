import type { ClosedRequest } from '../accounting/request-account.js';
import type { PlanWatch } from '../routing/plan-watch.js';

/**
 * One request's trace: a span for the request with a child span per upstream attempt. It watches the
 * plan's run (attempts, the request, the answer) and ends when the request's account closes.
 */
export interface RequestTrace extends PlanWatch {
  /** The request is over: its span (and any attempt span still open) ends with what was settled. */
  end(closed: ClosedRequest): void;
}
