import type { FailedAttempt } from '../spec/gateway-error.js';

/**
 * One request, as the ledger keeps it. Token counts and cost are `undefined` when unknown — never 0.
 * `usageEstimated` / `costEstimated` say when a figure was computed by the gateway from the text because
 * the provider reported nothing.
 */
export interface LedgerRow {
  /** The request id (also the response id the client saw): unique, so a row is written once. */
  id: string;
  /** Unix milliseconds when the request arrived. */
  time: number;
  keyId?: string;
  team?: string;
  requestedModel: string;
  /** The provider id (from the config) that served it, when one did. */
  provider?: string;
  providerType?: string;
  servedModel?: string;
  /** The catalog's id for the model served, when the catalog knows it. */
  catalogModel?: string;
  developer?: string;
  modelOrigin?: string;
  providerJurisdiction?: string;
  inputTokens?: number;
  cachedInputTokens?: number;
  cacheWriteTokens?: number;
  outputTokens?: number;
  reasoningTokens?: number;
  usageEstimated: boolean;
  /** USD. */
  cost?: number;
  costEstimated: boolean;
  /** Time to the first content sent to the client (streams), ms. */
  ttftMs?: number;
  latencyMs: number;
  /** The HTTP status the client got (200 for a stream that failed after it started; see `errorCode`). */
  status: number;
  errorCode?: string;
  stream: boolean;
  /** A stream that failed after content had reached the client: the tokens counted are those streamed. */
  partial: boolean;
  /** The route taken, compactly (`deepseek-v3 → deepseek/deepseek-chat`), and why. */
  route?: string;
  /** Deployments tried before the one that served, in order. */
  attempts?: FailedAttempt[];
  requestBody?: string;
  responseBody?: string;
  /** The cost-quality route that decided (however the client named it: `auto` or the route's name). */
  routerRoute?: string;
  /** Cost-quality routes: the router's score (P(the cheap tier suffices)) and the tier it chose. */
  routerScore?: number;
  routerTier?: 'weak' | 'strong';
  /**
   * Cost-quality routes: the tier of the deployment that answered, which differs from `routerTier` when the
   * chosen tier failed and the other one served; `other` for a deployment outside both (the request's own
   * fallback model).
   */
  routerServedTier?: 'weak' | 'strong' | 'other';
  /** Cost-quality routes: what the request would have cost at the strong tier's first choice (same tokens). */
  strongCostUsd?: number;
  /** Why the gateway itself sent this request: `shadow` (the other tier, to learn from) or `judge`. */
  purpose?: 'shadow' | 'judge';
  /** What the response cache did, when it is on for the request: `hit` (served from it, cost 0), `miss`, `bypass`. */
  cache?: 'hit' | 'miss' | 'bypass';
  /** A hit: what the answer would have cost at the deployment that gave it (USD). */
  cacheSavedUsd?: number;
}

/** Rows a UsageWriter holds that are not yet where they finally go, for the metrics. */
export interface LedgerBacklog {
  /** Rows written but not yet durable: waiting for their group commit, or their append to the spool. */
  pendingRows: number;
  /** Unix ms when the oldest of them was written; absent when there is none. */
  pendingSince?: number;
  /** With a spool: rows durable on local disk but not yet committed to the shared store. */
  spooledRows?: number;
  /** With a spool: its segment files waiting to be drained (those left by an earlier run included). */
  spooledSegments?: number;
  /** With a spool: Unix ms when its oldest segment was started (the shared store lags that far behind). */
  spooledSince?: number;
}

/** Where rows go. `write` resolves once the row is durable: the response may then complete. */
export interface UsageWriter {
  write(row: LedgerRow): Promise<void>;
  close(): Promise<void>;
  /** What is still on its way, read at each metrics scrape (writers that hold nothing omit it). */
  backlog?(): LedgerBacklog;
}
