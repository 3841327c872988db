import type { RouterAssessment } from '../routing/cost-quality/assess-router.js';
import type { Price } from '../catalog/catalog-types.js';
import type { SpendGrouping, TimeBucket } from '../ledger/usage-queries.js';
import type { ConcentrationLimit } from '../routing/policies/concentration.js';

/**
 * The reports as plain, JSON-able objects: what `report --format json` prints and the admin API answers.
 * Money is USD; a share is a fraction in [0, 1], `null` when its total is 0. Every report, and every row,
 * says how many requests it covers.
 */

export type ReportName = 'spend' | 'savings' | 'origins' | 'providers';
export const REPORT_NAMES: readonly ReportName[] = ['spend', 'savings', 'origins', 'providers'];

export interface ReportRange {
  /** ISO times; `until` is the report's `now` when no end was asked for. */
  since: string;
  until: string;
}

interface ReportBase {
  range: ReportRange;
  /** Every request in the range. */
  requests: number;
  /** Plain sentences on what the figures leave out (unknown costs, unknown token counts, estimates). */
  notes: string[];
}

export interface SpendFigures {
  requests: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  costUsd: number;
  unknownCostRequests: number;
  estimatedCostRequests: number;
  unknownTokenRequests: number;
}

export interface SpendReport extends ReportBase {
  report: 'spend';
  by: SpendGrouping;
  total: SpendFigures;
  /**
   * `group` is null for requests without one (no key, no team, not served). By key, each row also names the
   * key and its team, as the key store has them now (null for a key it no longer holds).
   */
  rows: Array<SpendFigures & { group: string | null; keyName?: string | null; keyTeam?: string | null }>;
}

/** The key store as the reports read it: names and teams for key ids. */
export interface KeyDirectory {
  list(): Promise<ReadonlyArray<{ id: string; name?: string; team: string }>>;
}

export interface SavingsFigures {
  /** Requests compared: tokens and cost known. */
  requests: number;
  paidUsd: number;
  /** What the same tokens would have cost at the baseline's price. */
  baselineUsd: number;
  savingUsd: number;
  /** Saving as a percentage of the baseline cost; null when that is 0. */
  savingPct: number | null;
  /** Requests left out: token counts unknown, so they cannot be re-priced. */
  unknownTokenRequests: number;
  /** Requests left out: tokens known but what was paid unknown (no price). */
  unknownCostRequests: number;
  /** Compared requests whose paid cost was estimated from a token count of the text. */
  estimatedCostRequests: number;
}

export interface SavingsReport extends ReportBase {
  report: 'savings';
  /**
   * Null when none was given: the routing and cache sections, which have their own comparisons, are still
   * reported; the per-team and per-model comparison needs one.
   */
  baseline: {
    /** As given: `openai/gpt-5` or a catalog model id. */
    ref: string;
    provider: string;
    upstreamModel: string;
    catalogModel?: string;
    price: Price;
  } | null;
  /** Days from the first request in the range (or the range's start, if later) to its end. */
  daysCovered: number;
  /** savingUsd / daysCovered × 365; null with less than a day of data. */
  projectedYearlySavingUsd: number | null;
  /** Null without a baseline (and `teams`, `models` empty). */
  total: SavingsFigures | null;
  /** `team` is null for requests without one. */
  teams: Array<SavingsFigures & { team: string | null }>;
  /** Per served model (provider id and the provider's model name). */
  models: Array<SavingsFigures & { provider: string | null; model: string | null }>;
  /** Cost-quality routes: what routing saved against sending everything to the strong tier. */
  router: RouterSavings[];
  /**
   * The response cache: answers served from it (left out of the comparison above, which covers requests sent
   * upstream) and what they would have cost at the deployments that first gave them.
   */
  cache: { hits: number; savedUsd: number; unknownSavedRequests: number };
}

export interface RouterSavings {
  route: string;
  requests: number;
  /** Share of requests the router sent to the cheap tier. */
  weakShare: number | null;
  /** Requests with both costs known; the USD figures are theirs. */
  comparedRequests: number;
  paidUsd: number;
  /** The same requests, same tokens, at the strong tier's first choice. */
  alwaysStrongUsd: number;
  savingUsd: number;
  savingPct: number | null;
  /** Shadow and judge calls' cost (already in paid spend elsewhere in the ledger, not in `paidUsd`). */
  shadowSpendUsd: number;
  shadowSamples: number;
  judged: number;
  /** Of the judged shadow samples, the share where the cheap answer was as good as the strong one. */
  weakAsGoodRate: number | null;
  /**
   * Whether the router beat random at its threshold on the range's judged shadow samples (the self-check's
   * reading, docs/router.md#self-check).
   */
  selfCheck: RouterAssessment;
}

/** The figures every share row carries: tokens and spend, with their shares, and what is unknown. */
export interface ShareFigures {
  /** Known input + output tokens. */
  tokens: number;
  tokenShare: number | null;
  costUsd: number;
  spendShare: number | null;
  unknownTokenRequests: number;
  unknownCostRequests: number;
}

export interface ShareRow extends ShareFigures {
  /** The origin country or developer; `unknown` when the ledger does not know it. */
  name: string;
  requests: number;
}

export interface OriginsSlice {
  requests: number;
  tokens: number;
  costUsd: number;
  byOrigin: ShareRow[];
  byDeveloper: ShareRow[];
}

export interface OriginsReport extends ReportBase {
  report: 'origins';
  by: TimeBucket;
  overall: OriginsSlice;
  /**
   * `start`: the bucket's first day (YYYY-MM-DD, UTC: the day, the Monday, the first of the month),
   * ascending. The first and last buckets may be cut short by the range.
   */
  buckets: Array<OriginsSlice & { start: string }>;
}

export interface ProviderShareRow extends ShareFigures {
  provider: string | null;
  providerType: string | null;
  jurisdiction: string | null;
  /** Set when the catalog knows the provider type as a self-hosted server (it has no jurisdiction of its own). */
  selfHosted?: boolean;
  requests: number;
  requestShare: number | null;
}

export interface ProvidersReport extends ReportBase {
  report: 'providers';
  tokens: number;
  costUsd: number;
  rows: ProviderShareRow[];
  /** With concentration caps configured: each capped group's share now, over its cap's window. */
  concentration?: ConcentrationShareRow[];
}

/** One group's share of traffic over a concentration cap's sliding window, ending at the report's `now`. */
export interface ConcentrationShareRow {
  by: 'provider' | 'developer' | 'origin';
  measure: 'requests' | 'tokens' | 'spend';
  /** The window, e.g. `1h`. */
  window: string;
  group: string;
  share: number | null;
  maxShare: number;
  overCap: boolean;
}

export type Report = SpendReport | SavingsReport | OriginsReport | ProvidersReport;

export interface ReportOptions {
  /** `30d`, `12h` or an ISO date; default 30d. */
  since?: string;
  /** Same forms; default now. */
  until?: string;
  /** spend: day|key|team|model|provider (default day); origins: day|week|month (default week). */
  by?: string;
  /** savings: `provider type/upstream model` or a catalog model id. */
  baseline?: string;
  /** providers: the config's concentration caps, to show current shares against. */
  concentration?: readonly ConcentrationLimit[];
}
