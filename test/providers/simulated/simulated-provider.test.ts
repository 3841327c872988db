import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/config-error.js';
import { parseConfigText } from '../../../src/config/load-config.js';
import { startTestGateway, type TestGateway } from '../../support/test-gateway.js';

/**
 * The simulated provider type through a real gateway and the official SDK: answers whole and streamed at the
 * configured pace, marked simulated in the body and a header, priced and described as the provider type it
 * stands for; failures at the configured rate; and the config's checks of its keys.
 */
let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway({
    providers: {
      'sim-deepseek': { type: 'simulated', simulates: 'deepseek', ttft_ms: 40, tokens_per_second: 2000 },
      'sim-fireworks': { type: 'simulated', simulates: 'fireworks', ttft_ms: 10, tokens_per_second: 5000 },
      'sim-broken': { type: 'simulated', simulates: 'openai', ttft_ms: 10, error_rate: 1 },
    },
    models: {
      'deepseek-v3.2': { deployments: ['sim-deepseek/deepseek-chat'] },
      flaky: { deployments: ['sim-broken/gpt-5', 'sim-fireworks/accounts/fireworks/models/deepseek-v3p2'] },
      broken: { deployments: ['sim-broken/gpt-5'] },
    },
  });
});

afterAll(async () => {
  await gateway?.close(0);
});

describe('simulated provider', () => {
  it('answers whole, marked simulated, priced at the simulated provider type and pace', async () => {
    const started = Date.now();
    const { data, response } = await gateway.client.chat.completions
      .create({ model: 'deepseek-v3.2', messages: [{ role: 'user', content: 'Write a SQL query for the latest order per customer' }] })
      .withResponse();
    expect(Date.now() - started).toBeGreaterThanOrEqual(25); // the time to first token at least (40 ms, ±30%)
    expect(response.headers.get('x-switchyard-simulated')).toBe('true');
    expect(response.headers.get('x-switchyard-provider')).toBe('sim-deepseek');
    const text = data.choices[0]!.message.content!;
    expect(text.startsWith('[simulated] ')).toBe(true);
    expect(text).toMatch(/SELECT|INDEX/); // an answer of the SQL topic
    const usage = data.usage as typeof data.usage & { cost: number };
    expect(usage.prompt_tokens).toBeGreaterThan(0);
    expect(usage.completion_tokens).toBeGreaterThan(10);
    // DeepSeek's own price for deepseek-chat: $0.28 in, $0.42 out per million tokens
    expect(usage.cost).toBeCloseTo((usage.prompt_tokens * 0.28 + usage.completion_tokens * 0.42) / 1e6, 12);
  });

  it('the same prompt gets the same answer; max_tokens cuts it with finish reason length', async () => {
    const ask = (max?: number) =>
      gateway.client.chat.completions.create({ model: 'deepseek-v3.2', messages: [{ role: 'user', content: 'Plan a database migration' }], ...(max && { max_tokens: max }) });
    const [a, b, short] = await Promise.all([ask(), ask(), ask(8)]);
    expect(a.choices[0]!.message.content).toBe(b.choices[0]!.message.content);
    expect(short.choices[0]!.finish_reason).toBe('length');
    expect(short.usage!.completion_tokens).toBeLessThanOrEqual(8);
    expect(a.choices[0]!.message.content!.startsWith(short.choices[0]!.message.content!)).toBe(true);
  });

  it('streams in many chunks, with usage at the end and the header', async () => {
    const { data: stream, response } = await gateway.client.chat.completions
      .create({ model: 'deepseek-v3.2', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'Summarize the meeting notes' }] })
      .withResponse();
    expect(response.headers.get('x-switchyard-simulated')).toBe('true');
    let text = '';
    let chunks = 0;
    let usage: { completion_tokens: number } | undefined;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta.content;
      if (delta) {
        text += delta;
        chunks++;
      }
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text.startsWith('[simulated] ')).toBe(true);
    expect(chunks).toBeGreaterThan(10);
    expect(usage!.completion_tokens).toBeGreaterThan(10);
  });

  it('a required tool is called, a JSON format gets a JSON object', async () => {
    const tool = await gateway.client.chat.completions.create({
      model: 'deepseek-v3.2',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [{ type: 'function', function: { name: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }],
      tool_choice: 'required',
    });
    expect(tool.choices[0]!.finish_reason).toBe('tool_calls');
    const call = tool.choices[0]!.message.tool_calls![0]! as { function: { name: string; arguments: string } };
    expect(call.function.name).toBe('weather');
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'simulated' });
    const json = await gateway.client.chat.completions.create({
      model: 'deepseek-v3.2',
      messages: [{ role: 'user', content: 'Answer in JSON' }],
      response_format: { type: 'json_object' },
    });
    expect(JSON.parse(json.choices[0]!.message.content!)).toMatchObject({ simulated: true, model: 'deepseek-chat' });
  });

  it('serves embeddings: the same text, the same unit vector', async () => {
    const { data, response } = await gateway.client.embeddings.create({ model: 'sim-deepseek/embed', input: ['hello', 'hello', 'other'], dimensions: 32 }).withResponse();
    expect(response.headers.get('x-switchyard-simulated')).toBe('true');
    const [a, b, c] = data.data.map((d) => d.embedding);
    expect(a).toHaveLength(32);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(Math.hypot(...a!)).toBeCloseTo(1, 5);
  });

  it('fails at its error rate: the gateway fails over, or answers with the error in the OpenAI shape', async () => {
    const { data, response } = await gateway.client.chat.completions
      .create({ model: 'flaky', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    expect(response.headers.get('x-switchyard-provider')).toBe('sim-fireworks');
    expect(response.headers.get('x-switchyard-route')).toMatch(/tried=sim-broken\/gpt-5:upstream_/);
    expect(data.choices[0]!.message.content!.startsWith('[simulated] ')).toBe(true);
    const res = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'broken', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect([429, 500, 502, 503]).toContain(res.status);
    expect(res.headers.get('x-switchyard-simulated')).toBe('true');
    const body = (await res.json()) as { error: { message: string; type: string } };
    expect(body.error.message).toContain('(simulated)');
  });

  it('the Anthropic Messages and Responses doors are served by it too, marked simulated', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const messages = await post('/v1/messages', { model: 'deepseek-v3.2', max_tokens: 200, messages: [{ role: 'user', content: 'Summarize the meeting' }] });
    expect(messages.status).toBe(200);
    expect(messages.headers.get('x-switchyard-simulated')).toBe('true');
    const message = (await messages.json()) as { type: string; content: Array<{ type: string; text: string }>; usage: { output_tokens: number } };
    expect(message.type).toBe('message');
    expect(message.content[0]!.text).toMatch(/^\[simulated\] /);
    expect(message.usage.output_tokens).toBeGreaterThan(0);
    const responses = await post('/v1/responses', { model: 'deepseek-v3.2', input: 'Summarize the meeting' });
    expect(responses.status).toBe(200);
    expect(responses.headers.get('x-switchyard-simulated')).toBe('true');
    expect(JSON.stringify(await responses.json())).toContain('[simulated] ');
  });

  it('/v1/models describes it as the provider it stands for, marked simulated', async () => {
    const res = await fetch(`${gateway.url}/v1/models/deepseek-v3.2`);
    const model = (await res.json()) as Record<string, unknown>;
    expect(model).toMatchObject({ developer: 'DeepSeek', origin: 'CN', open_weights: true, pricing: { input: 0.28, output: 0.42 } });
    expect(model.deployments).toEqual([expect.objectContaining({ provider: 'sim-deepseek', jurisdiction: 'CN', simulated: true })]);
  });
});

describe('simulated provider: config', () => {
  const issuesOf = (yaml: string) => {
    try {
      parseConfigText(yaml, 'test.yaml', {});
    } catch (err) {
      if (err instanceof ConfigError) return err.issues.map((i) => `${i.path}: ${i.message}`);
      throw err;
    }
    return [];
  };

  it('needs simulates, naming a provider type of the catalog, and takes no base URL; the key is not kept', () => {
    expect(issuesOf('providers:\n  s: { type: simulated }\n')).toEqual([expect.stringMatching(/^providers\.s\.simulates: required for type 'simulated'/)]);
    expect(issuesOf('providers:\n  s: { type: simulated, simulates: acme }\n')).toEqual([expect.stringMatching(/^providers\.s\.simulates: 'acme' is not a provider type/)]);
    expect(issuesOf('providers:\n  s: { type: simulated, simulates: openai, base_url: "http://127.0.0.1:1/v1" }\n')).toEqual([
      expect.stringMatching(/^providers\.s\.base_url: a simulated provider answers in process/),
    ]);
    const config = parseConfigText('providers:\n  s: { type: simulated, simulates: openai, api_key: sk-unused-0000, error_rate: 0.1 }\n', 'test.yaml', {});
    expect(config.providers[0]).toMatchObject({ type: 'simulated', simulation: { simulates: 'openai', ttftMs: 500, tokensPerSecond: 60, errorRate: 0.1 } });
    expect(config.providers[0]!.apiKey).toBeUndefined();
  });

  it('other types may not set the simulation keys', () => {
    expect(issuesOf('providers:\n  d: { type: deepseek, api_key: k, ttft_ms: 5 }\n')).toEqual(["providers.d.ttft_ms: only a provider of type 'simulated' takes ttft_ms"]);
  });
});
