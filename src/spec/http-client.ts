/**
 * The HTTP client adapters are given. Adapters never import an HTTP library themselves, so tests and the
 * server decide how connections are pooled and timed out.
 */
export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body as it arrives. Transport failures while reading are thrown as GatewayErrors. */
  body: AsyncIterable<Uint8Array>;
  /**
   * The whole body as text, read up to the client's byte limit: a longer body is refused as an invalid
   * response (`upstream_invalid_response`), or with `truncate` cut at `maxBytes`; the rest is never read.
   */
  text(options?: TextOptions): Promise<string>;
  /** The largest single server-sent event a stream reader may buffer from this response. */
  readonly maxEventBytes: number;
  /** Read and drop the rest of the body so the connection can be reused. */
  discard(): Promise<void>;
}

export interface HttpClient {
  /** Resolves once the response headers arrived; transport failures reject with a GatewayError. */
  request(request: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}

export interface TextOptions {
  /** At most this many bytes (the client's own limit by default). */
  maxBytes?: number;
  /** Cut the text at the limit instead of refusing the body (error bodies, kept only as a message). */
  truncate?: boolean;
}
