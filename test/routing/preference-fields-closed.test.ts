import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../support/fake-upstream.js';
import { openAIReply } from '../support/openai-replies.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

/**
 * The closed objects inside a request (`provider`, `provider.max_price`, `router`) follow one rule on every
 * door that takes them: a field the gateway does not read is a 400 invalid_request_error naming it, and
 * nothing goes upstream. A misspelt preference would otherwise route as if it had never been asked for.
 */
let upstream: FakeUpstream;
let gateway: TestGateway;

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  upstream.reply(openAIReply('fine'));
  gateway = await startTestGateway({
    providers: { local: { type: 'vllm', base_url: `${upstream.url}/v1`, prices: { m: { input: 1, output: 2 } } } },
    models: { m: { deployments: ['local/m'] } },
  });
});

afterAll(async () => {
  await gateway.close(1000);
  await upstream.close();
});

const hello = [{ role: 'user', content: 'Hello' }];
/** Each door, with a body it would serve, to which the routing fields are added. */
const DOORS = {
  chat: { path: '/v1/chat/completions', body: { model: 'm', messages: hello } },
  messages: { path: '/v1/messages', body: { model: 'm', max_tokens: 16, messages: hello } },
  responses: { path: '/v1/responses', body: { model: 'm', input: 'Hello' } },
} as const;

async function post(door: keyof typeof DOORS, extra: Record<string, unknown>) {
  const { path, body } = DOORS[door];
  const res = await fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, ...extra }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** The error's message and param, in the door's own error shape (Anthropic's has no param). */
function errorOf(door: keyof typeof DOORS, body: any): { type: string; message: string; param?: string } {
  return door === 'messages' ? { type: body.error.type, message: body.error.message } : body.error;
}

describe.each(Object.keys(DOORS) as Array<keyof typeof DOORS>)('the %s door', (door) => {
  it('refuses an unknown field in provider with a 400 naming it, sending nothing', async () => {
    upstream.reply(openAIReply('fine'));
    const r = await post(door, { provider: { orderr: ['local'] } });
    expect(r.status).toBe(400);
    const e = errorOf(door, r.body);
    expect(e.type).toBe('invalid_request_error');
    expect(e.message).toMatch(/'provider\.orderr'.*unknown field \(did you mean 'order'\?\)/);
    if (door !== 'messages') expect(e.param).toBe('provider.orderr');
    expect(upstream.requests).toHaveLength(0);
  });

  it('refuses an unknown field in provider.max_price and in router the same way', async () => {
    upstream.reply(openAIReply('fine'));
    const price = await post(door, { provider: { max_price: { promt: 1 } } });
    expect(price.status).toBe(400);
    expect(errorOf(door, price.body).message).toMatch(/'provider\.max_price\.promt'.*did you mean 'prompt'/);
    const router = await post(door, { router: { treshold: 0.5 } });
    expect(router.status).toBe(400);
    expect(errorOf(door, router.body).message).toMatch(/'router\.treshold'.*did you mean 'threshold'/);
    if (door !== 'messages') {
      expect(price.body.error.param).toBe('provider.max_price.promt');
      expect(router.body.error.param).toBe('router.treshold');
    }
    expect(upstream.requests).toHaveLength(0);
  });

  it("says an OpenRouter preference it does not apply is that, not a misspelling", async () => {
    const r = await post(door, { provider: { quantizations: ['fp8'] } });
    expect(r.status).toBe(400);
    expect(errorOf(door, r.body).message).toMatch(/'provider\.quantizations': an OpenRouter preference this gateway does not apply/);
  });

  it('serves the same request with the fields spelt right', async () => {
    upstream.reply(openAIReply('fine'));
    const r = await post(door, { provider: { order: ['local'], max_price: { prompt: 100 } } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(upstream.requests).toHaveLength(1);
  });
});

describe('the OpenAI SDK', () => {
  it('gets the 400 as a BadRequestError naming the field', async () => {
    const err = await gateway.client.chat.completions
      .create({ model: 'm', messages: [{ role: 'user', content: 'Hello' }], provider: { only: ['local'], ignor: ['x'] } } as never)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 400, param: 'provider.ignor', type: 'invalid_request_error' });
  });
});
