import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../support/fake-upstream.js';
import { openAIReply } from '../support/openai-replies.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

/**
 * Money fails closed (issue 12, findings 3, 13 and 14): a key with a budget never reaches a deployment
 * whose cost cannot be counted, and what it spends never passes its budget, even with tiny budgets, many
 * requests at once and providers billing more prompt tokens than the text suggests.
 */
const ADMIN = 'sy-admin-budgets-0123456789abcdef';
let upstream: FakeUpstream;

beforeAll(async () => {
  upstream = await FakeUpstream.start();
});
afterAll(() => upstream.close());

async function keyFor(gw: TestGateway, body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${gw.url}/admin/keys`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { key: string }).key;
}

function ask(gw: TestGateway, key: string, model: string, extra: Record<string, unknown> = {}) {
  return fetch(`${gw.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}` },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }], ...extra }),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as { usage?: { cost: number | null }; error?: { code: string; message: string } } }));
}

describe('deployments without a price', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      auth: { admin_key: ADMIN },
      providers: {
        // an unlisted model on a self-hosted server, and a dated name the catalog does not price
        local: { type: 'vllm', base_url: `${upstream.url}/v1` },
        oai: { type: 'openai', api_key: 'sk-test-000000', base_url: `${upstream.url}/v1` },
        priced: { type: 'vllm', base_url: `${upstream.url}/v1`, prices: { p: { input: 1, output: 1 } } },
      },
      models: { mixed: { deployments: ['local/unpriced', 'priced/p'] } },
    });
  });
  afterAll(() => gw.close(1000));

  it('a key with a budget is refused with 403 price_unknown, and nothing is sent', async () => {
    upstream.reply(openAIReply('ok', { prompt_tokens: 10, completion_tokens: 100_000 }));
    const key = await keyFor(gw, { team: 't', budget_usd: 0.001, budget_period: 'day' });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => ask(gw, key, i % 2 ? 'local/some-model' : 'oai/gpt-5-2099-01-01', { max_tokens: 100_000 })),
    );
    for (const r of results) {
      expect(r.status).toBe(403);
      expect(r.body.error?.code).toBe('price_unknown');
      expect(r.body.error?.message).toMatch(/limits\.unknown_price/);
    }
    expect(upstream.requests).toHaveLength(0);
  });

  it('with a priced deployment beside it, only the priced one is tried', async () => {
    upstream.reply(openAIReply('ok', { prompt_tokens: 10, completion_tokens: 5 }));
    const key = await keyFor(gw, { team: 't', budget_usd: 1 });
    const r = await ask(gw, key, 'mixed');
    expect(r.status).toBe(200);
    expect(upstream.requests.map((q) => q.json.model)).toEqual(['p']);
  });

  it('a key without a budget still reaches them (its cost is unknown, not zero)', async () => {
    upstream.reply(openAIReply('ok', { prompt_tokens: 10, completion_tokens: 5 }));
    const key = await keyFor(gw, { team: 't' });
    const r = await ask(gw, key, 'local/some-model');
    expect(r.status).toBe(200);
    expect(r.body.usage?.cost).toBeNull();
  });
});

describe('limits.unknown_price', () => {
  it('stands in for the missing price: charged against the budget until it is spent', async () => {
    const gw = await startTestGateway({
      auth: { admin_key: ADMIN },
      limits: { unknown_price: { input: 10, output: 10 } },
      providers: { local: { type: 'vllm', base_url: `${upstream.url}/v1` } },
    });
    try {
      upstream.reply(openAIReply('ok', { prompt_tokens: 50, completion_tokens: 50 }));
      // $10 per million tokens: each answer costs $0.001
      const key = await keyFor(gw, { team: 't', budget_usd: 0.0035, budget_period: 'day' });
      const statuses: number[] = [];
      let spent = 0;
      for (let i = 0; i < 6; i++) {
        const r = await ask(gw, key, 'local/m', { max_tokens: 50 });
        statuses.push(r.status);
        if (r.status === 200) {
          expect(r.body.usage?.cost).toBeCloseTo(0.001, 9);
          spent += r.body.usage!.cost!;
        } else expect(r.body.error?.code).toBe('budget_exceeded');
      }
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(2);
      expect(statuses.at(-1)).toBe(429);
      expect(spent).toBeLessThanOrEqual(0.0035);
    } finally {
      await gw.close(1000);
    }
  });
});

describe('tiny budgets', () => {
  it('spend never passes the budget, though the provider bills more prompt tokens than the text has', async () => {
    const gw = await startTestGateway({
      auth: { admin_key: ADMIN },
      providers: { local: { type: 'vllm', base_url: `${upstream.url}/v1`, prices: { m: { input: 1, output: 1 } } } },
    });
    try {
      // "hi" is 2 characters; the provider bills 12 prompt tokens for it (its chat template)
      upstream.reply((req) => ({ ...openAIReply('ok', { prompt_tokens: 12, completion_tokens: 5 })(req), delayMs: 20 }));
      const budget = 0.0002;
      const key = await keyFor(gw, { team: 't', budget_usd: budget, budget_period: 'day' });
      let spent = 0;
      let served = 0;
      for (let round = 0; round < 5; round++) {
        const results = await Promise.all(Array.from({ length: 10 }, () => ask(gw, key, 'local/m', { max_tokens: 5 })));
        for (const r of results) {
          if (r.status === 200) {
            served++;
            spent += r.body.usage!.cost!;
          } else expect(r.body.error?.code).toBe('budget_exceeded');
        }
      }
      expect(served).toBeGreaterThan(0);
      expect(spent).toBeLessThanOrEqual(budget + 1e-12);
    } finally {
      await gw.close(1000);
    }
  });

  it("a request whose worst case is more than what is left says so, and by how much", async () => {
    const gw = await startTestGateway({
      auth: { admin_key: ADMIN },
      providers: { local: { type: 'vllm', base_url: `${upstream.url}/v1`, prices: { m: { input: 1, output: 1 } } } },
    });
    try {
      const key = await keyFor(gw, { team: 't', budget_usd: 0.0002, budget_period: 'day' });
      // a new key's first request: nothing is spent, but its worst case is more than the whole budget
      const r = await ask(gw, key, 'local/m', { max_tokens: 1_000 });
      expect(r.status).toBe(429);
      expect(r.body.error?.code).toBe('budget_exceeded');
      const message = r.body.error?.message ?? '';
      expect(message).not.toMatch(/is spent/);
      expect(message).toMatch(
        /worst-case cost, \$0\.001026 .*exceeds the \$0\.000200 that remains of this key's budget of \$0\.0002 per day \(\$0\.000000 spent\) by \$0\.000826\. Lower max_tokens/,
      );
      // with room for it, the same request goes through; once spent, the refusal says the budget is spent
      upstream.reply(openAIReply('ok', { prompt_tokens: 26, completion_tokens: 200 }));
      const served = await ask(gw, key, 'local/m', { max_tokens: 150 });
      expect(served.status).toBe(200);
      const after = await ask(gw, key, 'local/m', { max_tokens: 1 });
      expect(after.status).toBe(429);
      expect(after.body.error?.message).toMatch(/budget of \$0\.0002 per day is spent \(\$0\.000226 used\)/);
    } finally {
      await gw.close(1000);
    }
  });
});

describe('concentration caps', () => {
  it('count only requests that were admitted and sent', async () => {
    const gw = await startTestGateway({
      auth: { admin_key: ADMIN },
      concentration: [{ by: 'provider', max_share: 0.5, window: '1h' }],
      providers: {
        a: { type: 'vllm', base_url: `${upstream.url}/v1`, prices: { m: { input: 1, output: 1 } } },
        b: { type: 'vllm', base_url: `${upstream.url}/v1`, prices: { m: { input: 1, output: 1 } } },
      },
      models: { m: { deployments: ['a/m', 'b/m'] }, only_a: { deployments: ['a/m'] } },
    });
    try {
      upstream.reply(openAIReply('ok'));
      // a key whose every request to provider a is refused at admission (its budget cannot cover one)
      const broke = await keyFor(gw, { team: 't', budget_usd: 0.000001 });
      for (let i = 0; i < 200; i++) expect((await ask(gw, broke, 'only_a', { max_tokens: 1000 })).status).toBe(429);
      expect(upstream.requests).toHaveLength(0);
      const key = await keyFor(gw, { team: 't' });
      const provider = async () =>
        (
          await fetch(`${gw.url}/v1/chat/completions`, {
            method: 'POST',
            headers: { authorization: `Bearer ${key}` },
            body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
          })
        ).headers.get('x-switchyard-provider');
      // were the refused ones counted, provider a would be far past its 50 % and b would take the first request
      expect(await provider()).toBe('a');
      expect(await provider()).toBe('b');
      expect(upstream.requests).toHaveLength(2);
    } finally {
      await gw.close(1000);
    }
  });
});
