import type { HttpTimeouts } from '../providers/toolkit/create-http-client.js';

/** The validated, frozen configuration the gateway runs on. Built once at start by loadConfig. */
export interface GatewayConfig {
  /** Where it came from: a file path, or `environment` for zero-config start. */
  source: string;
  listen: ListenAddress;
  logLevel: string;
  /** Clients must present this key when set. */
  masterKey?: string;
  maxBodyBytes: number;
  shutdownGraceMs: number;
  providers: readonly ProviderConfig[];
  models: readonly ModelConfig[];
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
  timeouts: HttpTimeouts;
}

export interface Deployment {
  providerId: string;
  /** The model name the provider knows (may itself contain `/`). */
  model: string;
}

export interface ModelConfig {
  /** The name clients use (may contain `/`). */
  name: string;
  deployments: readonly Deployment[];
}

export const DEFAULT_LISTEN: ListenAddress = Object.freeze({ host: '127.0.0.1', port: 4000 });
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
export const DEFAULT_SHUTDOWN_GRACE_MS = 30_000;
