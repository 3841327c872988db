import type { TimeRange } from '../../ledger/usage-queries.js';

/**
 * Served requests from the ledger, grouped by what the drill needs to replay them: the model asked for,
 * the caller, and the deployment that served them. Token sums are over known counts only.
 */
export interface TrafficGroup {
  requestedModel: string;
  keyId: string | null;
  team: string | null;
  provider: string | null;
  servedModel: string | null;
  /** The tier a cost-quality route chose for these requests, replayed as such. */
  routerTier?: 'weak' | 'strong';
  requests: number;
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  /** Requests whose input or output count is unknown. */
  unknownTokenRequests: number;
  /** USD, known costs only. */
  costUsd: number;
  unknownCostRequests: number;
}

export interface TrafficSource {
  /** Served requests (status 200) in a range, grouped; `onProgress(done, total)` as the range is read. */
  trafficGroups(range: TimeRange & { until: number }, onProgress?: (done: number, total: number) => void): Promise<TrafficGroup[]>;
}

/** Add one group's figures into another with the same key. */
export function addTraffic(into: TrafficGroup, g: TrafficGroup): void {
  into.requests += g.requests;
  into.inputTokens += g.inputTokens;
  into.cachedInputTokens += g.cachedInputTokens;
  into.cacheWriteTokens += g.cacheWriteTokens;
  into.outputTokens += g.outputTokens;
  into.reasoningTokens += g.reasoningTokens;
  into.unknownTokenRequests += g.unknownTokenRequests;
  into.costUsd += g.costUsd;
  into.unknownCostRequests += g.unknownCostRequests;
}

export function trafficKey(g: TrafficGroup): string {
  return JSON.stringify([g.requestedModel, g.keyId, g.team, g.provider, g.servedModel, g.routerTier ?? null]);
}
