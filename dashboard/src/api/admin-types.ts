/** The admin API's answers, as docs/dashboard-contract.md and docs/admin-api.md describe them. Times are unix ms, money USD. */

export interface Session {
  csrf: string;
  expires_at: number;
}

export interface GatewayInfo {
  version: string;
  simulated: boolean;
  store: 'sqlite' | 'postgres' | string;
  started_at: number;
  baseline: string | null;
  admin_via_ui?: boolean;
}

/** One series: `[t, value]` points sorted by t, one per bucket. */
export interface Series {
  name: string;
  /** What to call it (spend by key: the key's name or prefix; `name` is its id). */
  label?: string;
  points: Array<[number, number]>;
}

export interface Timeseries {
  metric: string;
  bucket: 'hour' | 'day' | 'week';
  since: number | string;
  until: number | string;
  series: Series[];
  notes?: string[];
  projection?: { year_spend_usd: number | null; year_saved_usd: number | null; from_days: number | null };
}

export interface LatencyRow {
  name: string;
  requests: number;
  errors: number;
  error_rate: number | null;
  ttft_p50_ms: number | null;
  ttft_p99_ms: number | null;
  duration_p50_ms: number | null;
  duration_p99_ms: number | null;
}

export interface LatencyAnswer {
  since: number | string;
  until: number | string;
  data: LatencyRow[];
}

export interface RequestRow {
  id: string;
  at: number;
  key_id: string | null;
  key_name: string | null;
  team: string | null;
  requested_model: string;
  provider: string | null;
  served_model: string | null;
  status: number;
  error_code: string | null;
  stream: boolean;
  input_tokens: number | null;
  output_tokens: number | null;
  cost_usd: number | null;
  ttft_ms: number | null;
  duration_ms: number | null;
  route: string | null;
  bodies_stored: boolean;
}

export interface RequestDetail extends RequestRow {
  catalog_model?: string | null;
  developer?: string | null;
  origin?: string | null;
  jurisdiction?: string | null;
  cached_input_tokens?: number | null;
  cache_write_tokens?: number | null;
  reasoning_tokens?: number | null;
  usage_estimated?: boolean;
  cost_estimated?: boolean;
  partial?: boolean;
  /** Deployments tried before the one that served, in order. */
  attempts?: Array<{ provider: string; model: string; code: string; message: string }> | null;
  router?: { route: string; tier: string | null; score: number | null } | null;
  /** `shadow` or `judge` for the gateway's own calls. */
  purpose?: string | null;
  /** What the response cache did (hit, miss, bypass); null when it was off. */
  cache?: string | null;
  /** A hit: what it would have cost upstream (USD). */
  cache_saved_usd?: number | null;
  request_body: string | null;
  response_body: string | null;
}

export interface RequestPage {
  data: RequestRow[];
  next_cursor: string | null;
}

export interface RouterRoute {
  route: string;
  strategy?: string;
  cheap?: string[] | string | null;
  strong?: string[] | string | null;
  /** The score threshold in force. */
  threshold?: number | null;
  /** How it was set: `{strong_share}`, `{quality}` or `{score}`. */
  threshold_setting?: Record<string, number> | null;
  router_model?: string | null;
  shadow?: { sample: number; budget_usd: number; judge: string | null } | null;
}

export interface RouterAnswer {
  active: boolean;
  routes: RouterRoute[];
  model: {
    kind?: string;
    file?: string | null;
    /** Training examples (a count), or a description. */
    trained_on?: number | string | string[] | null;
    trained_at?: string;
    datasets?: Record<string, number>;
  } | null;
  /** `[share of calls sent strong, quality kept relative to always-strong]`. */
  curve: Array<[number, number]> | null;
  shadow: { samples: number; judged?: number; cheap_as_good: number; rate: number | null; ci: [number, number] | null } | null;
}

export interface KeyRecord {
  id: string;
  prefix: string;
  name?: string;
  team: string;
  createdAt: number;
  budgetUsd?: number;
  budgetPeriod?: 'day' | 'week' | 'month';
  rpm?: number;
  tpm?: number;
  models?: string[];
  storeBodies?: boolean;
  revokedAt?: number;
}

export interface CreatedKey extends KeyRecord {
  key: string;
}

export interface KillSwitch {
  target: string;
  reason: string | null;
  actor: string | null;
  created_at: number;
}

export interface AuditEntry {
  id: number | string;
  ts: number;
  actor: string | null;
  action: 'kill' | 'unkill' | string;
  target: string;
  reason: string | null;
}

export interface ConcentrationShare {
  by: string;
  group: string;
  measure: string;
  share: number;
  max_share: number;
  window_ms: number;
}

export interface HealthRow {
  deployment: string;
  state: string;
  circuit: string;
  open_until: number | null;
  cooling_until: number | null;
  misconfigured_since: number | null;
  last_error: { code: string; status?: number; message: string; at: number; retryAfterSeconds?: number } | null;
  error_rate: number | null;
  ttft_p50_ms: number | null;
  tokens_per_second: number | null;
}

export interface HealthAnswer {
  now: number;
  panic: boolean;
  data: HealthRow[];
}

export interface ProviderFacts {
  id: string;
  type: string;
  name: string;
  jurisdiction: string | null;
}

export interface DrillVolume {
  requests: number;
  tokens: number;
}

export interface DrillResult {
  without: string[];
  total: DrillVolume;
  served: DrillVolume;
  alreadyFailing: DrillVolume;
  failing: Array<DrillVolume & { model: string; team: string | null; reasons: string[]; costUsd: number }>;
  moved: Array<{ from: string; to: string; requests: number }>;
  cost: { recordedUsd: number; beforeUsd: number; afterUsd: number; unpricedRequests: number };
}

export interface SpendReport {
  rows: Array<{ group: string | null; costUsd: number; requests: number }>;
  total: { costUsd: number; requests: number };
}

export interface List<T> {
  data: T[];
}
