import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../support/fake-upstream.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

/**
 * 200 concurrent requests against a budget that covers nine: each reserves its worst-case cost before it
 * is sent, so the budget is not overspent.
 */
const ADMIN = 'sy-admin-key-for-tests-0123456789';
let upstream: FakeUpstream;
let gateway: TestGateway;

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  // every answer: 20 input + 1000 output tokens at $1 per million each = $0.00102
  upstream.reply({
    delayMs: 100,
    json: {
      id: 'x',
      object: 'chat.completion',
      created: 1,
      model: 'm',
      choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'length' }],
      usage: { prompt_tokens: 20, completion_tokens: 1000, total_tokens: 1020 },
    },
  });
  gateway = await startTestGateway({
    auth: { admin_key: ADMIN },
    providers: { local: { type: 'vllm', base_url: `${upstream.url}/v1`, prices: { m: { input: 1, output: 1 } } } },
    models: { m: { deployments: ['local/m'] } },
  });
});

afterAll(async () => {
  await gateway.close(1000);
  await upstream.close();
});

describe('budget race', () => {
  it('200 concurrent requests do not overspend a budget', async () => {
    const created = await fetch(`${gateway.url}/admin/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}` },
      body: JSON.stringify({ team: 'race', budget_usd: 0.01, budget_period: 'day' }),
    });
    expect(created.status).toBe(200);
    const { key, id: keyId } = (await created.json()) as { key: string; id: string };
    const results = await Promise.all(
      Array.from({ length: 200 }, async () => {
        const res = await fetch(`${gateway.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}` },
          body: JSON.stringify({ model: 'm', max_tokens: 1000, messages: [{ role: 'user', content: 'Hello' }] }),
        });
        const body = (await res.json()) as { usage?: { cost: number }; error?: { code: string } };
        return { status: res.status, cost: body.usage?.cost, code: body.error?.code };
      }),
    );
    const ok = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status === 429);
    expect(ok.length + refused.length).toBe(200);
    expect(refused.every((r) => r.code === 'budget_exceeded')).toBe(true);
    // worst case reserved per request: (6 estimated input + 1000 output) × $1/M ≈ $0.001006 → 9 fit in $0.01
    expect(ok).toHaveLength(9);
    const spent = ok.reduce((sum, r) => sum + (r.cost ?? 0), 0);
    expect(spent).toBeCloseTo(9 * 0.00102, 10);
    expect(spent).toBeLessThanOrEqual(0.01);
    // and the next one is refused too: the budget holds after settlement
    const after = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      body: JSON.stringify({ model: 'm', max_tokens: 1000, messages: [{ role: 'user', content: 'Hello' }] }),
    });
    expect(after.status).toBe(429);
    expect(keyId).toBeTruthy();
  });
});
