import type { LedgerRow } from './ledger-row.js';

/** The `requests` table's columns, in the order `ledgerParams` gives their values (every backend). */
export const LEDGER_COLUMNS = [
  'id', 'ts', 'key_id', 'team', 'requested_model', 'provider', 'provider_type', 'served_model', 'catalog_model', 'developer',
  'model_origin', 'provider_jurisdiction', 'input_tokens', 'cached_input_tokens', 'cache_write_tokens', 'output_tokens',
  'reasoning_tokens', 'usage_estimated', 'cost_usd', 'cost_estimated', 'ttft_ms', 'latency_ms', 'status', 'error_code',
  'stream', 'partial', 'route', 'attempts', 'request_body', 'response_body', 'router_score', 'router_tier',
  'strong_cost_usd', 'purpose', 'router_route', 'cache', 'cache_saved_usd', 'router_served_tier',
] as const;

/** A row's values for LEDGER_COLUMNS: unknown as NULL, flags as 0/1, failed attempts as JSON. */
export function ledgerParams(r: LedgerRow): unknown[] {
  return [
    r.id,
    r.time,
    r.keyId ?? null,
    r.team ?? null,
    r.requestedModel,
    r.provider ?? null,
    r.providerType ?? null,
    r.servedModel ?? null,
    r.catalogModel ?? null,
    r.developer ?? null,
    r.modelOrigin ?? null,
    r.providerJurisdiction ?? null,
    r.inputTokens ?? null,
    r.cachedInputTokens ?? null,
    r.cacheWriteTokens ?? null,
    r.outputTokens ?? null,
    r.reasoningTokens ?? null,
    r.usageEstimated ? 1 : 0,
    r.cost ?? null,
    r.costEstimated ? 1 : 0,
    r.ttftMs ?? null,
    r.latencyMs,
    r.status,
    r.errorCode ?? null,
    r.stream ? 1 : 0,
    r.partial ? 1 : 0,
    r.route ?? null,
    r.attempts && r.attempts.length > 0 ? JSON.stringify(r.attempts) : null,
    r.requestBody ?? null,
    r.responseBody ?? null,
    r.routerScore ?? null,
    r.routerTier ?? null,
    r.strongCostUsd ?? null,
    r.purpose ?? null,
    r.routerRoute ?? null,
    r.cache ?? null,
    r.cacheSavedUsd ?? null,
    r.routerServedTier ?? null,
  ];
}
