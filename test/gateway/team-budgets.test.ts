import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../support/fake-upstream.js';
import { openAIReply } from '../support/openai-replies.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres-test-db.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';
import { postgresSkipReason, redisSkipReason, TEST_REDIS_URL } from '../support/test-services.js';

/**
 * Team budgets (issue 20, item 7): a budget all of a team's keys share, reserved against at admission
 * like a key's own (scope `team:<name>`), in one process on SQLite and across gateways sharing
 * PostgreSQL and Redis.
 */
const ADMIN = 'sy-admin-team-budgets-0123456789ab';
const noShared = (await postgresSkipReason()) || (await redisSkipReason());
if (noShared) console.log(`skipping team budgets across gateways: ${noShared}`);

let upstream: FakeUpstream;

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  // every answer: 1000 + 1000 tokens at $1 per million each = $0.002
  upstream.reply(openAIReply('ok', { prompt_tokens: 1000, completion_tokens: 1000 }));
});
afterAll(() => upstream.close());

const config = (extra: Record<string, unknown> = {}) => ({
  auth: { admin_key: ADMIN },
  providers: {
    local: { type: 'vllm', base_url: `${upstream.url}/v1`, prices: { m: { input: 1, output: 1 } } },
    free: { type: 'vllm', base_url: `${upstream.url}/v1` },
  },
  models: { m: { deployments: ['local/m'] } },
  ...extra,
});

const admin = (gw: TestGateway, path: string, init: RequestInit = {}) =>
  fetch(`${gw.url}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN}`, ...init.headers } });

async function keyFor(gw: TestGateway, team: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await admin(gw, '/admin/keys', { method: 'POST', body: JSON.stringify({ team, ...extra }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { key: string }).key;
}

async function ask(gw: TestGateway, key: string, model = 'm'): Promise<{ status: number; code?: string; message?: string }> {
  const res = await fetch(`${gw.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}` },
    body: JSON.stringify({ model, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
  });
  const body = (await res.json()) as { error?: { code: string; message: string } };
  return { status: res.status, code: body.error?.code, message: body.error?.message };
}

describe('team budgets on one gateway', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(config());
  });
  afterAll(() => gw.close(1000));

  it("is shared by the team's keys and refuses once spent, leaving other teams alone", async () => {
    const a = await keyFor(gw, 'search');
    const b = await keyFor(gw, 'search', { budget_usd: 1 });
    const other = await keyFor(gw, 'ads');
    const set = await admin(gw, '/admin/team-budgets', { method: 'POST', body: JSON.stringify({ team: 'search', budget_usd: 0.003, budget_period: 'day' }) });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ team: 'search', budgetUsd: 0.003, budgetPeriod: 'day' });
    expect((await ask(gw, a)).status).toBe(200); // $0.002 spent by the team
    expect((await ask(gw, b)).status).toBe(200); // $0.004: the worst case fitted, the real cost passed it
    const refusedA = await ask(gw, a);
    expect(refusedA).toMatchObject({ status: 429, code: 'budget_exceeded' });
    expect(refusedA.message).toBe("The budget of $0.003 per day shared by team 'search' is spent ($0.004000 used).");
    expect((await ask(gw, b)).status).toBe(429);
    expect((await ask(gw, other)).status).toBe(200);
    // the listing shows what the team spent together
    const list = (await (await admin(gw, '/admin/team-budgets')).json()) as { data: Array<{ team: string; spend: { usd: number; period: string } }> };
    const search = list.data.find((t) => t.team === 'search')!;
    expect(search.spend.period).toBe('day');
    expect(search.spend.usd).toBeCloseTo(0.004, 9);
  });

  it('a team budget sends its keys only to priced deployments, and its removal lifts it within two seconds', async () => {
    const res = await admin(gw, '/admin/keys', { method: 'POST', body: JSON.stringify({ team: 'lab' }) });
    const { key, prefix } = (await res.json()) as { key: string; prefix: string };
    await admin(gw, '/admin/team-budgets', { method: 'POST', body: JSON.stringify({ team: 'lab', budget_usd: 0.00002 }) });
    const unpriced = await ask(gw, key, 'free/x');
    expect(unpriced).toMatchObject({ status: 403, code: 'price_unknown' });
    // the explanation plans as the gateway does: the team's budget excludes the unpriced deployment
    const explained = await admin(gw, '/admin/route/explain', {
      method: 'POST',
      body: JSON.stringify({ key: prefix, request: { model: 'free/x', messages: [{ role: 'user', content: 'hi' }] } }),
    });
    expect(((await explained.json()) as { excluded: Array<{ reason: string }> }).excluded).toEqual([expect.objectContaining({ reason: 'price_unknown:budget' })]);
    const small = await ask(gw, key);
    expect(small.status).toBe(429);
    expect(small.message).toMatch(/worst-case cost, \$0\.000036 .*exceeds the \$0\.000020 that remains of the budget of \$0\.00002 per month shared by team 'lab' \(\$0\.000000 spent\) by \$0\.000016/);
    expect((await admin(gw, '/admin/team-budgets/lab', { method: 'DELETE' })).status).toBe(200);
    expect((await admin(gw, '/admin/team-budgets/lab', { method: 'DELETE' })).status).toBe(404);
    await new Promise((r) => setTimeout(r, 2_100));
    expect((await ask(gw, key)).status).toBe(200);
  });

  it('refuses a team budget body it cannot read, naming the field', async () => {
    for (const [body, param] of [
      [{ team: 'x' }, 'budget_usd'],
      [{ team: 'x', budget_usd: 1, budget_period: 'year' }, 'budget_period'],
      [{ budget_usd: 1 }, 'team'],
      [{ team: 'x', budget: 1 }, 'budget'],
    ] as const) {
      const res = await admin(gw, '/admin/team-budgets', { method: 'POST', body: JSON.stringify(body) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { param: string } }).error.param).toBe(param);
    }
  });
});

describe.skipIf(noShared)('team budgets across gateways on PostgreSQL and Redis', () => {
  let db: TestDatabase;
  let prefix: string;
  let gws: TestGateway[] = [];
  beforeAll(async () => {
    db = await createTestDatabase('team_budgets');
    prefix = `sy-test-team-${process.pid}-${Date.now()}:`;
    // each gateway spools to a folder of its own, never the repository's
    const shared = (n: number) =>
      config({ storage: db.url(), redis: TEST_REDIS_URL, redis_prefix: prefix, spool_dir: join(mkdtempSync(join(tmpdir(), 'sy-team-spool-')), String(n)) });
    gws = [await startTestGateway(shared(1)), await startTestGateway(shared(2))];
  });
  afterAll(async () => {
    for (const gw of gws) await gw.close(1000);
    const r = new Redis(TEST_REDIS_URL);
    const keys = await r.keys(`${prefix}*`);
    if (keys.length > 0) await r.del(...keys);
    r.disconnect();
    await db?.drop();
  });

  it("100 concurrent requests from two keys through two gateways do not overspend the team's budget", async () => {
    const [one, two] = gws as [TestGateway, TestGateway];
    const keys = [await keyFor(one, 'shared'), await keyFor(two, 'shared')];
    // each request reserves 26 input tokens + 10 output = $0.000036 and costs 20 + 10 = $0.00003
    await admin(one, '/admin/team-budgets', { method: 'POST', body: JSON.stringify({ team: 'shared', budget_usd: 0.00046, budget_period: 'day' }) });
    upstream.reply(openAIReply('ok', { prompt_tokens: 20, completion_tokens: 10 }));
    try {
      const results = await Promise.all(Array.from({ length: 100 }, (_, i) => ask(gws[i % 2]!, keys[Math.floor(i / 2) % 2]!)));
      const served = results.filter((r) => r.status === 200).length;
      expect(results.filter((r) => r.status !== 200).every((r) => r.code === 'budget_exceeded')).toBe(true);
      expect(served).toBeGreaterThan(0);
      expect(served).toBeLessThan(100);
      // what was served never passes the budget, though two gateways and two keys spent it
      expect(served * 0.00003).toBeLessThanOrEqual(0.00046 + 1e-12);
    } finally {
      upstream.reply(openAIReply('ok', { prompt_tokens: 1000, completion_tokens: 1000 }));
    }
  });
});
