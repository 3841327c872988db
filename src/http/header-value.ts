/** Longest value the gateway puts in one response header; longer values are cut with a marker. */
export const MAX_HEADER_VALUE_CHARS = 2048;

/**
 * A value that is always legal in an HTTP header: characters outside printable ASCII (control characters,
 * line breaks, anything above U+007E) are percent-encoded as UTF-8, and the value is cut to
 * MAX_HEADER_VALUE_CHARS. Names a client chose (a model, a route) reach headers through here, so no request
 * can make `writeHead` throw.
 */
export function headerValue(value: string): string {
  let safe = true;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) {
      safe = false;
      break;
    }
  }
  const out = safe ? value : value.replace(/[^\x20-\x7e]+/g, percentEncode);
  return out.length > MAX_HEADER_VALUE_CHARS ? `${out.slice(0, MAX_HEADER_VALUE_CHARS - 3)}...` : out;
}

/** Every value of a header map made safe (see headerValue). */
export function safeHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers) for (const name in headers) out[name] = headerValue(String(headers[name]));
  return out;
}

/** UTF-8 bytes as %XX; a lone surrogate becomes U+FFFD's bytes rather than an error. */
function percentEncode(run: string): string {
  let out = '';
  for (const byte of Buffer.from(run, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}
