import { decodePathPart } from '../../http/decode-path-part.js';
import { findKey, keyMatchProblem } from '../../auth/find-key.js';
import { issueKey, rotateKey } from '../../auth/issue-key.js';
import type { KeyRecord, KeyStore } from '../../auth/key-record.js';
import { keySpends } from '../../auth/key-spend.js';
import type { KnownModels } from '../../auth/known-models.js';
import type { RouteTable } from '../../http/route-table.js';
import type { UsageQueries } from '../../ledger/usage-queries.js';
import { buildReport } from '../../reports/build-report.js';
import { ReportOptionError } from '../../reports/report-option-error.js';
import { reportOptionsFromQuery } from '../../reports/report-options-from-query.js';
import { parseReportFormat, renderReport } from '../../reports/render-report.js';
import type { ReportCatalog } from '../../reports/resolve-baseline.js';
import type { ConcentrationLimit } from '../../routing/policies/concentration.js';
import { GatewayError } from '../../spec/gateway-error.js';
import { invalid, optionalString, requireObject } from '../openai/read-fields.js';
import { parseNewKey } from './key-fields.js';
import { rejectUnknownFields, rejectUnknownParams } from './reject-unknown-fields.js';
import { registerTeamBudgetRoutes } from './team-budget-routes.js';

export { NEW_KEY_FIELDS, parseNewKey } from './key-fields.js';

export interface AdminDeps {
  keys: KeyStore;
  usage: UsageQueries;
  catalog: ReportCatalog;
  baseline: string | undefined;
  /** The config's concentration caps, shown in the providers report. */
  concentration?: readonly ConcentrationLimit[];
  /** The models the gateway serves: a new key's `models` naming another is refused. */
  models?: KnownModels;
  now: () => number;
}

/**
 * The admin API, behind the admin key: virtual keys (create, list with their spend, rename, rotate,
 * revoke), team budgets, and the reports (spend, savings, origins, providers) as JSON. A created or rotated key is in the
 * answer once and never again; listings show only its prefix.
 */
export function registerAdminRoutes(routes: RouteTable, deps: AdminDeps): void {
  const admin = { admin: true };
  registerTeamBudgetRoutes(routes, deps);
  routes.post(
    '/admin/keys',
    async (rc) => {
      const { key, record } = await issueKey(deps.keys, parseNewKey(rc.body, { now: deps.now(), ...(deps.models && { models: deps.models }) }), deps.now());
      return { key, ...record };
    },
    admin,
  );
  routes.get(
    '/admin/keys',
    async () => {
      const keys = await deps.keys.list();
      const spends = await keySpends(keys, deps.usage, deps.now());
      return { object: 'list', data: keys.map((k) => ({ ...k, spend: spends.get(k.id) })) };
    },
    admin,
  );
  routes.get(
    '/admin/reports/*',
    async (rc) => {
      const name = decodePathPart(rc.path.slice('/admin/reports/'.length));
      const params = new URL(rc.req.url ?? '/', 'http://admin').searchParams;
      rejectUnknownParams(params, ['since', 'until', 'by', 'baseline', 'format']);
      try {
        const format = parseReportFormat(params.get('format') ?? 'json');
        const options = { ...reportOptionsFromQuery(params, deps.baseline), ...(deps.concentration?.length && { concentration: deps.concentration }) };
        const report = await buildReport(name, options, deps.usage, deps.catalog, deps.now(), deps.keys);
        if (format === 'json') return report;
        // CSV and the aligned text table, as the CLI prints them
        const text = renderReport(report, format);
        rc.res.writeHead(200, {
          'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'text/plain; charset=utf-8',
          'content-length': Buffer.byteLength(text),
        });
        rc.res.end(text);
        return undefined;
      } catch (err) {
        if (!(err instanceof ReportOptionError)) throw err;
        if (err.option === 'report') throw new GatewayError('not_found', err.describe('api'));
        throw invalid(err.option, err.describe('api'));
      }
    },
    admin,
  );
  routes.delete(
    '/admin/keys/*',
    async (rc) => {
      const record = await keyNamed(deps.keys, decodePathPart(rc.path.slice('/admin/keys/'.length)));
      return (await deps.keys.revoke(record.id, deps.now())) ?? record;
    },
    admin,
  );
  routes.patch(
    '/admin/keys/*',
    async (rc) => {
      const record = await keyNamed(deps.keys, decodePathPart(rc.path.slice('/admin/keys/'.length)));
      const b = requireObject(rc.body, 'body');
      rejectUnknownFields(b, ['name']);
      if (!('name' in b)) throw invalid('name', 'is required: the key\'s new name (null removes it).');
      return (await deps.keys.rename(record.id, optionalString(b, 'name'))) ?? record;
    },
    admin,
  );
  routes.post(
    '/admin/keys/*',
    async (rc) => {
      const rest = decodePathPart(rc.path.slice('/admin/keys/'.length));
      if (!rest.endsWith('/rotate')) throw new GatewayError('not_found', `No admin endpoint at ${rc.path.slice(0, 200)}: POST /admin/keys/<id or prefix>/rotate rotates a key.`);
      rejectUnknownFields(requireObject(rc.body, 'body'), []);
      const record = await keyNamed(deps.keys, rest.slice(0, -'/rotate'.length));
      if (record.revokedAt !== undefined) throw invalid('key', `key ${record.prefix}… was revoked at ${new Date(record.revokedAt).toISOString()}; a revoked key cannot be rotated.`);
      const rotated = await rotateKey(deps.keys, record.id);
      if (!rotated) throw new GatewayError('not_found', `Key ${record.prefix}… was revoked or removed meanwhile.`);
      return { key: rotated.key, ...rotated.record };
    },
    admin,
  );
}

/** The one key a path names (id or prefix): 404 when none, 400 when several answer to it. */
async function keyNamed(store: KeyStore, reference: string): Promise<KeyRecord> {
  const match = findKey(reference, await store.list());
  if (match.found) return match.found;
  throw new GatewayError(match.ambiguous ? 'invalid_request' : 'not_found', keyMatchProblem(reference, match));
}
