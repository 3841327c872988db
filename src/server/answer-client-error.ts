import type { Duplex } from 'node:stream';
import { encodeError } from '../api/openai/encode-error.js';
import { GatewayError } from '../spec/gateway-error.js';

const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

/** What Node's HTTP parser and deadlines report, as the error a client should see. */
function errorFor(code: string | undefined): GatewayError {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new GatewayError('request_timeout', 'The request was not received in time (limits.request_timeout_ms, limits.headers_timeout_ms).');
  }
  if (code === 'HPE_HEADER_OVERFLOW') {
    return new GatewayError('headers_too_large', 'The request headers are larger than this gateway accepts (limits.max_header_bytes).');
  }
  return new GatewayError('invalid_request', `Malformed HTTP request (${code ?? 'parse error'}).`);
}

/**
 * The answer to a request the server cannot hand to the app (headers too large, too slow, unparseable),
 * in OpenAI's error shape, then the connection is closed. Nothing is written when a response has already
 * started on the connection (a slow body after the app answered): the connection is just closed.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  const started = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (err.code === 'ECONNRESET' || !socket.writable || started) {
    socket.destroy();
    return;
  }
  const error = errorFor(err.code);
  const body = JSON.stringify(encodeError(error));
  socket.end(
    `HTTP/1.1 ${error.status} ${REASONS[error.status]}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
