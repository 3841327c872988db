import { GatewayError } from '../../spec/gateway-error.js';
import type { HttpClient, HttpResponse } from '../../spec/http-client.js';
import { mapUpstreamError, type UpstreamFailure } from './map-upstream-error.js';

export interface JsonCall {
  http: HttpClient;
  providerId: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  signal: AbortSignal;
  secrets: readonly string[];
  /** A provider's own reading of its error answers; the shared mapping by default. */
  mapError?: (failure: UpstreamFailure) => GatewayError;
}

/** POST a JSON body; resolve with the response once the provider accepted it (2xx), else throw its error. */
export async function openJsonPost(call: JsonCall): Promise<HttpResponse> {
  const res = await call.http.request({
    method: 'POST',
    url: call.url,
    headers: { 'content-type': 'application/json', ...call.headers },
    body: JSON.stringify(call.body),
    signal: call.signal,
  });
  if (res.status >= 200 && res.status < 300) return res;
  throw await readUpstreamError(call, res);
}

/** POST a JSON body and parse the JSON answer. */
export async function postJson(call: JsonCall): Promise<unknown> {
  const res = await openJsonPost(call);
  return parseUpstreamJson(call.providerId, await res.text());
}

/** GET a JSON document. */
export async function getJson(call: Omit<JsonCall, 'body'>): Promise<unknown> {
  const res = await call.http.request({ method: 'GET', url: call.url, headers: call.headers, signal: call.signal });
  if (res.status < 200 || res.status >= 300) throw await readUpstreamError(call, res);
  return parseUpstreamJson(call.providerId, await res.text());
}

/** How much of a provider's error answer is read. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

async function readUpstreamError(call: Omit<JsonCall, 'body'>, res: HttpResponse): Promise<GatewayError> {
  // an error answer is only ever shown as a message: its first bytes are enough
  const bodyText = await res.text({ maxBytes: MAX_ERROR_BODY_BYTES, truncate: true }).catch(() => '');
  const failure = { providerId: call.providerId, status: res.status, headers: res.headers, bodyText, secrets: call.secrets };
  return (call.mapError ?? mapUpstreamError)(failure);
}

export function parseUpstreamJson(providerId: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new GatewayError('upstream_invalid_response', `Provider '${providerId}' sent a response that is not JSON.`, {
      provider: providerId,
      cause: err,
    });
  }
}
