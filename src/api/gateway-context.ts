import type { Logger } from 'pino';
import type { ModelTable } from '../routing/model-table.js';
import type { InflightRequests } from '../http/inflight-requests.js';

/** What the route handlers share: built once at start and passed in, never imported as a global. */
export interface GatewayContext {
  models: ModelTable;
  log: Logger;
  /** Unix milliseconds. */
  now: () => number;
  /** Every request's upstream work, abortable at shutdown. */
  inflight: InflightRequests;
}
