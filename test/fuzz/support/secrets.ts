/** Credentials the fuzzed adapters are configured with: none may ever appear in what they report. */
export const API_KEY = 'sk-fuzz-SECRET-0123456789abcdefXYZ';
export const HEADER_TOKEN = 'Bearer hdr-fuzz-TOKEN-9876543210';
export const SHORT_KEY = 'k3y-Sh';

/** Every secret as the adapters collect them (the key, a header value, the header value without "Bearer "). */
export const SECRETS: readonly string[] = [API_KEY, HEADER_TOKEN, HEADER_TOKEN.replace(/^Bearer\s+/, '')];

/** The secrets, their pieces and their disguises (case, base64, JSON escapes), for dictionaries. */
export function secretTokens(secrets: readonly string[] = [API_KEY, HEADER_TOKEN, SHORT_KEY]): string[] {
  const out: string[] = [];
  for (const s of secrets) {
    out.push(s, s.toUpperCase(), s.toLowerCase(), s.slice(0, 12), s.slice(-12), s.slice(3, 16));
    out.push(Buffer.from(s).toString('base64'), Buffer.from(`x${s}`).toString('base64'), Buffer.from(`xy${s}`).toString('base64url'));
    out.push(JSON.stringify(s).slice(1, -1).replace(/[a-z]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`));
    out.push(encodeURIComponent(s), s.split('').join(' '));
  }
  return out;
}
