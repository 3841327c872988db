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
  text(): Promise<string>;
  /** Read and drop the rest of the body so the connection can be reused. */
  discard(): Promise<void>;
}

export interface HttpClient {
  /** Resolves once the response headers arrived; transport failures reject with a GatewayError. */
  request(request: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}
