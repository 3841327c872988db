import type { TLSSocket } from 'node:tls';
import { CSRF_HEADER, SESSION_COOKIE } from '../../auth/admin-access.js';
import { createKeyMatcher } from '../../auth/check-fixed-key.js';
import type { SignInLimiter } from '../../auth/sign-in-limiter.js';
import type { UiSession, UiSessions } from '../../auth/ui-session.js';
import { readCookie } from '../../http/read-cookie.js';
import type { RequestContext } from '../../http/request-context.js';
import type { RouteTable } from '../../http/route-table.js';
import { GatewayError } from '../../spec/gateway-error.js';
import { isObject } from '../openai/read-fields.js';
import { rejectUnknownFields } from './reject-unknown-fields.js';

export interface UiSessionDeps {
  /** Absent without an admin key: signing in is refused (403), as the admin API is. */
  adminKey: string | undefined;
  sessions: UiSessions | undefined;
  limiter: SignInLimiter;
}

/**
 * The dashboard's sign-in (docs/admin-api.md#dashboard-sessions): `POST /ui/session {"admin_key"}` sets the
 * session cookie (HttpOnly, SameSite=Strict) and answers the CSRF token; `GET /ui/session` answers it again
 * while the cookie is good; `DELETE /ui/session` (with the CSRF header) signs out in every process. Wrong
 * keys are logged (never the key) and limited per client address.
 */
export function registerUiSessionRoutes(routes: RouteTable, deps: UiSessionDeps): void {
  const matches = deps.adminKey ? createKeyMatcher(deps.adminKey) : undefined;
  const open = { open: true };
  routes.post(
    '/ui/session',
    async (rc) => {
      const sessions = enabled(deps);
      const address = rc.req.socket.remoteAddress ?? 'unknown';
      deps.limiter.check(address);
      const body = isObject(rc.body) ? rc.body : {};
      if (isObject(rc.body)) rejectUnknownFields(rc.body, ['admin_key']);
      const presented = body.admin_key;
      if (typeof presented !== 'string' || presented === '' || !matches!(presented)) {
        deps.limiter.fail(address);
        rc.logFields.signIn = 'refused';
        rc.log.warn({ reqId: rc.id, client: address }, 'dashboard sign-in refused: wrong or missing admin key');
        throw new GatewayError('unauthorized', 'Wrong admin key.');
      }
      deps.limiter.succeed(address);
      const { token, session } = sessions.issue();
      rc.logFields.signIn = 'ok';
      const secure = isHttps(rc) ? '; Secure' : '';
      rc.headers['set-cookie'] = `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${Math.floor(sessions.ttlMs / 1000)}${secure}`;
      return answer(session);
    },
    open,
  );
  routes.get('/ui/session', async (rc) => answer(await current(rc, enabled(deps))), open);
  routes.delete(
    '/ui/session',
    async (rc) => {
      const sessions = enabled(deps);
      const session = await current(rc, sessions);
      const presented = rc.req.headers[CSRF_HEADER];
      if (!sessions.csrfMatches(session, typeof presented === 'string' ? presented : undefined)) {
        throw new GatewayError('forbidden', `Missing or wrong ${CSRF_HEADER} header: signing out needs the session's CSRF token.`);
      }
      await sessions.revoke(session);
      rc.res.writeHead(204, { ...rc.headers, 'set-cookie': `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0${isHttps(rc) ? '; Secure' : ''}` });
      rc.res.end();
      return undefined;
    },
    open,
  );
}

function enabled(deps: UiSessionDeps): UiSessions {
  if (!deps.sessions) throw new GatewayError('forbidden', 'The admin API is off: set SWITCHYARD_ADMIN_KEY (or auth.admin_key) to use the dashboard.');
  return deps.sessions;
}

async function current(rc: RequestContext, sessions: UiSessions): Promise<UiSession> {
  const session = await sessions.verify(readCookie(rc.req.headers.cookie, SESSION_COOKIE));
  if (!session) throw new GatewayError('unauthorized', 'Not signed in, or the session has expired: sign in with the admin key.');
  return session;
}

function answer(session: UiSession): { csrf: string; expires_at: number } {
  return { csrf: session.csrf, expires_at: session.expiresAt };
}

/** Over TLS here, or (TLS ended by a reverse proxy) the proxy says the client used https. */
function isHttps(rc: RequestContext): boolean {
  if ((rc.req.socket as TLSSocket).encrypted === true) return true;
  const proto = rc.req.headers['x-forwarded-proto'];
  return typeof proto === 'string' && proto.split(',')[0]!.trim().toLowerCase() === 'https';
}
