import { Agent, errors as undiciErrors, request as undiciRequest } from 'undici';
import type { Dispatcher } from 'undici';
import { GatewayError } from '../../spec/gateway-error.js';
import type { HttpClient, HttpRequest, HttpResponse, TextOptions } from '../../spec/http-client.js';

export interface HttpTimeouts {
  /** Time to open a connection. */
  connectMs: number;
  /** Time from sending the request to the response headers (time to first byte). */
  firstByteMs: number;
  /** Longest silence allowed between two pieces of the response body (a stream's idle gap). */
  idleMs: number;
}

export const DEFAULT_TIMEOUTS: HttpTimeouts = Object.freeze({
  connectMs: 10_000,
  firstByteMs: 300_000,
  idleMs: 120_000,
});

/** How much of a provider's answer the gateway will hold in memory. */
export interface ResponseLimits {
  /** A whole JSON answer (chat, embeddings, model lists). */
  maxBodyBytes: number;
  /** One server-sent event of a stream (a line that never ends counts whole). */
  maxEventBytes: number;
}

export const DEFAULT_RESPONSE_LIMITS: ResponseLimits = Object.freeze({
  maxBodyBytes: 64 * 1024 * 1024,
  maxEventBytes: 8 * 1024 * 1024,
});

/**
 * An HttpClient over one undici Agent: keep-alive connection pools per origin, reused across requests.
 * Transport failures become GatewayErrors naming the provider; the caller's abort stays an AbortError.
 */
export function createHttpClient(
  providerId: string,
  timeouts: HttpTimeouts = DEFAULT_TIMEOUTS,
  limits: ResponseLimits = DEFAULT_RESPONSE_LIMITS,
): HttpClient {
  const agent = new Agent({
    connect: { timeout: timeouts.connectMs },
    headersTimeout: timeouts.firstByteMs,
    bodyTimeout: timeouts.idleMs,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 600_000,
  });

  async function request(req: HttpRequest): Promise<HttpResponse> {
    let res: Dispatcher.ResponseData;
    try {
      res = await undiciRequest(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal: req.signal,
        dispatcher: agent,
      });
    } catch (err) {
      throw transportError(providerId, err, req.signal);
    }
    const body = res.body;
    // An abort while nobody is reading the body (between the headers and the first read, or after the
    // last) makes it emit 'error'; unheard, that would crash the process. Readers get the error anyway.
    body.on('error', ignore);
    return {
      status: res.statusCode,
      headers: res.headers,
      body: guardBody(providerId, body, req.signal),
      maxEventBytes: limits.maxEventBytes,
      async text(options: TextOptions = {}) {
        try {
          return await readText(providerId, body, options.maxBytes ?? limits.maxBodyBytes, options.truncate === true);
        } catch (err) {
          throw transportError(providerId, err, req.signal, 'body');
        }
      },
      async discard() {
        try {
          await body.dump();
        } catch {
          // the connection is dropped instead of reused; nothing to report
        }
      },
    };
  }

  return { request, close: () => agent.close() };
}

function ignore(): void {}

/** A body as UTF-8 text, at most `max` bytes: past it the read stops and the body is cut or refused. */
async function readText(providerId: string, body: AsyncIterable<Uint8Array>, max: number, truncate: boolean): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    if (size + buf.length > max) {
      if (!truncate) {
        throw new GatewayError('upstream_invalid_response', `Provider '${providerId}' sent an answer larger than this gateway accepts (${max} bytes; limits.max_upstream_body_bytes).`, {
          provider: providerId,
        });
      }
      chunks.push(buf.subarray(0, max - size));
      size = max;
      break; // leaving the loop destroys the body: the rest is never read
    }
    chunks.push(buf);
    size += buf.length;
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

async function* guardBody(
  providerId: string,
  body: AsyncIterable<Uint8Array>,
  signal: AbortSignal | undefined,
): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of body) yield chunk;
  } catch (err) {
    throw transportError(providerId, err, signal, 'body');
  }
}

/** Map an undici failure to a GatewayError; an abort requested by the caller is passed through unchanged. */
export function transportError(
  providerId: string,
  err: unknown,
  signal?: AbortSignal,
  phase: 'request' | 'body' = 'request',
): unknown {
  if (err instanceof GatewayError) return err;
  if (signal?.aborted) return signal.reason ?? err;
  if (err instanceof undiciErrors.ConnectTimeoutError) {
    return new GatewayError('upstream_timeout', `Timed out connecting to provider '${providerId}'.`, {
      provider: providerId,
      cause: err,
    });
  }
  if (err instanceof undiciErrors.HeadersTimeoutError) {
    return new GatewayError('upstream_timeout', `Provider '${providerId}' did not start answering in time.`, {
      provider: providerId,
      cause: err,
    });
  }
  if (err instanceof undiciErrors.BodyTimeoutError) {
    return new GatewayError('upstream_timeout', `Provider '${providerId}' stopped sending data mid-response.`, {
      provider: providerId,
      cause: err,
    });
  }
  const code = (err as { code?: unknown })?.code;
  const reason = typeof code === 'string' ? code : 'connection error';
  if (phase === 'body') {
    // The provider had accepted the request: this is an answer cut short, not a provider out of reach.
    // Another deployment may still serve the request if nothing has reached the client yet.
    return new GatewayError('stream_interrupted', `Provider '${providerId}' closed the connection before its answer was complete (${reason}).`, {
      provider: providerId,
      retryable: true,
      cause: err,
    });
  }
  return new GatewayError('upstream_connection_failed', `Could not reach provider '${providerId}' (${reason}).`, {
    provider: providerId,
    cause: err,
  });
}
