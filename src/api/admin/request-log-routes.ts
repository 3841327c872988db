import { decodePathPart } from '../../http/decode-path-part.js';
import type { RouteTable } from '../../http/route-table.js';
import type { DashboardQueries, RequestCursor, RequestDetail, RequestLogRow, StatusFilter } from '../../ledger/dashboard-queries.js';
import { GatewayError } from '../../spec/gateway-error.js';
import { invalid } from '../openai/read-fields.js';
import { readTime } from './read-time-range.js';
import { rejectUnknownParams } from './reject-unknown-fields.js';

export interface RequestLogDeps {
  dashboard: DashboardQueries;
  now: () => number;
}

const MAX_LIMIT = 500;

/**
 * The request log (docs/admin-api.md#request-log): `GET /admin/requests` pages through the ledger newest
 * first with an opaque cursor (keyset paging on time and id: no row twice, none skipped, however many arrive
 * meanwhile), filtered by model, provider, key, team, status and time; `GET /admin/requests/<id>` is one
 * request with its failed attempts and, where its key stores them, its bodies.
 */
export function registerRequestLogRoutes(routes: RouteTable, deps: RequestLogDeps): void {
  routes.get(
    '/admin/requests',
    async (rc) => {
      const params = new URL(rc.req.url ?? '/', 'http://admin').searchParams;
      rejectUnknownParams(params, ['limit', 'cursor', 'model', 'provider', 'key', 'team', 'status', 'since']);
      const limitText = params.get('limit');
      const limit = limitText === null ? 50 : Number(limitText);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw invalid('limit', `expected an integer from 1 to ${MAX_LIMIT}.`);
      const text = (name: string) => {
        const v = params.get(name);
        return v === null || v === '' ? undefined : v;
      };
      const cursor = text('cursor');
      const status = text('status');
      const since = text('since');
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      const rows = await deps.dashboard.requests({
        limit: limit + 1,
        ...(after && { after }),
        ...(text('model') !== undefined && { model: text('model') }),
        ...(text('provider') !== undefined && { provider: text('provider') }),
        ...(text('key') !== undefined && { keyId: text('key') }),
        ...(text('team') !== undefined && { team: text('team') }),
        ...(status !== undefined && { status: parseStatus(status) }),
        ...(since !== undefined && { since: readTime(since, deps.now(), 'since') }),
      });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return { object: 'list', data: page.map(logWire), next_cursor: rows.length > limit && last ? encodeCursor(last) : null };
    },
    { admin: true },
  );
  routes.get(
    '/admin/requests/*',
    async (rc) => {
      const id = decodePathPart(rc.path.slice('/admin/requests/'.length));
      const row = await deps.dashboard.request(id);
      if (!row) throw new GatewayError('not_found', `No request with id '${id.slice(0, 200)}' in the ledger.`);
      return detailWire(row);
    },
    { admin: true },
  );
}

/** `ok`, `error`, an HTTP status (`429`) or an error code (`upstream_timeout`). */
function parseStatus(text: string): StatusFilter {
  if (text === 'ok' || text === 'error') return { kind: text };
  if (/^[1-5]\d\d$/.test(text)) return { kind: 'http', status: Number(text) };
  if (/^[a-z][a-z0-9_]{0,63}$/.test(text)) return { kind: 'code', code: text };
  throw invalid('status', "expected 'ok', 'error', an HTTP status such as 429, or an error code such as upstream_timeout.");
}

function encodeCursor(row: RequestLogRow): string {
  return Buffer.from(JSON.stringify([row.ts, row.id])).toString('base64url');
}

function decodeCursor(text: string): RequestCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && Number.isSafeInteger(parsed[0]) && typeof parsed[1] === 'string') return { ts: parsed[0] as number, id: parsed[1] };
  } catch {
    // fall through
  }
  throw invalid('cursor', "expected the next_cursor of an earlier page.");
}

function logWire(r: RequestLogRow) {
  return {
    id: r.id,
    at: r.ts,
    key_id: r.keyId,
    key_name: r.keyName,
    team: r.team,
    requested_model: r.requestedModel,
    provider: r.provider,
    served_model: r.servedModel,
    status: r.status,
    error_code: r.errorCode,
    stream: r.stream,
    input_tokens: r.inputTokens,
    output_tokens: r.outputTokens,
    cost_usd: r.costUsd,
    ttft_ms: r.ttftMs,
    duration_ms: r.durationMs,
    route: r.route,
    bodies_stored: r.bodiesStored,
  };
}

function detailWire(r: RequestDetail) {
  return {
    ...logWire(r),
    catalog_model: r.catalogModel,
    developer: r.developer,
    origin: r.origin,
    jurisdiction: r.jurisdiction,
    cached_input_tokens: r.cachedInputTokens,
    cache_write_tokens: r.cacheWriteTokens,
    reasoning_tokens: r.reasoningTokens,
    usage_estimated: r.usageEstimated,
    cost_estimated: r.costEstimated,
    partial: r.partial,
    attempts: r.attempts,
    router: r.routerRoute === null ? null : { route: r.routerRoute, tier: r.routerTier, served_tier: r.routerServedTier, score: r.routerScore },
    purpose: r.purpose,
    cache: r.cache,
    cache_saved_usd: r.cacheSavedUsd,
    request_body: r.requestBody,
    response_body: r.responseBody,
  };
}
