import { GatewayError } from '../spec/gateway-error.js';

/** Longest path part (a model name, a key id) echoed back in an error. */
const ECHO_CHARS = 256;

/** A percent-encoded part of a request path, decoded; a malformed escape is the client's 400, not a crash. */
export function decodePathPart(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new GatewayError('invalid_request', `The path contains an invalid escape: '${text.slice(0, ECHO_CHARS)}'.`);
  }
}
