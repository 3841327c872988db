import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogging } from '../../src/server/create-logging.js';
import { startDemo, type RunningDemo } from '../../src/demo/start-demo.js';

/**
 * `startDemo` in process, on a free port with its own store and no live traffic: the official SDK with the
 * printed demo key gets simulated answers, whole and streamed; a wrong key is refused; the restricted team's
 * policy refuses a Chinese model; the cost-quality route answers; and the seeded history reads, through the
 * admin API's reports, as the story it tells.
 */
let demo: RunningDemo;
let client: OpenAI;

const admin = async (path: string) => {
  const res = await fetch(`${demo.url}${path}`, { headers: { authorization: `Bearer ${demo.adminKey}` } });
  expect(res.status, path).toBe(200);
  return (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
};

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sy-demo-'));
  demo = await startDemo({ port: 0, storePath: join(dir, 'demo.db'), traffic: false, timeScale: 0.02, errorRate: 0, logging: silentLogging() });
  client = new OpenAI({ baseURL: `${demo.url}/v1`, apiKey: demo.demoKey, maxRetries: 0, timeout: 10_000 });
});

afterAll(async () => {
  await demo?.close();
});

describe('switchyard demo: the gateway', () => {
  it('listens on loopback with a random admin key and a virtual demo key', () => {
    expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(demo.adminKey).toMatch(/^sy-admin-.{20,}$/);
    expect(demo.demoKey).toMatch(/^sy-[0-9A-Za-z]{32}$/);
    expect(demo.keys[0]).toMatchObject({ team: 'demo', key: demo.demoKey });
  });

  it('the OpenAI SDK with the demo key gets a simulated answer, marked in the body and a header', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'deepseek-v3.2', messages: [{ role: 'user', content: 'Write a SQL query for the latest order per customer' }] })
      .withResponse();
    expect(response.headers.get('x-switchyard-simulated')).toBe('true');
    expect(response.headers.get('x-switchyard-provider')).toBe('sim-deepseek');
    expect(data.choices[0]!.message.content).toMatch(/^\[simulated\] /);
    expect((data.usage as unknown as { cost: number }).cost).toBeGreaterThan(0);
  });

  it('streams too', async () => {
    const { data: stream, response } = await client.chat.completions
      .create({ model: 'claude-sonnet-4.5', stream: true, messages: [{ role: 'user', content: 'Draft an email about the staging downtime' }] })
      .withResponse();
    expect(response.headers.get('x-switchyard-simulated')).toBe('true');
    let text = '';
    let chunks = 0;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      chunks++;
    }
    expect(chunks).toBeGreaterThan(5);
    expect(text).toMatch(/^\[simulated\] /);
  });

  it('a wrong key is refused: 401 in the OpenAI error shape', async () => {
    const wrong = new OpenAI({ baseURL: `${demo.url}/v1`, apiKey: 'sy-not-a-key-of-this-demo', maxRetries: 0 });
    await expect(wrong.chat.completions.create({ model: 'gpt-5', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({
      status: 401,
      error: { type: 'authentication_error' },
    });
  });

  it("the restricted team's key is refused a Chinese model (403 policy_denied) and served a US one", async () => {
    const legal = demo.keys.find((k) => k.team === 'legal')!;
    const asLegal = new OpenAI({ baseURL: `${demo.url}/v1`, apiKey: legal.key, maxRetries: 0 });
    await expect(asLegal.chat.completions.create({ model: 'kimi-k2.5', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({
      status: 403,
      code: 'policy_denied',
    });
    const { response } = await asLegal.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'What is the capital of Australia?' }] }).withResponse();
    // whatever the router chose, only the strong tier's US models are left to this team
    expect(response.headers.get('x-switchyard-provider')).toMatch(/^sim-(openai|anthropic)$/);
    expect(response.headers.get('x-switchyard-route')).toContain('policy:team=legal:origins.deny(CN)');
  });

  it('the cost-quality route answers, and says which tier it chose', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'auto', messages: [{ role: 'user', content: 'Translate to French: "Thanks for your message."' }] })
      .withResponse();
    expect(response.headers.get('x-switchyard-route')).toMatch(/router=auto:(weak|strong)\(score=0\.\d{3},threshold=0\.\d{3}\)/);
    expect(data.choices[0]!.message.content).toMatch(/^\[simulated\] /);
  });

  it('/v1/models lists the demo models with their real providers\' facts, marked simulated', async () => {
    const models = await client.models.list();
    const ids = models.data.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['auto', 'cheapest', 'deepseek-v3.2', 'qwen3-235b', 'kimi-k2.5', 'glm-4.7', 'gpt-5', 'claude-sonnet-4.5']));
    const kimi = models.data.find((m) => m.id === 'kimi-k2.5') as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(kimi).toMatchObject({ developer: 'Moonshot AI', origin: 'CN', open_weights: true });
    expect(kimi.deployments[0]).toMatchObject({ provider: 'sim-moonshot', jurisdiction: 'CN', simulated: true });
    expect(kimi.deployments[1]).toMatchObject({ provider: 'sim-together', jurisdiction: 'US', simulated: true });
  });
});

describe('switchyard demo: the seeded history', () => {
  it('the origins report covers 30 days, several origins and developers, the Chinese open-model share growing', async () => {
    const report = await admin('/admin/reports/origins?by=day&since=30d');
    expect(demo.history.rows).toBeGreaterThan(5_000);
    expect(report.buckets).toHaveLength(30);
    const origins = report.overall.byOrigin.map((o: { name: string }) => o.name);
    expect(origins).toEqual(expect.arrayContaining(['CN', 'US']));
    const developers = report.overall.byDeveloper.map((d: { name: string }) => d.name);
    expect(developers).toEqual(expect.arrayContaining(['DeepSeek', 'Alibaba', 'Moonshot AI', 'Zhipu AI', 'OpenAI', 'Anthropic']));
    // token share of CN-developed models over the first and the last week of the month
    const cnShare = (buckets: Array<{ tokens: number; byOrigin: Array<{ name: string; tokens: number }> }>) => {
      const cn = buckets.reduce((n, b) => n + (b.byOrigin.find((o) => o.name === 'CN')?.tokens ?? 0), 0);
      return cn / buckets.reduce((n, b) => n + b.tokens, 0);
    };
    const first = cnShare(report.buckets.slice(0, 7));
    const last = cnShare(report.buckets.slice(-8, -1));
    expect(first).toBeGreaterThan(0.1);
    expect(first).toBeLessThan(0.35);
    expect(last).toBeGreaterThan(0.55);
    expect(last).toBeLessThan(0.8);
  });

  it('the savings report shows a saving against the baseline, and the cost-quality route its own', async () => {
    const report = await admin('/admin/reports/savings');
    expect(report.baseline).toMatchObject({ ref: 'openai/gpt-5' });
    expect(report.total.savingUsd).toBeGreaterThan(0);
    expect(report.total.savingPct).toBeGreaterThan(10);
    expect(report.teams.map((t: { team: string }) => t.team)).toEqual(expect.arrayContaining(['search', 'support', 'research', 'legal']));
    const auto = report.router.find((r: { route: string }) => r.route === 'auto');
    expect(auto.requests).toBeGreaterThan(100);
    expect(auto.savingUsd).toBeGreaterThan(0);
  });

  it('the history holds failovers, failures and policy refusals, on simulated providers only, in the rows the gateway writes', async () => {
    const providers = await admin('/admin/reports/providers');
    const served = providers.rows.filter((r: { provider: string | null }) => r.provider !== null);
    expect(served.length).toBeGreaterThanOrEqual(8);
    for (const row of served) expect(row.provider).toMatch(/^sim-/);
    const spend = await admin('/admin/reports/spend?by=key');
    const keyIds = spend.rows.map((r: { group: string }) => r.group);
    for (const k of demo.keys.slice(1)) expect(keyIds).toContain(k.id);
    const db = new Database(demo.storePath, { readonly: true });
    try {
      const count = (where: string) => (db.prepare(`SELECT COUNT(*) AS n FROM requests WHERE id LIKE 'demo-seed-%' AND ${where}`).get() as { n: number }).n;
      expect(count("status = 200 AND attempts IS NOT NULL AND route LIKE '%tried=%'")).toBeGreaterThan(20); // failovers
      expect(count("status = 503 AND error_code = 'upstream_unavailable' AND provider IS NULL")).toBeGreaterThan(5); // every deployment failed
      expect(count("status = 403 AND error_code = 'policy_denied' AND team = 'legal' AND route LIKE '%policy:team=legal%'")).toBeGreaterThan(5);
      expect(count("status = 429 AND error_code = 'rate_limited' AND team = 'support'")).toBeGreaterThan(0);
      expect(count("router_route = 'auto' AND router_tier IS NOT NULL AND strong_cost_usd IS NOT NULL")).toBeGreaterThan(100);
      expect(count("status = 200 AND (provider NOT LIKE 'sim-%' OR cost_usd IS NULL OR key_id IS NULL)")).toBe(0);
    } finally {
      db.close();
    }
  });
});
