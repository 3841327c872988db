import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_KEY, startDashboardGateway, type DashboardGateway } from './dashboard-gateway.js';
import { artifactsDir, chromiumSkipReason, ensureDashboardBuilt, launchChromium, saveScreenshot, watchContext, type Watch } from './browser.js';

// Browser globals of the functions run inside the page (the tests' TypeScript has no DOM library).
declare const window: any, document: any, localStorage: any, sessionStorage: any, location: any, navigator: any;

/**
 * The dashboard in a real browser (Debian's Chromium through playwright-core) against a real gateway whose
 * ledger holds 29 days of history and live requests sent with the OpenAI SDK. Every figure checked on a page
 * is compared with the admin API's own answer. The tests run in order and share one signed-in browser.
 */

interface Series {
  name: string;
  points: Array<[number, number]>;
}
interface Timeseries {
  series: Series[];
  projection?: { year_spend_usd: number | null; year_saved_usd: number | null; from_days: number | null };
}

if (chromiumSkipReason) console.warn(`[switchyard tests] ${chromiumSkipReason}`);

const PAGES = ['overview', 'origins', 'concentration', 'latency', 'requests', 'keys', 'router'] as const;
const sum = (s: Series) => s.points.reduce((a, [, v]) => a + v, 0);

describe.skipIf(chromiumSkipReason !== '')('the dashboard in Chromium', () => {
  let env: DashboardGateway;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let watch: Watch;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    await ensureDashboardBuilt();
    [env, browser] = await Promise.all([startDashboardGateway(), launchChromium()]);
    context = await browser.newContext({ baseURL: env.url, viewport: { width: 1280, height: 800 }, colorScheme: 'light', timezoneId: 'UTC' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.url });
    watch = await watchContext(context);
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  }, 60_000);

  // each test answers for what its own pages logged
  beforeEach(() => watch?.clear());

  afterAll(async () => {
    mkdirSync(artifactsDir, { recursive: true });
    writeFileSync(join(artifactsDir, 'timings.json'), JSON.stringify(timings, null, 2));
    await browser?.close();
    await env?.close();
  });

  /**
   * Console errors and CSP violations so far. A signed-out page logs the refusals it was meant to get (401 from
   * GET /ui/session and the admin API, 403 for a change without the CSRF header): those are left out when asked.
   */
  const problems = (signedOut = false) => ({
    errors: watch.errors.filter((e) => !(signedOut && /status of 40[13]/.test(e) && /\/(ui\/session|admin\/keys|admin\/kills)\b/.test(e))),
    csp: watch.csp,
  });
  /** Poll until `check` resolves true (a change another part of the gateway picks up shortly). */
  const eventually = async (check: () => Promise<boolean>, what: string, timeoutMs = 5_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const noProblems = { errors: [], csp: [] };

  /** Load a page from scratch (a reload each time: the session must survive it) and wait for its data. */
  async function visit(route: string): Promise<void> {
    await page.goto(`/ui/${route}`);
    await page.locator(`main[data-page="${route.split('/')[0]}"]`).waitFor();
    await page.locator('[role=status]:has-text("Loading")').first().waitFor({ state: 'detached' });
    await page.locator('main h1').first().waitFor();
  }

  /** What uPlot holds for a chart: the number of x points and the series' labels. */
  async function chartOf(id: string): Promise<{ points: number; series: string[] }> {
    const chart = page.locator(`.chart[data-chart="${id}"]`);
    await chart.locator('canvas').waitFor();
    const points = Number(await chart.getAttribute('data-points'));
    const series = (await chart.getAttribute('data-series'))!.split('|');
    return { points, series };
  }

  /** The raw numbers of a series table's total row, by column. */
  async function seriesTotals(id: string): Promise<Record<string, number>> {
    const table = page.locator(`table[data-table="${id}"]`);
    const names = await table.locator('thead th').allTextContents();
    const values = await table.locator('tfoot td').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-value'))));
    return Object.fromEntries(names.slice(1).map((n, i) => [n, values[i]!]));
  }

  it('serves the page with the CSP and security headers, and no inline script or style', async () => {
    const res = await fetch(`${env.url}/ui/overview`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).not.toMatch(/<style/i);
    expect(html).not.toMatch(/\sstyle=/i);
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      expect(m[1], 'every script is a file').toMatch(/\ssrc="\/ui\/assets\/[^"]+\.js"/);
      expect(m[2]!.trim()).toBe('');
    }
    const assets = [...html.matchAll(/(?:src|href)="(\/ui\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const asset of assets) {
      const r = await fetch(`${env.url}${asset}`);
      expect(r.status, asset).toBe(200);
      expect(r.headers.get('cache-control'), asset).toBe('public, max-age=31536000, immutable');
      expect(r.headers.get('content-security-policy'), asset).toBeTruthy();
    }
  });

  it('sends every page to sign-in without a session, and refuses a wrong key with a visible message', async () => {
    for (const route of PAGES) {
      await page.goto(`/ui/${route}`);
      await page.waitForURL('**/ui/sign-in');
      await expect(page.locator('#admin-key').isVisible()).resolves.toBe(true);
    }
    // the admin API itself refuses a browser without a session
    expect(await page.evaluate(async () => (await fetch('/admin/keys')).status)).toBe(401);
    await saveScreenshot(page, 'sign-in', { docs: 'sign-in', fullPage: false });

    await page.locator('#admin-key').fill('sy-admin-not-the-right-key-000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await expect(alert.textContent()).resolves.toMatch(/refused/i);
    expect(page.url()).toMatch(/\/ui\/sign-in$/);
    expect(await page.locator('#admin-key').inputValue(), 'the field is cleared').toBe('');
    expect(problems(true)).toEqual(noProblems);
    watch.clear();
  });

  it('signs in with the admin key, goes where it was asked, and keeps the session across a reload; the CSRF token stays in memory', async () => {
    await page.goto('/ui/keys');
    await page.waitForURL('**/ui/sign-in');
    await page.locator('#admin-key').fill(ADMIN_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/ui/keys');
    await page.locator('main[data-page="keys"]').waitFor();

    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'sy_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(session!.value).not.toContain(ADMIN_KEY);

    await page.reload();
    await page.locator('main[data-page="keys"]').waitFor();
    expect(page.url()).toMatch(/\/ui\/keys$/);
    const stored = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie, url: location.href }));
    expect(stored).toEqual({ local: 0, session: 0, cookie: '', url: `${env.url}/ui/keys` });
    // a change without the CSRF header is refused even with the cookie
    const status = await page.evaluate(async () => (await fetch('/admin/kills', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"target":"provider:mistral"}' })).status);
    expect(status).toBe(403);
    expect((await env.admin<{ data: unknown[] }>('/admin/kills')).data).toEqual([]);
    expect(problems(true)).toEqual(noProblems);
    watch.clear();
  });

  it('overview: spend and savings per day from /admin/timeseries, the projected year, and the split selector', async () => {
    const started = Date.now();
    await visit('overview');
    timings.overviewLoadedMs = Date.now() - started;
    const firstChart = await page.evaluate(() => (window as unknown as { __syFirstChart?: number }).__syFirstChart ?? null);
    const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
    if (firstChart !== null) timings.firstChartMs = Math.round(firstChart);
    if (fcp !== null) timings.firstContentfulPaintMs = Math.round(fcp);
    console.log(`[dashboard] overview: first contentful paint ${timings.firstContentfulPaintMs} ms, first chart drawn ${timings.firstChartMs} ms after navigation`);
    expect(firstChart).not.toBeNull();
    expect(firstChart!).toBeLessThan(5_000);

    const spend = await env.admin<Timeseries>('/admin/timeseries?metric=spend&since=30d&bucket=day');
    const chart = await chartOf('spend');
    expect(chart.series).toEqual(spend.series.map((s) => s.name));
    expect(chart.points).toBe(spend.series[0]!.points.length);
    expect(chart.points).toBeGreaterThanOrEqual(30);
    // the history fills the month: most days have spend
    expect(spend.series[0]!.points.filter(([, v]) => v > 0).length).toBeGreaterThanOrEqual(25);
    const totals = await seriesTotals('spend');
    for (const s of spend.series) expect(totals[s.name]).toBeCloseTo(sum(s), 9);

    const savings = await env.admin<Timeseries>('/admin/timeseries?metric=savings&since=30d&bucket=day');
    const savingsChart = await chartOf('savings');
    expect(savingsChart.series.sort()).toEqual(['actual', 'baseline', 'saved']);
    const savingsTotals = await seriesTotals('savings');
    for (const s of savings.series) expect(savingsTotals[s.name]).toBeCloseTo(sum(s), 9);
    // against gpt-5, the cheaper models saved money
    expect(savingsTotals.saved!).toBeGreaterThan(0);
    const yearSpend = await page.locator('[data-stat="year-spend"] .stat-value').textContent();
    expect(yearSpend).toMatch(/^\$[\d,]+\.\d+/);
    expect(savings.projection?.year_spend_usd).toBeGreaterThan(0);

    // split by team: the chart redraws with the API's series per team
    await page.locator('#overview-by').selectOption('team');
    const byTeam = await env.admin<Timeseries>('/admin/timeseries?metric=spend&since=30d&bucket=day&by=team');
    await page.locator(`.chart[data-chart="spend"][data-series="${byTeam.series.map((s) => s.name).join('|')}"]`).waitFor();
    expect(byTeam.series.map((s) => s.name)).toEqual(expect.arrayContaining(['search', 'support', 'legal']));
    const teamTotals = await seriesTotals('spend');
    for (const s of byTeam.series) expect(teamTotals[s.name]).toBeCloseTo(sum(s), 9);

    expect(await page.locator('[data-banner="simulated"]').count()).toBe(0);
    await saveScreenshot(page, 'overview', { docs: 'overview' });
    expect(problems()).toEqual(noProblems);
  });

  it('origins: token shares by origin, developer and jurisdiction as stacked areas', async () => {
    await visit('origins');
    for (const [id, metric] of [
      ['origin', 'tokens_by_origin'],
      ['developer', 'tokens_by_developer'],
      ['jurisdiction', 'tokens_by_jurisdiction'],
    ] as const) {
      const answer = await env.admin<Timeseries>(`/admin/timeseries?metric=${metric}&since=30d&bucket=day`);
      const chart = await chartOf(id);
      expect(chart.points).toBe(answer.series[0]!.points.length);
      expect([...chart.series].sort()).toEqual(answer.series.map((s) => s.name).sort());
      const rows = await page.locator(`table[data-table="${id}-shares"] tbody tr`).evaluateAll((trs) =>
        trs.map((tr) => [tr.querySelector('th')!.textContent!, Number(tr.querySelectorAll('td')[0]!.textContent!.replace(/,/g, ''))] as const),
      );
      expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(answer.series.map((s) => [s.name, sum(s)])));
    }
    const origins = await page.locator('table[data-table="origin-shares"] tbody th').allTextContents();
    expect(origins).toEqual(expect.arrayContaining(['CN', 'FR', 'US']));
    await saveScreenshot(page, 'origins', { docs: 'origins' });
    expect(problems()).toEqual(noProblems);
  });

  it('concentration: shares against the cap, and a kill switch pulled and restored from the page, in the audit log', async () => {
    await visit('concentration');
    const shares = await env.admin<{ data: Array<{ group: string; share: number }> }>('/admin/concentration');
    expect(shares.data.length).toBeGreaterThan(0);
    const groups = await page.locator('table[data-table="concentration"] tbody th').allTextContents();
    expect(groups).toEqual(shares.data.map((s) => `provider: ${s.group}`));
    await saveScreenshot(page, 'concentration');

    const ask = () => env.sdk(env.keys.search.key).chat.completions.create({ model: 'mistral-small', messages: [{ role: 'user', content: 'still there?' }] });
    await page.locator('#kill-target').fill('provider:mistral');
    await page.locator('#kill-reason').fill('browser test: data review');
    await page.getByRole('button', { name: 'Kill', exact: true }).click();
    await page.locator('table[data-table="kills"] tbody tr[data-row="provider:mistral"]').waitFor();
    await page.locator('table[data-table="audit"] tbody tr').first().waitFor();
    const audit = await env.admin<{ data: Array<{ action: string; target: string; actor: string; reason: string }> }>('/admin/audit?limit=5');
    expect(audit.data[0]).toMatchObject({ action: 'kill', target: 'provider:mistral', actor: 'admin-api:dashboard', reason: 'browser test: data review' });
    expect(await page.locator('table[data-table="audit"] tbody tr').first().textContent()).toMatch(/kill.*provider:mistral.*admin-api:dashboard.*browser test/);
    // the switch is real: the gateway no longer sends anything to mistral
    await eventually(() => ask().then(() => false, (err: unknown) => err instanceof OpenAI.APIError), 'the kill switch to refuse mistral');

    await page.locator('[data-restore="provider:mistral"]').click();
    await page.locator('table[data-table="kills"]').waitFor({ state: 'detached' });
    await page.locator('table[data-table="audit"] tbody tr:first-child:has-text("unkill")').waitFor();
    const after = await env.admin<{ data: Array<{ action: string; target: string }> }>('/admin/audit?limit=5');
    expect(after.data[0]).toMatchObject({ action: 'unkill', target: 'provider:mistral' });
    await eventually(() => ask().then((r) => /mistral-small-latest/.test(r.choices[0]?.message.content ?? ''), () => false), 'mistral to serve again');
    await saveScreenshot(page, 'concentration-audit');
    expect(problems()).toEqual(noProblems);
  });

  it('concentration: a drill shows what would still be served without a target', async () => {
    await page.locator('#drill-target').fill('origin:CN');
    await page.getByRole('button', { name: 'Run the drill' }).click();
    await page.locator('[data-drill]').waitFor();
    const drill = await env.admin<{ total: { requests: number }; served: { requests: number } }>('/admin/drill', {
      method: 'POST',
      body: JSON.stringify({ target: 'origin:CN' }),
    });
    const hint = await page.locator('[data-stat="drill-served"] .stat-hint').textContent();
    expect(hint).toBe(`${drill.served.requests.toLocaleString('en-US')} of ${drill.total.requests.toLocaleString('en-US')} requests`);
    expect(drill.served.requests).toBeLessThan(drill.total.requests);
    await saveScreenshot(page, 'concentration-drill', { docs: 'concentration', docsFullPage: true });
    expect(problems()).toEqual(noProblems);
  });

  it('latency & errors: p50 and p99 per provider and model, error rates, and the breakers', async () => {
    await visit('latency');
    for (const by of ['provider', 'model'] as const) {
      const answer = await env.admin<{ data: Array<{ name: string; requests: number; errors: number }> }>(`/admin/latency?since=24h&by=${by}`);
      expect(answer.data.length).toBeGreaterThan(0);
      const names = await page.locator(`table[data-table="latency-${by}"] tbody th`).allTextContents();
      expect(names).toEqual(answer.data.map((r) => r.name));
      const requests = await page.locator(`table[data-table="latency-${by}"] tbody tr td:nth-of-type(1)`).allTextContents();
      expect(requests.map((t) => Number(t.replace(/,/g, '')))).toEqual(answer.data.map((r) => r.requests));
      const chart = await chartOf(`duration-${by}`);
      expect(chart.points).toBe(answer.data.length);
      expect(chart.series).toEqual(['p99', 'p50']);
    }
    // the flaky model's failures are counted and shown
    const models = await env.admin<{ data: Array<{ name: string; errors: number }> }>('/admin/latency?since=24h&by=model');
    expect(models.data.reduce((n, r) => n + r.errors, 0)).toBeGreaterThanOrEqual(2);
    const errors = await page.locator('table[data-table="latency-model"] tbody tr td:nth-of-type(2)').allTextContents();
    expect(errors.map((t) => Number(t.replace(/,/g, '')))).toEqual(models.data.map((r) => r.errors));
    const health = await env.admin<{ data: Array<{ deployment: string }> }>('/admin/health');
    expect(await page.locator('table[data-table="breakers"] tbody th').allTextContents()).toEqual(health.data.map((h) => h.deployment));
    await chartOf('requests');
    await saveScreenshot(page, 'latency', { docs: 'latency' });
    expect(problems()).toEqual(noProblems);
  });

  it('requests: the live log, a filter, paging, and a detail with the route and stored bodies', async () => {
    await visit('requests');
    // stop the live refresh, so the page read is the page paged from
    await page.locator('#live-toggle').uncheck();
    await page.locator('[data-panel="log"][aria-busy="false"]:not(:has-text("refreshing"))').waitFor();
    const first = await env.admin<{ data: Array<{ id: string }>; next_cursor: string | null }>('/admin/requests?limit=25&since=24h');
    const ids = await page.locator('table[data-table="requests"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row')));
    expect(ids.length).toBe(first.data.length);
    // background shadow runs may add rows between the two reads: most of the page is the same
    expect(ids.filter((id) => first.data.some((r) => r.id === id)).length).toBeGreaterThan(ids.length - 5);
    await saveScreenshot(page, 'requests');

    // older → a second page from the cursor
    expect(first.next_cursor).not.toBeNull();
    await page.getByRole('button', { name: 'Older →' }).click();
    await page.locator('[data-panel="log"][aria-busy="false"] .pager:has-text("Page 2")').waitFor();
    const second = await page.locator('table[data-table="requests"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row')));
    expect(second.length).toBeGreaterThan(0);
    expect(second.some((id) => ids.includes(id))).toBe(false);

    // a filter
    await page.locator('#filter-model').fill('mistral-small');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator('[data-panel="log"][aria-busy="false"] .pager:has-text("Page 1")').waitFor();
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll('table[data-table="requests"] tbody tr td:nth-of-type(3)')].map((td) => td.textContent);
      return cells.length > 0 && cells.every((c) => c === 'mistral-small');
    });

    // the key that stores bodies, picked by name: its newest request's detail has the route and both bodies
    await page.getByRole('button', { name: 'Reset' }).click();
    await page.locator('#filter-key').selectOption({ label: `support-bot (${env.keys.support.prefix}…)` });
    await page.locator('#filter-status').fill('ok');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll('[data-panel="log"][aria-busy="false"] table[data-table="requests"] tbody tr td:nth-of-type(6)')].map((td) => td.textContent);
      return cells.length > 0 && cells.every((c) => c === 'support-bot');
    });
    const stored = await env.admin<{ data: Array<{ id: string; bodies_stored: boolean }> }>(`/admin/requests?limit=25&since=24h&key=${env.keys.support.id}&status=ok`);
    expect(stored.data[0]!.bodies_stored, "the newest are live requests, with their bodies").toBe(true);
    const shown = await page.locator('table[data-table="requests"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row')));
    expect(shown).toEqual(stored.data.map((r) => r.id));
    await page.locator('table[data-table="requests"] tbody tr').first().getByRole('button').click();
    await page.waitForURL(`**/ui/requests/${stored.data[0]!.id}`);
    const detail = page.locator(`[data-detail="${stored.data[0]!.id}"]`);
    await detail.waitFor();
    expect(await detail.locator('[data-route]').textContent()).toMatch(/served by/);
    expect(await detail.locator('[data-body="request-body"]').textContent()).toContain(env.bodyMarker);
    expect(await detail.locator('[data-body="response-body"]').textContent()).toContain('Answer from');
    // a detail reloads on its own address
    await visit(`requests/${stored.data[0]!.id}`);
    await detail.locator('[data-body="request-body"]').waitFor();
    await saveScreenshot(page, 'request-detail', { docs: 'requests', docsFullPage: true });
    expect(problems()).toEqual(noProblems);
  });

  it('keys & budgets: every key with what is left of its budget', async () => {
    await visit('keys');
    const keys = await env.admin<{ data: Array<{ id: string; prefix: string }> }>('/admin/keys');
    const rows = await page.locator('table[data-table="keys"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row')));
    expect([...rows].sort()).toEqual(keys.data.map((k) => k.id).sort());
    // the search key's budget: $100 a month less what it spent this month
    const monthStart = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1)).toISOString();
    const spend = await env.admin<{ rows: Array<{ group: string; costUsd: number }> }>(`/admin/reports/spend?by=key&since=${monthStart}`);
    const spent = spend.rows.find((r) => r.group === env.keys.search.id)?.costUsd ?? 0;
    const left = Number(await page.locator(`tr[data-row="${env.keys.search.id}"] [data-left]`).getAttribute('data-left'));
    expect(left).toBeCloseTo(100 - spent, 9);
    await saveScreenshot(page, 'keys');
    expect(problems()).toEqual(noProblems);
  });

  it('keys & budgets: a created key is shown once, works with the OpenAI SDK, is gone after a reload, and can be revoked', async () => {
    await page.locator('#key-team').fill('browser');
    await page.locator('#key-name').fill('e2e');
    await page.locator('#key-budget').fill('2');
    await page.getByRole('button', { name: 'Create key' }).click();
    const box = page.locator('[data-new-key]');
    await box.waitFor();
    const key = await page.locator('[data-key-value]').inputValue();
    expect(key).toMatch(/^sy-[0-9A-Za-z]{20,}$/);
    await page.locator('[data-action="copy-key"]').click();
    await box.getByRole('status').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    await saveScreenshot(page, 'keys-created', { docs: 'keys', fullPage: false });

    const reply = await env.sdk(key).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello from the new key' }] });
    expect(reply.choices[0]?.message.content).toMatch(/gpt-4o-mini/);

    await page.reload();
    await page.locator('table[data-table="keys"]').waitFor();
    expect(await page.locator('[data-new-key]').count()).toBe(0);
    expect(await page.content()).not.toContain(key);
    const prefix = key.slice(0, 10);
    await page.locator(`[data-revoke="${prefix}"]`).click();
    await page.locator(`[data-confirm-revoke="${prefix}"]`).click();
    await page.locator(`[data-revoke="${prefix}"]`).waitFor({ state: 'detached' });
    const again = () => env.sdk(key).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'again' }] });
    await eventually(() => again().then(() => false, (err: unknown) => err instanceof OpenAI.AuthenticationError), 'the revoked key to be refused');
    expect(problems()).toEqual(noProblems);
  });

  it('router: the routes, the curve and the shadow-measured rate of cheap answers as good', async () => {
    await visit('router');
    const router = await env.admin<{ routes: Array<{ route: string }>; curve: Array<[number, number]> | null; shadow: { rate: number | null } | null }>('/admin/router');
    expect(await page.locator('table[data-table="routes"] tbody th').allTextContents()).toEqual(router.routes.map((r) => r.route));
    expect(router.routes.map((r) => r.route)).toContain('auto');
    const rate = await page.locator('[data-stat="cheap-as-good"] .stat-value').textContent();
    expect(rate).toBe(router.shadow?.rate == null ? '—' : `${(router.shadow.rate * 100).toFixed(1)}%`);
    if (router.curve) {
      const chart = await chartOf('router-curve');
      expect(chart.points).toBe(router.curve.length);
      expect(chart.series).toEqual(['router', 'random']);
    }
    await saveScreenshot(page, 'router', { docs: 'router' });
    expect(problems()).toEqual(noProblems);
  });

  it('shows the SIMULATED DATA banner on every page when /admin/info says so', async () => {
    await context.route('**/admin/info', async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, json: { ...(await res.json()), simulated: true } });
    });
    try {
      await visit('overview');
      for (const route of PAGES) {
        await page.locator(`nav a[href="/ui/${route}"]`).click();
        await page.locator(`main[data-page="${route}"]`).waitFor();
        expect(await page.locator('[data-banner="simulated"]').textContent(), route).toMatch(/SIMULATED DATA/);
      }
    } finally {
      await context.unroute('**/admin/info');
    }
    expect(problems()).toEqual(noProblems);
  });

  it('works from the keyboard and on a narrow screen', async () => {
    await visit('overview');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    // tab to the navigation's "Origins" link and follow it with Enter
    for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'Origins'; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/ui/origins');
    // the new page takes focus once it has rendered, which can be a moment after the URL changes
    await page.waitForFunction(() => document.activeElement?.id === 'page-title', undefined, { timeout: 5_000 }).catch(() => undefined);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('page-title');

    await page.setViewportSize({ width: 390, height: 844 });
    for (const route of PAGES) {
      await visit(route);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${route} scrolls sideways`).toBeLessThanOrEqual(1);
      if (route === 'overview') await saveScreenshot(page, 'narrow', { docs: 'narrow', fullPage: false });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(problems()).toEqual(noProblems);
  });

  it('signs out: the session is revoked and the pages go back to sign-in', async () => {
    await visit('overview');
    const cookie = (await context.cookies()).find((c) => c.name === 'sy_session')!;
    await page.locator('[data-action="sign-out"]').click();
    await page.waitForURL('**/ui/sign-in');
    await page.goto('/ui/keys');
    await page.waitForURL('**/ui/sign-in');
    expect(await page.evaluate(async () => (await fetch('/admin/keys')).status)).toBe(401);
    // the old cookie no longer opens the admin API
    const res = await fetch(`${env.url}/admin/keys`, { headers: { cookie: `sy_session=${cookie.value}` } });
    expect(res.status).toBe(401);
    expect(problems(true)).toEqual(noProblems);
  });
});
