import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultCatalog } from '../../../src/catalog/load-catalog.js';
import { discoverConfig } from '../../../src/config/discover-config.js';
import { buildConfig } from '../../../src/config/load-config.js';
import { ANTHROPIC_COMPATIBLE_PROFILES } from '../../../src/providers/anthropic-compatible/profiles.js';
import { anthropicClient } from '../../anthropic-door/anthropic-door-kit.js';
import { FakeUpstream, framesFromChunks } from '../../support/fake-upstream.js';
import { readOwnFixture } from '../../support/shared-fixtures.js';
import { startTestGateway, type TestGateway } from '../../support/test-gateway.js';

/**
 * The vendors' Anthropic-compatible endpoints as provider types: a gateway pointed at one (on loopback) sends
 * Anthropic Messages requests to `<base>/messages` with the vendor key (as `x-api-key`, or as a bearer token for
 * the vendors whose guides set ANTHROPIC_AUTH_TOKEN), from the chat
 * completions door and the Messages door alike, and prices and places the deployment as the vendor's
 * OpenAI-compatible type (same account, same models, same prices).
 */
const CASES = [
  { type: 'deepseek-anthropic', base: 'deepseek', model: 'deepseek-v4-flash', defaultUrl: 'https://api.deepseek.com/anthropic/v1', bearer: false },
  { type: 'minimax-anthropic', base: 'minimax', model: 'MiniMax-M3', defaultUrl: 'https://api.minimax.io/anthropic/v1', bearer: false },
  { type: 'moonshot-anthropic', base: 'moonshot', model: 'kimi-k2.6', defaultUrl: 'https://api.moonshot.ai/anthropic/v1', bearer: true },
  { type: 'zai-anthropic', base: 'zai', model: 'glm-5.1', defaultUrl: 'https://api.z.ai/api/anthropic/v1', bearer: true },
];

const catalog = loadDefaultCatalog();

it('lists every profile here', () => {
  expect(CASES.map((c) => c.type).sort()).toEqual(Object.keys(ANTHROPIC_COMPATIBLE_PROFILES).sort());
});

describe.each(CASES)('$type', ({ type, base, model, defaultUrl, bearer }) => {
  const key = `sk-${type}-secret-key`;
  const expectKey = (headers: Record<string, unknown>) => {
    expect(headers['x-api-key']).toBe(bearer ? undefined : key);
    expect(headers.authorization).toBe(bearer ? `Bearer ${key}` : undefined);
  };
  let upstream: FakeUpstream;
  let gateway: TestGateway;

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    gateway = await startTestGateway({
      providers: { vendor: { type, api_key: key, base_url: `${upstream.url}/anthropic/v1` } },
      models: { coder: { deployments: [`vendor/${model}`] } },
    });
  });

  afterAll(async () => {
    await gateway?.close(1000);
    await upstream?.close();
  });

  const message = (text: string, input: number, output: number) => ({
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model,
    content: [{ type: 'text', text }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: input, output_tokens: output },
  });

  it('defaults to the endpoint the vendor documents, and reads no env variable at zero-config start', async () => {
    const config = buildConfig({ providers: { v: { type, api_key: 'k' } } }, 'test', {});
    expect(config.providers[0]?.baseUrl).toBe(defaultUrl);
    const envName = `${base.toUpperCase()}_API_KEY`;
    const { config: zero } = await discoverConfig({ [envName]: 'sk-zero-config' }, async () => undefined);
    expect(zero.providers.map((p) => p.type)).toContain(base);
    expect(zero.providers.map((p) => p.type)).not.toContain(type);
  });

  it('answers a chat completion with an Anthropic Messages request, priced as the vendor prices the model', async () => {
    upstream.reply({ json: message('Hello from the vendor.', 2000, 1000) });
    const { data, response } = await gateway.client.chat.completions
      .create({ model: 'coder', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] })
      .withResponse();
    const sent = upstream.lastRequest;
    expect(sent.url).toBe('/anthropic/v1/messages');
    expectKey(sent.headers);
    expect(sent.headers['anthropic-version']).toBe('2023-06-01');
    expect(sent.json).toMatchObject({ model, max_tokens: 64, messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] });
    expect(data.choices[0]?.message.content).toBe('Hello from the vendor.');
    expect(data.usage).toMatchObject({ prompt_tokens: 2000, completion_tokens: 1000 });
    const price = catalog.resolve(base, model).offer!.price;
    expect(catalog.resolve(type, model).offer?.price).toEqual(price);
    expect(Number(response.headers.get('x-switchyard-cost'))).toBeCloseTo((2000 * price.input + 1000 * price.output) / 1e6, 9);
  });

  it('streams a chat completion from the Messages event stream', async () => {
    upstream.reply({ sse: framesFromChunks(readOwnFixture('anthropic/text-cached.chunks.txt'), { events: true }) });
    const stream = await gateway.client.chat.completions.create({ model: 'coder', stream: true, messages: [{ role: 'user', content: 'Rhine?' }] });
    let text = '';
    for await (const c of stream) text += c.choices[0]?.delta.content ?? '';
    expect(upstream.lastRequest.url).toBe('/anthropic/v1/messages');
    expect(upstream.lastRequest.json).toMatchObject({ model, stream: true });
    expect(text).toBe('The Rhine rises in the Swiss Alps and reaches the North Sea in the Netherlands.');
  });

  it('serves the Messages door with the upstream model name and the vendor key', async () => {
    upstream.reply({ json: message('Short answer.', 30, 4) });
    const msg = await anthropicClient(gateway).messages.create({ model: 'coder', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] });
    expect(upstream.lastRequest.url).toBe('/anthropic/v1/messages');
    expectKey(upstream.lastRequest.headers);
    expect(upstream.lastRequest.json).toMatchObject({ model, max_tokens: 100 });
    expect(msg.content).toEqual([{ type: 'text', text: 'Short answer.' }]);
    expect(msg.usage).toMatchObject({ input_tokens: 30, output_tokens: 4 });
  });

  it("lists the deployment with the model's origin, the vendor's jurisdiction and price", async () => {
    const res = await fetch(`${gateway.url}/v1/models`);
    const list = (await res.json()) as { data: Array<Record<string, unknown>> };
    const coder = list.data.find((m) => m.id === 'coder')!;
    const baseProvider = catalog.provider(base)!;
    const price = catalog.resolve(base, model).offer!.price;
    expect(coder).toMatchObject({ origin: catalog.resolve(base, model).model!.origin, catalog_id: catalog.resolve(base, model).model!.id });
    expect(coder.deployments).toEqual([
      {
        provider: 'vendor',
        model,
        price: expect.objectContaining({ input: price.input, output: price.output }),
        jurisdiction: baseProvider.jurisdiction,
        origin: catalog.resolve(base, model).model!.origin,
      },
    ]);
    expect(catalog.provider(type)).toMatchObject({ jurisdiction: baseProvider.jurisdiction, firstPartyFor: baseProvider.firstPartyFor });
  });
});
