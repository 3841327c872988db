import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDemo, type RunningDemo } from '../../src/demo/start-demo.js';
import { silentLogging } from '../../src/server/create-logging.js';
import { chromiumSkipReason, ensureDashboardBuilt, launchChromium, repoRoot, saveScreenshot, watchContext, type Watch } from './browser.js';

/**
 * The dashboard in a real browser (Debian's Chromium through playwright-core) against `switchyard demo` itself:
 * `startDemo()` on a free port with its own store, the seeded 30-day history, simulated providers that answer
 * fast and never fail, and no live traffic of its own (so the figures read from the page and from the admin
 * API are of the same ledger). Nothing in the browser is rewritten: the SIMULATED DATA banner is the demo's own
 * `/admin/info` answer. The tests run in order and share one signed-in browser.
 */

interface Series {
  name: string;
  points: Array<[number, number]>;
}
interface Timeseries {
  series: Series[];
}

// dashboard.test.ts prints the skip reason once for the folder; a run of this file alone says it too
if (chromiumSkipReason) console.warn(`[switchyard tests] ${chromiumSkipReason}`);

const PAGES = ['overview', 'origins', 'concentration', 'latency', 'requests', 'keys', 'router'] as const;
type PageName = (typeof PAGES)[number];
/** What shows once a page has drawn its data (charts with uPlot's canvas, tables with rows). */
const READY: Record<PageName, string> = {
  overview: '.chart[data-chart="spend"][data-points] canvas',
  origins: '.chart[data-chart="origin"][data-points] canvas',
  concentration: 'table[data-table="concentration"] tbody tr',
  latency: '.chart[data-chart="duration-provider"][data-points] canvas',
  requests: '[data-panel="log"] table[data-table="requests"] tbody tr',
  keys: 'table[data-table="keys"] tbody tr',
  router: 'table[data-table="routes"] tbody tr',
};
const artifacts = join(repoRoot, 'test-artifacts', 'dashboard-demo');
const sum = (s: Series) => s.points.reduce((a, [, v]) => a + v, 0);

describe.skipIf(chromiumSkipReason !== '')('the dashboard in Chromium against switchyard demo', () => {
  let dir: string;
  let demo: RunningDemo;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let watch: Watch;

  const sdk = (key: string) => new OpenAI({ baseURL: `${demo.url}/v1`, apiKey: key, maxRetries: 0, timeout: 10_000 });
  const admin = async <T = any>(path: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`${demo.url}${path}`, { ...init, headers: { authorization: `Bearer ${demo.adminKey}`, 'content-type': 'application/json', ...init.headers } });
    const text = await res.text();
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: HTTP ${res.status} ${text}`);
    return JSON.parse(text) as T;
  };

  beforeAll(async () => {
    await ensureDashboardBuilt();
    dir = mkdtempSync(join(tmpdir(), 'sy-dashboard-demo-'));
    [demo, browser] = await Promise.all([
      startDemo({ port: 0, storePath: join(dir, 'demo.db'), traffic: false, timeScale: 0.02, errorRate: 0, logging: silentLogging() }),
      launchChromium(),
    ]);
    // a little live traffic of the test's own, before anything is read: the request log and the concentration
    // cap's window (measured by the process) then show requests of this run beside the seeded history
    const client = sdk(demo.demoKey);
    const models = ['deepseek-v3.2', 'auto', 'qwen3-235b', 'gpt-5-mini', 'kimi-k2.5', 'claude-sonnet-4.5', 'glm-4.7', 'auto'];
    for (const [i, model] of models.entries()) {
      const messages = [{ role: 'user' as const, content: `Browser test ${i}: summarise the release notes of version ${i}.0` }];
      if (i % 3 === 1) for await (const _ of await client.chat.completions.create({ model, messages, stream: true })) void _;
      else await client.chat.completions.create({ model, messages });
    }
    context = await browser.newContext({ baseURL: demo.url, viewport: { width: 1280, height: 800 }, colorScheme: 'light', timezoneId: 'UTC' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: demo.url });
    watch = await watchContext(context);
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  }, 60_000);

  beforeEach(() => watch?.clear());

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Console errors and CSP violations; a signed-out page's expected refusals (401, 403 without CSRF) left out when asked. */
  const problems = (signedOut = false) => ({
    errors: watch.errors.filter((e) => !(signedOut && /status of 40[13]/.test(e) && /\/(ui\/session|admin\/\w+)\b/.test(e))),
    csp: watch.csp,
  });
  const noProblems = { errors: [], csp: [] };
  const eventually = async (check: () => Promise<boolean>, what: string, timeoutMs = 5_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  /** Load a page from scratch and wait until its data is drawn. */
  async function visit(route: PageName): Promise<void> {
    await page.goto(`/ui/${route}`);
    await page.locator(`main[data-page="${route}"]`).waitFor();
    await page.locator('[role=status]:has-text("Loading")').first().waitFor({ state: 'detached' });
    await page.locator(READY[route]).first().waitFor();
  }

  /** What uPlot holds for a chart: the number of x points and the series' labels. */
  async function chartOf(id: string): Promise<{ points: number; series: string[] }> {
    const chart = page.locator(`.chart[data-chart="${id}"]`);
    await chart.locator('canvas').waitFor();
    return { points: Number(await chart.getAttribute('data-points')), series: (await chart.getAttribute('data-series'))!.split('|') };
  }

  /** The raw numbers of a series table's total row, by column. */
  async function seriesTotals(id: string): Promise<Record<string, number>> {
    const table = page.locator(`table[data-table="${id}"]`);
    const names = await table.locator('thead th').allTextContents();
    const values = await table.locator('tfoot td').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-value'))));
    return Object.fromEntries(names.slice(1).map((n, i) => [n, values[i]!]));
  }

  it('sends every page to sign-in, refuses a wrong key with a visible message, and signs in with the demo admin key', async () => {
    for (const route of PAGES) {
      await page.goto(`/ui/${route}`);
      await page.waitForURL('**/ui/sign-in');
      expect(await page.locator('#admin-key').isVisible(), route).toBe(true);
    }
    expect(await page.evaluate(async () => (await fetch('/admin/keys')).status)).toBe(401);
    await saveScreenshot(page, 'sign-in', { artifacts, fullPage: false });

    // the demo key is a virtual key, not the admin key: refused too
    for (const wrong of ['sy-admin-not-the-right-key-000000', demo.demoKey]) {
      await page.locator('#admin-key').fill(wrong);
      await page.getByRole('button', { name: 'Sign in' }).click();
      expect(await page.getByRole('alert').textContent()).toMatch(/refused/i);
      expect(page.url()).toMatch(/\/ui\/sign-in$/);
      expect(await page.locator('#admin-key').inputValue()).toBe('');
      await page.reload();
    }

    await page.goto('/ui/origins');
    await page.waitForURL('**/ui/sign-in');
    await page.locator('#admin-key').fill(demo.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/ui/origins');
    await page.locator('main[data-page="origins"]').waitFor();
    expect((await context.cookies()).find((c) => c.name === 'sy_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(problems(true)).toEqual(noProblems);
  });

  it('every page loads with the SIMULATED DATA banner (the demo\'s own /admin/info), no console error and no CSP violation', async () => {
    // the page's own session reads the same answer the banner comes from: nothing is rewritten in this file
    expect(await page.evaluate(async () => ((await (await fetch('/admin/info')).json()) as { simulated?: boolean }).simulated)).toBe(true);
    expect((await admin<{ simulated: boolean }>('/admin/info')).simulated).toBe(true);
    for (const route of PAGES) {
      watch.clear();
      await visit(route);
      expect(await page.locator('[data-banner="simulated"]').textContent(), route).toMatch(/SIMULATED DATA/);
      expect(await page.locator('main h1').first().textContent(), route).toBeTruthy();
      await saveScreenshot(page, route, { artifacts, docs: `demo-${route}`, docsFullPage: true });
      expect(problems(), route).toEqual(noProblems);
    }
    // and moving between pages through the navigation keeps it
    for (const route of PAGES) {
      await page.locator(`nav a[href="/ui/${route}"]`).click();
      await page.locator(`main[data-page="${route}"]`).waitFor();
      expect(await page.locator('[data-banner="simulated"]').textContent(), route).toMatch(/SIMULATED DATA/);
    }
    expect(problems()).toEqual(noProblems);
  });

  it('overview: spend and savings per day drawn from the admin API, 30 days of seeded history', async () => {
    await visit('overview');
    const spend = await admin<Timeseries>('/admin/timeseries?metric=spend&since=30d&bucket=day');
    const chart = await chartOf('spend');
    expect(chart.series).toEqual(spend.series.map((s) => s.name));
    expect(chart.points).toBe(spend.series[0]!.points.length);
    // the seeded month: each of its 30 days has spend (today's too, if only from beforeAll's requests just after midnight)
    expect(spend.series[0]!.points.filter(([, v]) => v > 0).length).toBeGreaterThanOrEqual(30);
    const totals = await seriesTotals('spend');
    for (const s of spend.series) expect(totals[s.name], s.name).toBeCloseTo(sum(s), 9);

    const savings = await admin<Timeseries>('/admin/timeseries?metric=savings&since=30d&bucket=day');
    expect((await chartOf('savings')).series.sort()).toEqual(['actual', 'baseline', 'saved']);
    const savingsTotals = await seriesTotals('savings');
    for (const s of savings.series) expect(savingsTotals[s.name], s.name).toBeCloseTo(sum(s), 9);
    // the story: cheaper open models against the gpt-5 baseline saved money
    expect(savingsTotals.saved!).toBeGreaterThan(0);

    // split by team: the demo's four teams (and this run's own demo team)
    await page.locator('#overview-by').selectOption('team');
    const byTeam = await admin<Timeseries>('/admin/timeseries?metric=spend&since=30d&bucket=day&by=team');
    await page.locator(`.chart[data-chart="spend"][data-series="${byTeam.series.map((s) => s.name).join('|')}"]`).waitFor();
    expect(byTeam.series.map((s) => s.name)).toEqual(expect.arrayContaining(['search', 'support', 'research', 'legal']));
    const teamTotals = await seriesTotals('spend');
    for (const s of byTeam.series) expect(teamTotals[s.name], s.name).toBeCloseTo(sum(s), 9);
    expect(problems()).toEqual(noProblems);
  });

  it('origins: token shares by origin, developer and jurisdiction drawn from the admin API, several origins', async () => {
    await visit('origins');
    for (const [id, metric] of [
      ['origin', 'tokens_by_origin'],
      ['developer', 'tokens_by_developer'],
      ['jurisdiction', 'tokens_by_jurisdiction'],
    ] as const) {
      const answer = await admin<Timeseries>(`/admin/timeseries?metric=${metric}&since=30d&bucket=day`);
      const chart = await chartOf(id);
      expect(chart.points, id).toBe(answer.series[0]!.points.length);
      expect(chart.points, id).toBeGreaterThanOrEqual(30);
      expect([...chart.series].sort(), id).toEqual(answer.series.map((s) => s.name).sort());
      const rows = await page.locator(`table[data-table="${id}-shares"] tbody tr`).evaluateAll((trs) =>
        trs.map((tr) => [tr.querySelector('th')!.textContent!, Number(tr.querySelectorAll('td')[0]!.textContent!.replace(/,/g, ''))] as const),
      );
      expect(Object.fromEntries(rows), id).toEqual(Object.fromEntries(answer.series.map((s) => [s.name, sum(s)])));
    }
    expect(await page.locator('table[data-table="origin-shares"] tbody th').allTextContents()).toEqual(expect.arrayContaining(['CN', 'US']));
    expect(await page.locator('table[data-table="developer-shares"] tbody th').allTextContents()).toEqual(
      expect.arrayContaining(['OpenAI', 'DeepSeek', 'Anthropic', 'Alibaba', 'Zhipu AI', 'Moonshot AI']),
    );
    expect(await page.locator('table[data-table="jurisdiction-shares"] tbody th').allTextContents()).toEqual(expect.arrayContaining(['CN', 'SG', 'US']));
    expect(problems()).toEqual(noProblems);
  });

  it('concentration: a kill switch pulled from the page is audited and refuses the provider\'s only model (403); restoring it brings it back', async () => {
    await visit('concentration');
    const shares = await admin<{ data: Array<{ by: string; group: string }> }>('/admin/concentration');
    expect(await page.locator('table[data-table="concentration"] tbody th').allTextContents()).toEqual(shares.data.map((s) => `${s.by}: ${s.group}`));

    // claude-sonnet-4.5 is served by sim-anthropic alone
    const ask = () => sdk(demo.demoKey).chat.completions.create({ model: 'claude-sonnet-4.5', messages: [{ role: 'user', content: 'Are you still there?' }] });
    await page.locator('#kill-target').fill('provider:sim-anthropic');
    await page.locator('#kill-reason').fill('browser test: vendor review');
    await page.getByRole('button', { name: 'Kill', exact: true }).click();
    await page.locator('table[data-table="kills"] tbody tr[data-row="provider:sim-anthropic"]').waitFor();
    await page.locator('table[data-table="audit"] tbody tr:first-child:has-text("sim-anthropic")').waitFor();
    const audit = await admin<{ data: Array<{ action: string; target: string; actor: string; reason: string }> }>('/admin/audit?limit=5');
    expect(audit.data[0]).toMatchObject({ action: 'kill', target: 'provider:sim-anthropic', actor: 'admin-api:dashboard', reason: 'browser test: vendor review' });
    expect(await page.locator('table[data-table="audit"] tbody tr').first().textContent()).toMatch(/kill.*provider:sim-anthropic.*admin-api:dashboard.*vendor review/);
    let refusal: unknown;
    await eventually(() => ask().then(() => false, (err: unknown) => ((refusal = err), err instanceof OpenAI.APIError && err.status === 403)), 'the kill switch to refuse claude-sonnet-4.5');
    expect((refusal as InstanceType<typeof OpenAI.APIError>).code).toBe('policy_denied');
    // a model with a deployment elsewhere is still served
    const other = await sdk(demo.demoKey).chat.completions.create({ model: 'gpt-5-mini', messages: [{ role: 'user', content: 'and you?' }] });
    expect(other.choices[0]!.message.content).toMatch(/^\[simulated\] /);
    await saveScreenshot(page, 'concentration-killed', { artifacts });

    await page.locator('[data-restore="provider:sim-anthropic"]').click();
    await page.locator('table[data-table="kills"]').waitFor({ state: 'detached' });
    await page.locator('table[data-table="audit"] tbody tr:first-child:has-text("unkill")').waitFor();
    const after = await admin<{ data: Array<{ action: string; target: string }> }>('/admin/audit?limit=5');
    expect(after.data[0]).toMatchObject({ action: 'unkill', target: 'provider:sim-anthropic' });
    await eventually(() => ask().then((r) => /^\[simulated\] /.test(r.choices[0]?.message.content ?? ''), () => false), 'claude-sonnet-4.5 to be served again');
    expect(problems()).toEqual(noProblems);
  });

  it('keys: a key created on the page is shown once and gets simulated answers with the openai SDK, whole and streamed', async () => {
    await visit('keys');
    const listed = await admin<{ data: Array<{ id: string }> }>('/admin/keys');
    const rows = await page.locator('table[data-table="keys"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row')));
    expect([...rows].sort()).toEqual(listed.data.map((k) => k.id).sort());
    expect(rows.length).toBe(demo.keys.length);

    await page.locator('#key-team').fill('browser');
    await page.locator('#key-name').fill('demo-e2e');
    await page.locator('#key-budget').fill('5');
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.locator('[data-new-key]').waitFor();
    const key = await page.locator('[data-key-value]').inputValue();
    expect(key).toMatch(/^sy-[0-9A-Za-z]{20,}$/);
    await saveScreenshot(page, 'keys-created', { artifacts, fullPage: false });

    const client = sdk(key);
    const { data, response } = await client.chat.completions
      .create({ model: 'deepseek-v3.2', messages: [{ role: 'user', content: 'Write a SQL query for the latest order per customer' }] })
      .withResponse();
    expect(response.headers.get('x-switchyard-simulated')).toBe('true');
    expect(data.choices[0]!.message.content).toMatch(/^\[simulated\] /);
    let text = '';
    for await (const chunk of await client.chat.completions.create({ model: 'gpt-5-mini', stream: true, messages: [{ role: 'user', content: 'Draft an email about the staging downtime' }] })) {
      text += chunk.choices[0]?.delta.content ?? '';
    }
    expect(text).toMatch(/^\[simulated\] ./);

    // shown once: gone after a reload, and the key's requests are in the ledger under its team
    await page.reload();
    await page.locator('table[data-table="keys"]').waitFor();
    expect(await page.locator('[data-new-key]').count()).toBe(0);
    expect(await page.content()).not.toContain(key);
    const mine = await admin<{ data: Array<{ id: string; team: string; name: string }> }>('/admin/keys');
    const created = mine.data.find((k) => k.team === 'browser' && k.name === 'demo-e2e');
    expect(created).toBeDefined();
    expect(await page.locator(`table[data-table="keys"] tbody tr[data-row="${created!.id}"]`).count()).toBe(1);
    expect(problems()).toEqual(noProblems);
  });
});
