import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../spec/gateway-error.js';

/**
 * The request body parsed as JSON, whatever content type the client declared (curl's default included).
 * A body over the limit is refused before it is read when Content-Length says so, else as soon as it
 * grows past the limit.
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) throw tooLarge(limit);
  const text = await readText(req, limit);
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
function readText(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        reject(tooLarge(limit));
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
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

function tooLarge(limit: number): GatewayError {
  return new GatewayError(
    'payload_too_large',
    `The request body is larger than this gateway accepts (${limit} bytes; limits.max_body_bytes).`,
  );
}
