import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { hashKey } from '../../src/auth/issue-key.js';
import { loadDefaultCatalog } from '../../src/catalog/load-catalog.js';
import { runDrillCommand } from '../../src/cli/drill-command.js';
import { readPackageVersion } from '../../src/cli/read-package-version.js';
import { loadConfigFile } from '../../src/config/load-config.js';
import type { LedgerRow } from '../../src/ledger/ledger-row.js';
import { silentLogging } from '../../src/server/create-logging.js';
import { openLedgerStores } from '../../src/server/open-ledger-stores.js';
import { startGateway, type RunningGateway } from '../../src/server/start-gateway.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres-test-db.js';
import { postgresSkipReason } from '../support/test-services.js';
import { DASHBOARD_LEDGER, DAY, DAYS, NEWEST_FIRST, SINCE, UNTIL } from './dashboard-ledger.js';
import { ADMIN, fakeUiDir, raw } from './ui-test-gateway.js';

/**
 * The dashboard's admin endpoints over real HTTP, on a ledger seeded through the store's own writer with
 * the rows of dashboard-ledger.ts, on SQLite and on PostgreSQL: every figure is worked out by hand.
 */
const noPostgres = await postgresSkipReason();
const RANGE = `since=2025-06-01&until=2025-06-08`;
const gpt5 = loadDefaultCatalog().resolve('openai', 'gpt-5').offer!.price;
const atGpt5 = (input: number, output: number) => (input * gpt5.input + output * gpt5.output) / 1e6;

const round = (v: number) => Math.round(v * 1e12) / 1e12;
type Answer = { series: Array<{ name: string; label?: string; points: Array<[number, number]> }> } & Record<string, any>;
/** Series as `{name: [values per bucket]}`, rounded (sums of floats). */
const values = (a: Answer) => Object.fromEntries(a.series.map((s) => [s.name, s.points.map((p) => round(p[1]))]));

async function seed(storage: ReturnType<typeof loadConfigFile>['storage'], rows: LedgerRow[]): Promise<void> {
  const stores = await openLedgerStores(storage);
  try {
    await stores.keys.create({ team: 'alpha', name: 'ci' }, hashKey('sy-k1'), 'sy-k1aaaaa', 'k1', SINCE);
    await stores.keys.create({ team: 'beta' }, hashKey('sy-k2'), 'sy-k2bbbbb', 'k2', SINCE);
    await Promise.all(rows.map((r) => stores.ledger.write(r)));
  } finally {
    await stores.close();
  }
}

for (const kind of ['sqlite', 'postgres'] as const) {
  describe.skipIf(kind === 'postgres' && noPostgres !== '')(`dashboard endpoints on ${kind}`, () => {
    let dir: string;
    let db: TestDatabase | undefined;
    let configFile: string;
    let gw: RunningGateway;
    const get = async (path: string) => {
      const res = await raw(gw.url, 'GET', path, { authorization: `Bearer ${ADMIN}` });
      return { status: res.status, body: res.json() as Answer };
    };
    const ok = async (path: string) => {
      const res = await get(path);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body;
    };

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), `sy-dash-${kind}-`));
      if (kind === 'postgres') db = await createTestDatabase('dashboard');
      configFile = join(dir, 'switchyard.yaml');
      const down = 'http://127.0.0.1:9/v1';
      writeFileSync(
        configFile,
        stringify({
          listen: '127.0.0.1:0',
          log_level: 'silent',
          storage: kind === 'sqlite' ? `sqlite:${join(dir, 'ledger.db')}` : db!.url(),
          spool_dir: join(dir, 'spool'),
          auth: { admin_key: ADMIN },
          baseline: 'openai/gpt-5',
          providers: {
            ds: { type: 'deepseek', api_key: 'k-000000', base_url: down },
            oa: { type: 'openai', api_key: 'k-000000', base_url: down },
            local: { type: 'vllm', base_url: down },
          },
          models: { chat: { deployments: ['ds/deepseek-chat', 'oa/gpt-5'] }, 'local-llama': { deployments: ['local/llama-3.1-8b'] } },
        }),
      );
      const config = loadConfigFile(configFile, {});
      await seed(config.storage, DASHBOARD_LEDGER);
      gw = await startGateway(config, { logging: silentLogging(), uiDir: fakeUiDir() });
    });
    afterAll(async () => {
      await gw?.close(100);
      await db?.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('GET /admin/info', async () => {
      const info = await ok('/admin/info');
      expect(info).toEqual({ version: readPackageVersion(), simulated: false, store: kind, started_at: expect.any(Number), baseline: 'openai/gpt-5', admin_via_ui: true });
      expect(info.started_at).toBeLessThanOrEqual(Date.now());
    });

    describe('GET /admin/timeseries', () => {
      it('spend per day: a point for every day, 0 where nothing was spent, unknown costs named', async () => {
        const a = await ok(`/admin/timeseries?metric=spend&${RANGE}`);
        expect(a).toMatchObject({ metric: 'spend', bucket: 'day', since: SINCE, until: UNTIL, by: 'total' });
        expect(a.series.map((s) => s.points.map((p) => p[0]))).toEqual([DAYS]);
        expect(values(a)).toEqual({ total: [0.0125, 0, 0.001, 0, 0, 0, 0.0241] });
        expect(a.notes).toEqual(['2 requests had an unknown cost (no price known) and are not in the cost figures.']);
      });

      it('spend per team and per key (named), largest first', async () => {
        const teams = await ok(`/admin/timeseries?metric=spend&${RANGE}&by=team`);
        expect(teams.series.map((s) => s.name)).toEqual(['beta', 'alpha', '(none)']);
        expect(values(teams)).toEqual({ beta: [0.01, 0, 0.001, 0, 0, 0, 0.02], alpha: [0.0025, 0, 0, 0, 0, 0, 0.0041], '(none)': [0, 0, 0, 0, 0, 0, 0] });
        const keys = await ok(`/admin/timeseries?metric=spend&${RANGE}&by=key`);
        expect(keys.series.map((s) => [s.name, s.label])).toEqual([['k2', 'sy-k2bbbbb'], ['k1', 'ci'], ['(none)', undefined]]);
        const models = await ok(`/admin/timeseries?metric=spend&${RANGE}&by=model`);
        expect(values(models)).toEqual({ 'gpt-5': [0.01, 0, 0.001, 0, 0, 0, 0.0201], 'deepseek-v3.2': [0.0025, 0, 0, 0, 0, 0, 0.004], 'llama-3.1-8b': [0, 0, 0, 0, 0, 0, 0], unknown: [0, 0, 0, 0, 0, 0, 0] });
        const routes = await ok(`/admin/timeseries?metric=spend&${RANGE}&by=route`);
        expect(routes.series.map((s) => s.name)).toEqual(['chat', 'local-llama']);
      });

      it('hours and weeks (from Monday, UTC)', async () => {
        const hours = await ok('/admin/timeseries?metric=spend&bucket=hour&since=2025-06-01T10:00:00Z&until=2025-06-01T13:00:00Z');
        expect(hours.series[0]!.points.map((p) => p[0])).toEqual([0, 1, 2].map((h) => SINCE + (10 + h) * 3_600_000));
        expect(values(hours)).toEqual({ total: [0.012, 0, 0.0005] });
        const weeks = await ok(`/admin/timeseries?metric=spend&bucket=week&${RANGE}`);
        expect(weeks.series[0]!.points.map((p) => p[0])).toEqual([SINCE - 6 * DAY, SINCE + DAY]);
        expect(values(weeks)).toEqual({ total: [0.0125, 0.0251] });
      });

      it('tokens by origin, developer and jurisdiction', async () => {
        const origins = await ok(`/admin/timeseries?metric=tokens_by_origin&${RANGE}`);
        expect(values(origins)).toEqual({ CN: [2100, 0, 0, 0, 0, 0, 5000], US: [3000, 0, 150, 0, 0, 0, 3000], unknown: [0, 0, 0, 0, 500, 0, 0] });
        expect(origins.notes).toEqual(['1 request had unknown token counts: only known counts are in the token figures.']);
        const developers = await ok(`/admin/timeseries?metric=tokens_by_developer&${RANGE}`);
        expect(developers.series.map((s) => s.name)).toEqual(['DeepSeek', 'OpenAI', 'unknown']);
        const jurisdictions = await ok(`/admin/timeseries?metric=tokens_by_jurisdiction&${RANGE}&bucket=week`);
        expect(values(jurisdictions)).toEqual({ CN: [2100, 5000], US: [3000, 3150], unknown: [0, 500] });
      });

      it('requests: ok and error per day, cancelled hedges in neither', async () => {
        const a = await ok(`/admin/timeseries?metric=requests&${RANGE}`);
        expect(values(a)).toEqual({ ok: [3, 0, 0, 0, 1, 0, 2], error: [0, 1, 1, 0, 0, 0, 0] });
      });

      it('savings against the baseline, with a year projected from the last days of data', async () => {
        const a = await ok(`/admin/timeseries?metric=savings&${RANGE}`);
        expect(a.baseline).toBe('openai/gpt-5');
        const baseline = [atGpt5(3500, 1600), 0, atGpt5(100, 50), 0, 0, 0, atGpt5(6000, 2000)];
        const actual = [0.0125, 0, 0.001, 0, 0, 0, 0.0241];
        expect(values(a)).toEqual({ actual, baseline: baseline.map(round), saved: baseline.map((b, i) => round(b - actual[i]!)) });
        expect(a.notes).toContain('Compared 7 requests of 9: those with known token counts and a known cost; the others are in no series.');
        // the data starts at a1 (06-01 10:15), less than seven days before the end of the range
        const days = (UNTIL - Date.UTC(2025, 5, 1, 10, 15)) / DAY;
        expect(a.projection.from_days).toBeCloseTo(days, 4);
        expect(a.projection.year_spend_usd).toBeCloseTo(((0.0125 + 0.001 + 0.0241) / days) * 365, 10);
        const saved = baseline.reduce((x, y) => x + y, 0) - 0.0376;
        expect(a.projection.year_saved_usd).toBeCloseTo((saved / days) * 365, 10);
        const other = await ok(`/admin/timeseries?metric=savings&${RANGE}&baseline=deepseek-v3.2`);
        expect(other.baseline).toBe('deepseek-v3.2');
        const short = await ok('/admin/timeseries?metric=savings&since=2025-06-07&until=2025-06-07T12:00:01Z&bucket=hour');
        expect(short.projection).toEqual({ year_spend_usd: null, year_saved_usd: null, from_days: 0 });
      });

      it('bad parameters are 400 naming them', async () => {
        const cases: Array<[string, string]> = [
          ['metric=cost', 'metric'],
          ['metric=tokens_by_origin&by=team', 'by'],
          ['metric=spend&by=colour', 'by'],
          ['metric=spend&baseline=openai/gpt-5', 'baseline'],
          ['metric=savings&baseline=nobody/nothing', 'baseline'],
          ['bucket=minute', 'bucket'],
          ['bucket=hour&since=400d', 'bucket'],
          ['since=2025-06-08&until=2025-06-01', 'since'],
          ['since=yesterday', 'since'],
          ['metrc=spend', 'metrc'],
        ];
        for (const [query, param] of cases) {
          const res = await get(`/admin/timeseries?${query}`);
          expect(res.status, query).toBe(400);
          expect(res.body.error, query).toMatchObject({ code: 'invalid_request', param });
        }
      });
    });

    it('GET /admin/latency: nearest-rank percentiles, errors and error rates per provider and per model', async () => {
      const byProvider = await ok(`/admin/latency?${RANGE}`);
      expect(byProvider).toEqual({
        since: SINCE,
        until: UNTIL,
        by: 'provider',
        data: [
          { name: 'ds', requests: 3, errors: 0, error_rate: 0, ttft_p50_ms: 100, ttft_p99_ms: 120, duration_p50_ms: 400, duration_p99_ms: 600 },
          { name: 'oa', requests: 3, errors: 1, error_rate: 1 / 3, ttft_p50_ms: 200, ttft_p99_ms: 300, duration_p50_ms: 800, duration_p99_ms: 1000 },
          { name: 'local', requests: 1, errors: 0, error_rate: 0, ttft_p50_ms: 50, ttft_p99_ms: 50, duration_p50_ms: 250, duration_p99_ms: 250 },
          { name: 'unknown', requests: 1, errors: 1, error_rate: 1, ttft_p50_ms: null, ttft_p99_ms: null, duration_p50_ms: 50, duration_p99_ms: 50 },
        ],
      });
      const byModel = await ok(`/admin/latency?${RANGE}&by=model`);
      expect(byModel.data.map((r: { name: string }) => r.name)).toEqual(['deepseek-v3.2', 'gpt-5', 'llama-3.1-8b', 'unknown']);
      // the default range is the last 24 hours: nothing there
      expect((await ok('/admin/latency')).data).toEqual([]);
      expect((await get('/admin/latency?by=team')).status).toBe(400);
    });

    describe('GET /admin/requests', () => {
      it('pages newest first without duplicates or gaps, even as new requests arrive', async () => {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page: Answer = await ok(`/admin/requests?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
          seen.push(...page.data.map((r: { id: string }) => r.id));
          cursor = page.next_cursor;
          if (++pages === 1) {
            // a request arriving between pages is on the next first page, never in this walk
            const stores = await openLedgerStores(loadConfigFile(configFile, {}).storage);
            await stores.ledger.write({ id: 'z-new', time: UNTIL + DAY, requestedModel: 'late', team: 'late', usageEstimated: false, costEstimated: false, latencyMs: 1, status: 200, stream: false, partial: false });
            await stores.close();
          }
        } while (cursor !== null);
        expect(pages).toBe(4);
        expect(seen).toEqual(NEWEST_FIRST);
        const first = await ok('/admin/requests?limit=2');
        expect(first.data.map((r: { id: string }) => r.id)).toEqual(['z-new', 'a8']);
      });

      it('rows in the contract’s shape, with the key’s name', async () => {
        const page = await ok(`/admin/requests?since=2025-06-07&limit=10&provider=ds`);
        expect(page).toEqual({
          object: 'list',
          data: [
            {
              id: 'a7', at: Date.UTC(2025, 5, 7, 12), key_id: 'k1', key_name: 'ci', team: 'alpha', requested_model: 'chat', provider: 'ds', served_model: 'deepseek-chat',
              status: 200, error_code: null, stream: true, input_tokens: 4000, output_tokens: 1000, cost_usd: 0.004, ttft_ms: 120, duration_ms: 600, route: null, bodies_stored: false,
            },
          ],
          next_cursor: null,
        });
      });

      it('filters by model, provider, key, team, status and time', async () => {
        const ids = async (query: string) => ((await ok(`/admin/requests?limit=100&${query}`)).data as Array<{ id: string }>).map((r) => r.id);
        expect(await ids('provider=ds&since=2025-06-01')).toEqual(['a7', 'a3', 'a1']);
        expect(await ids('model=gpt-5')).toEqual(['a8', 'a7-h1', 'a5', 'a2']);
        expect(await ids('model=local-llama')).toEqual(['a6']);
        expect(await ids('key=k2')).toEqual(['a8', 'a5', 'a2']);
        expect(await ids('team=alpha&since=2025-06-02')).toEqual(['a7-h1', 'a7', 'a4']);
        expect(await ids('status=error')).toEqual(['a7-h1', 'a5', 'a4']);
        expect(await ids('status=ok&since=2025-06-01&until_not_a_param_check=1').catch(() => 'refused')).toBe('refused');
        expect(await ids('status=ok&since=2025-06-01')).toEqual(['z-new', 'a8', 'a7', 'a6', 'a3', 'a2', 'a1']);
        expect(await ids('status=502')).toEqual(['a4']);
        expect(await ids('status=stream_interrupted')).toEqual(['a5']);
        const one = await ok('/admin/requests?team=alpha&status=error&limit=1');
        expect(one.data.map((r: { id: string }) => r.id)).toEqual(['a7-h1']);
        expect((await ok(`/admin/requests?team=alpha&status=error&limit=1&cursor=${one.next_cursor}`)).data.map((r: { id: string }) => r.id)).toEqual(['a4']);
        for (const [query, param] of [['status=Bad!', 'status'], ['limit=0', 'limit'], ['limit=501', 'limit'], ['cursor=xyz', 'cursor'], ['since=soon', 'since'], ['teem=a', 'teem']]) {
          const res = await get(`/admin/requests?${query}`);
          expect(res.status, query).toBe(400);
          expect(res.body.error.param).toBe(param);
        }
      });

      it('GET /admin/requests/<id>: everything kept, bodies only where stored', async () => {
        const a1 = await ok('/admin/requests/a1');
        expect(a1).toMatchObject({ id: 'a1', bodies_stored: true, request_body: '{"messages":"REQ"}', response_body: '{"answer":"RESP"}', route: 'chat → ds/deepseek-chat', catalog_model: 'deepseek-v3.2', origin: 'CN', attempts: [], router: null });
        const a2 = await ok('/admin/requests/a2');
        expect(a2).toMatchObject({ bodies_stored: false, request_body: null, response_body: null });
        const a4 = await ok('/admin/requests/a4');
        expect(a4).toMatchObject({ status: 502, error_code: 'upstream_error', provider: null, attempts: [{ provider: 'ds', model: 'deepseek-chat', code: 'upstream_error', message: 'HTTP 500' }] });
        const h = await ok('/admin/requests/a7-h1');
        expect(h).toMatchObject({ cost_estimated: true, usage_estimated: true, partial: true });
        const missing = await get('/admin/requests/nope%2F..');
        expect(missing.status).toBe(404);
        expect(missing.body.error.code).toBe('not_found');
      });
    });

    it('GET /admin/router: all null without a cost-quality route', async () => {
      expect(await ok('/admin/router')).toEqual({ active: false, routes: [], model: null, curve: null, shadow: null });
    });

    it('POST /admin/drill answers what `switchyard drill --json` prints for the same config and store', async () => {
      const lines: string[] = [];
      const log = vi.spyOn(console, 'log').mockImplementation((text: string) => void lines.push(text));
      const err = vi.spyOn(console, 'error').mockImplementation(() => {});
      let code: number;
      try {
        code = await runDrillCommand({ config: configFile, without: ['provider:ds'], since: '2025-06-01', until: '2025-06-08', format: 'json' });
      } finally {
        log.mockRestore();
        err.mockRestore();
      }
      expect(code).toBe(0);
      const cli = JSON.parse(lines.join('\n'));
      const res = await raw(gw.url, 'POST', '/admin/drill', { authorization: `Bearer ${ADMIN}` }, JSON.stringify({ target: 'provider:ds', since: '2025-06-01', until: '2025-06-08' }));
      expect(res.status).toBe(200);
      expect(res.json()).toEqual(cli);
      // hand-checked: the six chat requests served in the range (today's first choice for chat is ds) move to
      // oa; the cancelled hedge and the failed request are not replayed; nothing fails
      expect(cli).toMatchObject({ without: ['provider:ds'], total: { requests: 7, tokens: 12750 }, failing: [], moved: [{ from: 'ds/deepseek-chat', to: 'oa/gpt-5', requests: 6 }] });
      const bad = await raw(gw.url, 'POST', '/admin/drill', { authorization: `Bearer ${ADMIN}` }, JSON.stringify({ target: 'provider:nosuch' }));
      expect(bad.status).toBe(400);
      expect(bad.json().error.param).toBe('target');
      const unknownField = await raw(gw.url, 'POST', '/admin/drill', { authorization: `Bearer ${ADMIN}` }, JSON.stringify({ without: 'provider:ds' }));
      expect(unknownField.json().error.param).toBe('without');
    });
  });
}
