import type { ServerResponse } from 'node:http';
import { safeHeaders } from './header-value.js';

/** A JSON body already serialized (a relayed answer, spliced rather than rebuilt): sent as it is. */
export class JsonText {
  constructor(readonly text: string) {}
}

/**
 * Send a JSON body (a value, or a JsonText) in one write, with its length; header values are made safe (see headerValue). When the
 * request's body was not read to its end (an answer sent before it, such as a 401 or 413), the connection
 * is closed after the answer instead of waiting for the rest of a body nobody will read.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>): void {
  const text = body instanceof JsonText ? body.text : JSON.stringify(body);
  res.writeHead(status, {
    ...safeHeaders(headers),
    ...(res.req?.complete === false && { connection: 'close' }),
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
