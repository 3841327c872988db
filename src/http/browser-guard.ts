import type { IncomingHttpHeaders } from 'node:http';
import { GatewayError } from '../spec/gateway-error.js';

export interface BrowserRules {
  /** Host names (no port, lower case) the gateway answers to; undefined: any (a non-loopback listener). */
  hosts: ReadonlySet<string> | undefined;
  /** Web origins (`https://app.example.com`) whose pages may call the gateway, with CORS. */
  origins: ReadonlySet<string>;
}

/** The names a loopback listener answers to unless the config says otherwise. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/**
 * The rules for a listen address: a gateway on loopback answers only to loopback names (a web page that
 * rebinds its own DNS name to 127.0.0.1 still sends its own name as Host); on another address it answers
 * to any Host unless `allowed_hosts` is set.
 */
export function browserRules(listenHost: string, loopback: boolean, allowedHosts: readonly string[] | undefined, allowedOrigins: readonly string[]): BrowserRules {
  const hosts = allowedHosts ?? (loopback ? [...LOOPBACK_NAMES, listenHost] : undefined);
  return {
    hosts: hosts && new Set(hosts.map((h) => h.toLowerCase().replace(/^\[(.*)\]$/, '$1'))),
    origins: new Set(allowedOrigins.map((o) => o.replace(/\/+$/, '').toLowerCase())),
  };
}

/**
 * Refuse what only a hostile web page would send: a Host the gateway does not answer to (DNS rebinding),
 * and a request from another web origin that the config does not name (a cross-site "simple" POST needs
 * no preflight and would otherwise spend the operator's keys). A page the gateway serves itself (same
 * origin) passes. `page`: the request is a GET of the dashboard's static pages, which a link on another
 * site may open (a top-level navigation: it carries no cookie there, since the session's is SameSite=Strict,
 * and what it loads reads nothing). Returns the CORS headers to send when the origin is an allowed other site.
 */
export function checkBrowserRequest(headers: IncomingHttpHeaders, rules: BrowserRules, page = false): Record<string, string> | undefined {
  const host = headers.host ?? '';
  if (rules.hosts && !rules.hosts.has(hostName(host))) {
    throw new GatewayError('forbidden', `This gateway does not answer to the host name in the request's Host header (allowed_hosts).`);
  }
  const origin = headers.origin;
  if (origin === undefined) {
    if (headers['sec-fetch-site'] === 'cross-site' && !(page && headers['sec-fetch-mode'] === 'navigate')) throw crossSite();
    return undefined;
  }
  const normalized = origin.toLowerCase();
  if (rules.origins.has(normalized)) return { 'access-control-allow-origin': origin, vary: 'origin' };
  if (isSameOrigin(normalized, host.toLowerCase())) return undefined;
  throw crossSite();
}

/** The answer to a CORS preflight from an allowed origin. */
export function preflightHeaders(headers: IncomingHttpHeaders, rules: BrowserRules): Record<string, string> | undefined {
  const origin = headers.origin;
  if (origin === undefined || !rules.origins.has(origin.toLowerCase())) return undefined;
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, POST, DELETE',
    'access-control-allow-headers': 'authorization, content-type, x-api-key, anthropic-version, anthropic-beta, x-request-id',
    'access-control-max-age': '600',
    vary: 'origin',
  };
}

function crossSite(): GatewayError {
  return new GatewayError('forbidden', 'Requests from other web sites are refused; add the site to allowed_origins to let its pages call this gateway.');
}

/** `example.com:4000` → `example.com`; `[::1]:4000` → `::1`. */
function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') < 0 ? undefined : h.indexOf(']'));
  const colon = h.lastIndexOf(':');
  return colon < 0 ? h : h.slice(0, colon);
}

/** Whether a (lower-case) Origin is the gateway's own, as named by the (lower-case) Host header. */
export function isSameOrigin(origin: string, host: string): boolean {
  return host !== '' && (origin === `http://${host}` || origin === `https://${host}`);
}
