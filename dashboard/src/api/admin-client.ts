import type { Session } from './admin-types';

/**
 * The only way the dashboard talks to the gateway: same-origin fetches of the admin API and the session,
 * the session cookie (HttpOnly, set by the gateway) carrying the sign-in. The CSRF token lives in this
 * module's memory only — never in storage or the URL — and goes out as `x-switchyard-csrf` on every
 * request that is not a GET or HEAD. A reload gets it back from GET /ui/session.
 */
let csrf: string | null = null;
let onSignedOut: () => void = () => {};

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
    readonly param: string | null,
  ) {
    super(message);
  }
}

/** Called when the gateway says the session is gone (401 on an admin call). */
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface CallOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

/** Build `path?query`, leaving out empty values. */
export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Call the gateway; the answer's JSON, or an ApiError carrying the OpenAI-shaped error's message. */
export async function call<T>(path: string, options: CallOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrf) headers['x-switchyard-csrf'] = csrf;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(withQuery(path, options.query), {
    method,
    headers,
    credentials: 'same-origin',
    cache: 'no-store',
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
    ...(options.signal && { signal: options.signal }),
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const error = (json as { error?: { message?: string; code?: string; param?: string } } | undefined)?.error;
    const err = new ApiError(error?.message ?? `${res.status} ${res.statusText}`.trim(), res.status, error?.code ?? null, error?.param ?? null);
    if (res.status === 401 && path.startsWith('/admin/')) {
      csrf = null;
      onSignedOut();
    }
    throw err;
  }
  return json as T;
}

/** Exchange the admin key for a session cookie; the key itself is sent once and kept nowhere. */
export async function signIn(adminKey: string): Promise<Session> {
  const session = await call<Session>('/ui/session', { method: 'POST', body: { admin_key: adminKey } });
  csrf = session.csrf;
  return session;
}

/** The session this browser already has (after a reload), or null when there is none. */
export async function recoverSession(): Promise<Session | null> {
  try {
    const session = await call<Session>('/ui/session');
    csrf = session.csrf;
    return session;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export async function signOut(): Promise<void> {
  try {
    await call<void>('/ui/session', { method: 'DELETE' });
  } finally {
    csrf = null;
  }
}
