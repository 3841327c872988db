import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Principal } from '../auth/key-record.js';
import type { Usage } from '../spec/usage.js';

/** One request as a handler sees it. */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** The path without the query string. */
  path: string;
  /** The gateway's id for this request in its logs (a client's `x-request-id` is logged beside it). */
  id: string;
  /** The parsed JSON body (POST routes only). */
  body: unknown;
  /** Who is calling, when a key was presented (or required). */
  principal?: Principal;
  /** Headers to send with a JSON answer; a handler sets them before it returns. */
  headers: Record<string, string>;
  /** Fields the handler adds to the request's access-log line. */
  logFields: Record<string, unknown>;
  /** What the handler learned about the answer, for metrics (and, later, the ledger). */
  outcome: { model?: string; provider?: string; stream?: boolean; usage?: Usage };
  log: Logger;
}

/**
 * A route handler: returns the JSON body to send with status 200, or `undefined` when it wrote the
 * response itself (a stream). Throwing a GatewayError sends that error.
 */
export type RouteHandler = (ctx: RequestContext) => Promise<unknown>;
