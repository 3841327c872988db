import type { FastifyBaseLogger } from 'fastify';
import type { ModelTable } from '../routing/model-table.js';

/** What the route handlers share: built once at start and passed in, never imported as a global. */
export interface GatewayContext {
  models: ModelTable;
  log: FastifyBaseLogger;
  /** Unix milliseconds. */
  now: () => number;
  /** Aborted when a graceful shutdown runs out of time: in-flight upstream calls stop. */
  shutdownSignal: AbortSignal;
}
