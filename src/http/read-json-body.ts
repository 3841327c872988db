import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../spec/gateway-error.js';

/**
 * The request body parsed as JSON, whatever content type the client declared (curl's default included).
 * A body over the limit is refused before it is read when Content-Length says so, else as soon as it
 * grows past the limit.
 */
export async function readJsonBody(req: IncomingMessage, limit: number, pool?: BodyPool): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) throw tooLarge(limit);
  const text = await readText(req, limit, pool);
  if (text.trim() === '') throw new GatewayError('invalid_json', 'The request body is empty; send a JSON object.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new GatewayError('invalid_json', `The request body is not valid JSON: ${(err as Error).message}`);
  }
  if (!withinDepth(value, MAX_DEPTH)) {
    throw new GatewayError('invalid_request', `The request body is nested more than ${MAX_DEPTH} levels deep.`);
  }
  return value;
}

/** Deeper than any real request; what walks the body later (schema converters, serializers) stays safe. */
const MAX_DEPTH = 64;

function withinDepth(value: unknown, left: number): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (left === 0) return false;
  if (Array.isArray(value)) {
    for (const v of value) if (!withinDepth(v, left - 1)) return false;
  } else {
    for (const k in value) if (!withinDepth((value as Record<string, unknown>)[k], left - 1)) return false;
  }
  return true;
}

/** The body as text; plain listeners rather than an async iterator, which costs more per request. */
function readText(req: IncomingMessage, limit: number, pool: BodyPool | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        size -= chunk.length;
        cleanup();
        reject(tooLarge(limit));
        return;
      }
      if (pool && !pool.take(chunk.length)) {
        size -= chunk.length;
        cleanup();
        reject(
          new GatewayError('overloaded', 'The gateway is holding as many request bodies as it may (limits.max_buffered_body_bytes); retry shortly.', {
            retryAfterSeconds: 1,
          }),
        );
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(new GatewayError('invalid_request', `The request body could not be read: ${err.message}`));
    };
    // a connection closed mid-body (by the client, or by the request deadline)
    const onClose = () => onError(new Error('the connection closed before the body ended'));
    const cleanup = () => {
      pool?.give(size);
      size = 0;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/**
 * The request-body bytes every request being read holds together, against one limit: a crowd of clients
 * each sending part of a large body cannot make the process hold more than the limit.
 */
export class BodyPool {
  private used = 0;
  constructor(private readonly limit: number) {}

  /** Count `bytes` more as held; false (and nothing counted) when that would pass the limit. */
  take(bytes: number): boolean {
    if (this.used + bytes > this.limit) return false;
    this.used += bytes;
    return true;
  }

  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }
}

function tooLarge(limit: number): GatewayError {
  return new GatewayError(
    'payload_too_large',
    `The request body is larger than this gateway accepts (${limit} bytes; limits.max_body_bytes).`,
  );
}
