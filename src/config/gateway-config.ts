import type { CatalogOverrides } from '../catalog/catalog-overrides.js';
import type { Price } from '../catalog/catalog-types.js';
import { DEFAULT_RESPONSE_LIMITS, type HttpTimeouts, type ResponseLimits } from '../providers/toolkit/create-http-client.js';
import type { ConcentrationLimit } from '../routing/policies/concentration.js';
import type { PolicySet } from '../routing/policies/policy.js';
import type { SimulationSettings } from '../providers/simulated/simulation-settings.js';
import type { CacheSettings } from '../cache/cache-settings.js';
import type { LiteralSecrets } from './secret-fields.js';

/** The validated, frozen configuration the gateway runs on. Built once at start by loadConfig. */
export interface GatewayConfig {
  /** Where it came from: a file path, or `environment` for zero-config start. */
  source: string;
  listen: ListenAddress;
  logLevel: string;
  /** Clients must present this key (or a virtual key) when set. */
  masterKey?: string;
  /** The environment variable the master key came from, when the file refers to one (for hints; never the key). */
  masterKeyVariable?: string;
  /** Secret fields written in the file rather than taken from `${ENV}`; absent when there are none. */
  literalSecrets?: LiteralSecrets;
  /** Protects the admin API; the admin API is off without it. */
  adminKey?: string;
  /** Protects GET /metrics; the admin key does when it is absent. */
  metricsKey?: string;
  /** Host names the gateway answers to; undefined: the defaults for the listen address. */
  allowedHosts?: readonly string[];
  /** Other web origins whose pages may call the gateway. */
  allowedOrigins: readonly string[];
  storage: StorageConfig;
  /** Shared counters and notifications; absent: in this process only. */
  redis?: RedisConfig;
  /** What savings are measured against. */
  baseline?: string;
  /** Additions and changes to the built-in catalog, already checked against it. */
  catalogOverrides?: CatalogOverrides;
  maxBodyBytes: number;
  storedBodyBytes: number;
  shutdownGraceMs: number;
  /** What clients and providers may make the gateway hold or wait for (docs/security.md). */
  limits: ServerLimits;
  providers: readonly ProviderConfig[];
  models: readonly ModelConfig[];
  routes: readonly RouteConfig[];
  health: HealthConfig;
  /** Provider-risk policies: global, per team, per key. */
  policies: PolicySet;
  concentration: readonly ConcentrationLimit[];
  /** Traces over OTLP/HTTP; absent: no tracing at all. */
  telemetry?: TelemetryConfig;
  /** The response cache; absent: off. */
  cache?: CacheSettings;
}

export interface TelemetryConfig {
  otlp?: OtlpConfig;
}

/** Where and how request traces are exported (docs/telemetry.md). */
export interface OtlpConfig {
  /** The collector's OTLP/HTTP traces URL, e.g. http://127.0.0.1:4318/v1/traces. */
  endpoint: string;
  /** Sent with every export (an API key for a hosted backend); never logged. */
  headers: Readonly<Record<string, string>>;
  serviceName: string;
  /** Put prompts and answers in spans (truncated); off by default. */
  captureContent: boolean;
  /** Share of requests traced, [0, 1]. */
  sampleRatio: number;
}

export interface ServerLimits {
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxHeaderBytes: number;
  maxConnections: number;
  maxConcurrentPerKey: number;
  maxBufferedBodyBytes: number;
  upstream: ResponseLimits;
  /** Charged against budgets for deployments with no known price; without it they are closed to keys with a budget. */
  unknownPrice?: Price;
}

export type StorageConfig =
  | {
      kind: 'sqlite';
      /** A file path (absolute), or `:memory:`. */
      path: string;
      /** The path as the config wrote it, when relative: before, it was taken from the current folder. */
      written?: string;
    }
  | {
      kind: 'postgres';
      url: string;
      /** The local folder ledger rows are spooled to before they reach PostgreSQL. */
      spoolDir: string;
    };

export interface RedisConfig {
  url: string;
  prefix: string;
  /** While Redis is unreachable: rate limits and budgets each fail closed (503) or open (local limits). */
  failure: { limits: 'fail_closed' | 'fail_open'; budgets: 'fail_closed' | 'fail_open' };
}

export interface ListenAddress {
  host: string;
  port: number;
}

export interface ProviderConfig {
  id: string;
  type: string;
  baseUrl: string;
  apiKey?: string;
  headers: Record<string, string>;
  thinkTags?: boolean;
  /** false: requests on a wire this provider speaks are translated like the others rather than passed through. */
  passThrough?: boolean;
  /** A server the operator runs: set in the config, else a self-hosted type on a loopback or private address. */
  selfHosted?: boolean;
  /** Where this provider hosts, from the config (overrides the catalog's provider type). */
  jurisdiction?: string;
  /** This account's own data arrangement, declared in the config (overrides what is known of its type). */
  zeroRetention?: boolean;
  trainsOnPrompts?: boolean;
  timeouts: HttpTimeouts;
  /** Longest a whole attempt may take, ms. */
  totalTimeoutMs: number;
  /** Retries on the same deployment when no other deployment is left. */
  retries: number;
  /** Prices set in the config, by upstream model name. */
  prices: Readonly<Record<string, Price>>;
  /** A simulated provider's settings: the provider type it stands for, its pace and error rate. */
  simulation?: SimulationSettings;
}

/**
 * The catalog provider type whose offers, prices, jurisdiction and data policy a configured provider has:
 * its own type, or, for a simulated provider, the type it stands for.
 */
export function catalogTypeOf(p: Pick<ProviderConfig, 'type' | 'simulation'>): string {
  return p.simulation?.simulates ?? p.type;
}

export interface Deployment {
  providerId: string;
  /** The model name the provider knows (may itself contain `/`). */
  model: string;
}

export type RouteStrategy = 'fallback' | 'weighted' | 'lowest-price' | 'lowest-latency' | 'cost-quality';

export interface RouteTarget {
  /** A route, a configured model, or `<provider id>/<upstream model>`. */
  target: string;
  weight: number;
}

export interface RouteConfig {
  name: string;
  strategy: RouteStrategy;
  /** For cost-quality: the weak tier's targets, then the strong tier's. */
  targets: readonly RouteTarget[];
  hedgeAfterMs?: number;
  costQuality?: CostQualityConfig;
}

/** How a cost-quality route picks a tier. */
export type ThresholdSetting = { score: number } | { strongShare: number } | { quality: number };

export interface ShadowConfig {
  sample: number;
  budgetUsd: number;
  storeAnswers: boolean;
  maxStoredChars: number;
  judge?: string;
}

export interface CostQualityConfig {
  weak: readonly string[];
  strong: readonly string[];
  threshold: ThresholdSetting;
  /** A model file; the shipped model when absent. */
  routerModel?: string;
  shadow?: ShadowConfig;
  selfCheck?: SelfCheckConfig;
}

/** What routes while the router is not trusted: every request to one tier, or a random strong share. */
export type SafePolicy = 'strong' | 'weak' | { strongShare: number };

/** The router self-check's fallback (docs/router.md#self-check). */
export interface SelfCheckConfig {
  fallback: SafePolicy;
  /** `worse`: fall back once the router is shown worse than random; `not_better`: also while it is not shown better. */
  when: 'worse' | 'not_better';
  minSamples: number;
  windowMs: number;
  everyMs: number;
}

export interface HealthConfig {
  failureThreshold?: number;
  errorRateThreshold?: number;
  windowSize?: number;
  minRequests?: number;
  openMs?: number;
  maxOpenMs?: number;
  coolMs?: number;
  maxCoolMs?: number;
  panic?: boolean;
}

export interface ModelConfig {
  /** The name clients use (may contain `/`). */
  name: string;
  deployments: readonly Deployment[];
}

export const DEFAULT_LISTEN: ListenAddress = Object.freeze({ host: '127.0.0.1', port: 4000 });
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
export const DEFAULT_SHUTDOWN_GRACE_MS = 30_000;
/** The zero-config store, in the folder the gateway starts in. */
export const DEFAULT_SQLITE_PATH = './switchyard.db';
export const DEFAULT_STORAGE: StorageConfig = Object.freeze({ kind: 'sqlite', path: DEFAULT_SQLITE_PATH });
export const DEFAULT_SPOOL_DIR = './switchyard-spool';
export const DEFAULT_STORED_BODY_BYTES = 64 * 1024;
export const DEFAULT_TOTAL_TIMEOUT_MS = 10 * 60_000;
export const DEFAULT_RETRIES = 2;
export const DEFAULT_SERVICE_NAME = 'switchyard';

export const DEFAULT_LIMITS: ServerLimits = Object.freeze({
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 65_000,
  maxHeaderBytes: 16 * 1024,
  maxConnections: 10_000,
  maxConcurrentPerKey: 5_000,
  maxBufferedBodyBytes: 256 * 1024 * 1024,
  upstream: DEFAULT_RESPONSE_LIMITS,
});
