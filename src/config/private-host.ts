import { isLoopback } from './parse-listen.js';

/**
 * Whether a base URL points at this machine or a private network (RFC 1918, link-local, unique-local IPv6,
 * `.local` / `.internal` names): a server there is one you run, not a provider's hosted API.
 */
export function isPrivateUrl(baseUrl: string): boolean {
  let host: string;
  try {
    host = new URL(baseUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return false;
  }
  if (isLoopback(host)) return true;
  if (/^10\.\d+\.\d+\.\d+$/.test(host) || /^192\.168\.\d+\.\d+$/.test(host) || /^169\.254\.\d+\.\d+$/.test(host)) return true;
  const m = /^172\.(\d+)\.\d+\.\d+$/.exec(host);
  if (m && Number(m[1]) >= 16 && Number(m[1]) <= 31) return true;
  if (/^f[cd][0-9a-f]{2}:/.test(host) || host.startsWith('fe80:')) return true;
  return !host.includes('.') || host.endsWith('.local') || host.endsWith('.internal') || host.endsWith('.lan');
}
