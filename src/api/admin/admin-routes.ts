import { decodePathPart } from '../../http/decode-path-part.js';
import { issueKey } from '../../auth/issue-key.js';
import type { BudgetPeriod, KeyStore, NewKey } from '../../auth/key-record.js';
import type { RouteTable } from '../../http/route-table.js';
import type { UsageQueries } from '../../ledger/usage-queries.js';
import { buildReport } from '../../reports/build-report.js';
import { ReportOptionError } from '../../reports/report-option-error.js';
import { reportOptionsFromQuery } from '../../reports/report-options-from-query.js';
import { parseReportFormat, renderReport } from '../../reports/render-report.js';
import type { ReportCatalog } from '../../reports/resolve-baseline.js';
import type { ConcentrationLimit } from '../../routing/policies/concentration.js';
import { GatewayError } from '../../spec/gateway-error.js';
import { invalid, optionalBoolean, optionalNumber, optionalString, requireObject } from '../openai/read-fields.js';
import { rejectUnknownFields, rejectUnknownParams } from './reject-unknown-fields.js';

export interface AdminDeps {
  keys: KeyStore;
  usage: UsageQueries;
  catalog: ReportCatalog;
  baseline: string | undefined;
  /** The config's concentration caps, shown in the providers report. */
  concentration?: readonly ConcentrationLimit[];
  now: () => number;
}

/**
 * The admin API, behind the admin key: virtual keys (create, list, revoke) and the reports (spend,
 * savings, origins, providers) as JSON. A created key is in the answer once and never again; listings
 * show only its prefix.
 */
export function registerAdminRoutes(routes: RouteTable, deps: AdminDeps): void {
  const admin = { admin: true };
  routes.post(
    '/admin/keys',
    async (rc) => {
      const { key, record } = await issueKey(deps.keys, parseNewKey(rc.body), deps.now());
      return { key, ...record };
    },
    admin,
  );
  routes.get('/admin/keys', async () => ({ object: 'list', data: await deps.keys.list() }), admin);
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
      const id = decodePathPart(rc.path.slice('/admin/keys/'.length));
      const record = await deps.keys.revoke(id, deps.now());
      if (!record) throw new GatewayError('not_found', `No key with id or prefix '${id}'.`);
      return record;
    },
    admin,
  );
}

const PERIODS = new Set(['day', 'week', 'month']);

/** The fields `POST /admin/keys` takes (docs/admin-api.md). */
export const NEW_KEY_FIELDS = ['team', 'name', 'budget_usd', 'budget_period', 'rpm', 'tpm', 'models', 'store_bodies'] as const;

export function parseNewKey(body: unknown): NewKey {
  const b = requireObject(body, 'body');
  rejectUnknownFields(b, NEW_KEY_FIELDS);
  const team = optionalString(b, 'team');
  if (!team) throw invalid('team', 'is required: the team the key belongs to.');
  const name = optionalString(b, 'name');
  const budgetUsd = optionalNumber(b, 'budget_usd', { min: 0 });
  const period = optionalString(b, 'budget_period');
  if (period !== undefined && !PERIODS.has(period)) throw invalid('budget_period', "expected 'day', 'week' or 'month'.");
  if (period !== undefined && budgetUsd === undefined) throw invalid('budget_period', 'is the period of a budget: give the budget too (budget_usd, or --budget on the CLI).');
  const rpm = optionalNumber(b, 'rpm', { integer: true, min: 1 });
  const tpm = optionalNumber(b, 'tpm', { integer: true, min: 1 });
  const models = b.models ?? undefined;
  if (models !== undefined && (!Array.isArray(models) || !models.every((m) => typeof m === 'string'))) {
    throw invalid('models', 'expected an array of model names.');
  }
  const storeBodies = optionalBoolean(b, 'store_bodies');
  return {
    team,
    ...(name !== undefined && { name }),
    ...(budgetUsd !== undefined && { budgetUsd, budgetPeriod: (period ?? 'month') as BudgetPeriod }),
    ...(rpm !== undefined && { rpm }),
    ...(tpm !== undefined && { tpm }),
    ...(Array.isArray(models) && { models: models as string[] }),
    ...(storeBodies !== undefined && { storeBodies }),
  };
}
