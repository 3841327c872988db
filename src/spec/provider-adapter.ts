import type { ChatParam, ChatRequest } from './chat-request.js';
import type { ChatResult } from './chat-result.js';
import type { NativeWire } from './native-request.js';
import type { EmbeddingRequest, EmbeddingResult } from './embedding.js';
import type { StreamPart } from './stream-part.js';

export interface ChatCall {
  request: ChatRequest;
  /** The upstream model name of the deployment being tried. */
  model: string;
  signal: AbortSignal;
}

export interface EmbedCall {
  request: EmbeddingRequest;
  model: string;
  signal: AbortSignal;
}

/**
 * A provider as the core sees it: canonical request in, canonical result or stream out.
 * Errors are GatewayErrors; a stream's failure is thrown from its iterator.
 */
export interface ProviderAdapter {
  /** The provider id from the config (`deepseek`, `local`). */
  readonly providerId: string;
  /** What wire it speaks, for logs and the model list: `openai-compatible/deepseek`, `anthropic`, `gemini`. */
  readonly kind: string;
  /** Request parameters this provider cannot take: a request that sets one is refused before it is sent. */
  readonly unsupportedParams: ReadonlySet<ChatParam>;
  /**
   * The client wire this provider speaks itself, where it does: a request that arrived on it (with
   * `request.native`) is passed through, the client's body sent as is but for the model name, and no
   * parameter is refused for the translation's sake.
   */
  readonly nativeWire?: NativeWire;
  /**
   * The client wire this provider's requests and answers may be relayed on without translation (the fast
   * path: `openai-chat` for OpenAI-compatible vendors whose answers need no rewriting). A request that
   * arrived on it keeps `request.native`; the adapter sends the client's body only where translating it
   * would send the same, and relays each answer event only where translating it would show the client the
   * same, decoding the others. Unlike `nativeWire`, routing treats the request as translated: parameters the
   * provider cannot take are still refused, or left out (and then nothing is relayed on the request side).
   */
  readonly relayWire?: NativeWire;
  /**
   * Set on a stand-in that answers in process without reaching any provider (the `simulated` type): every
   * answer it serves says so, in the `x-switchyard-simulated: true` header.
   */
  readonly simulated?: true;
  chat(call: ChatCall): Promise<ChatResult>;
  /** Resolves when the provider accepted the request (2xx headers); the parts follow. */
  streamChat(call: ChatCall): Promise<AsyncIterable<StreamPart>>;
  /** Present only where the provider serves embeddings. */
  embed?(call: EmbedCall): Promise<EmbeddingResult>;
  /** The upstream model names the provider lists, where it can list them. */
  listModels?(signal: AbortSignal): Promise<string[]>;
}

/** What every adapter factory is given. */
export interface AdapterSettings {
  /** The provider id from the config. */
  providerId: string;
  /** Base URL with the API version path and no trailing slash (`https://api.anthropic.com/v1`). */
  baseUrl: string;
  apiKey?: string;
  /** Extra headers from the config, sent on every request. */
  headers: Record<string, string>;
  /** false: never pass a request through on the client's wire, even one this provider speaks. */
  passThrough?: boolean;
  http: import('./http-client.js').HttpClient;
}
