import type { IncomingMessage } from 'node:http';
import { isSameOrigin } from '../http/browser-guard.js';
import { readCookie } from '../http/read-cookie.js';
import { GatewayError } from '../spec/gateway-error.js';
import { createKeyChecker } from './check-fixed-key.js';
import type { UiSessions } from './ui-session.js';

/** The dashboard session's cookie. */
export const SESSION_COOKIE = 'sy_session';
/** The header a session's state-changing requests carry their CSRF token in. */
export const CSRF_HEADER = 'x-switchyard-csrf';

/** How an admin request proved itself. */
export type AdminCaller = { via: 'key' } | { via: 'session'; sessionId: string };

/**
 * The admin API's door: the admin key (`Authorization: Bearer`, or `x-api-key`), or a dashboard session
 * cookie. A request that sends a key is judged by the key alone. With the cookie, the request must come
 * from the gateway's own pages (no Origin, or the same origin), and anything but GET and HEAD must carry
 * the session's CSRF token in `x-switchyard-csrf`. Without an admin key the admin API is off (403).
 */
export function createAdminAccess(adminKey: string | undefined, sessions: UiSessions | undefined): (req: IncomingMessage, method: string) => Promise<AdminCaller> {
  const checkKey = adminKey ? createKeyChecker(adminKey) : undefined;
  return async (req, method) => {
    if (!checkKey || !sessions) throw new GatewayError('forbidden', 'The admin API is off: set SWITCHYARD_ADMIN_KEY (or auth.admin_key) to use it.');
    const headers = req.headers;
    const cookie = readCookie(headers.cookie, SESSION_COOKIE);
    if (headers.authorization !== undefined || headers['x-api-key'] !== undefined || cookie === undefined) {
      checkKey(headers);
      return { via: 'key' };
    }
    const session = await sessions.verify(cookie);
    if (!session) throw new GatewayError('unauthorized', 'The dashboard session has expired or was signed out: sign in again at /ui.');
    const origin = headers.origin;
    if (origin !== undefined && !isSameOrigin(origin.toLowerCase(), (headers.host ?? '').toLowerCase())) {
      throw new GatewayError('forbidden', "A dashboard session is honoured only on the gateway's own pages.");
    }
    if (method !== 'GET' && method !== 'HEAD') {
      const presented = headers[CSRF_HEADER];
      if (!sessions.csrfMatches(session, typeof presented === 'string' ? presented : undefined)) {
        throw new GatewayError('forbidden', `Missing or wrong ${CSRF_HEADER} header: a dashboard session must send its CSRF token (from POST or GET /ui/session) with every change.`);
      }
    }
    return { via: 'session', sessionId: session.id };
  };
}
