import type { ChatRequest } from '../spec/chat-request.js';
import type { ChatResult } from '../spec/chat-result.js';
import type { GatewayError } from '../spec/gateway-error.js';
import type { StreamPart } from '../spec/stream-part.js';
import type { Attempt } from './plan-route.js';

/** How an attempt came to be sent. */
export interface AttemptInfo {
  /** Retries on this deployment before this try (0 for the first). */
  retry: number;
  /** Another deployment failed before this one in the same request. */
  failover: boolean;
  /** Started beside a slower attempt (hedging). */
  hedge: boolean;
  /** Sent past an open circuit (the panic rule). */
  forced: boolean;
}

/**
 * The end of one attempt: no failure when it answered (a whole answer) or its stream ended well; a
 * `client_closed` failure when it was cancelled (a hedge that lost, a client that left).
 */
export type AttemptEnd = (failure?: GatewayError) => void;

/**
 * Watches one run of a plan, for telemetry: each attempt sent upstream, the request, and the answer as the
 * client gets it. Optional everywhere: a run without a watcher does none of this work.
 */
export interface PlanWatch {
  /** An attempt is being sent; the returned function is called once, when it is over. */
  attempt(attempt: Attempt, info: AttemptInfo): AttemptEnd;
  /** Chat runs: the request, as the client sent it (canonical). */
  request?(request: ChatRequest): void;
  /** Whole chat answers: the answer that served the request. */
  answer?(result: ChatResult): void;
  /** Streams: each part the client is sent, in order. */
  part?(part: StreamPart): void;
  /** Whether it reads the streamed text itself (captured content): a relayed stream is then decoded instead. */
  readonly readsContent?: boolean;
}
