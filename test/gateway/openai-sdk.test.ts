import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../support/fake-upstream.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

/** The official openai SDK against a running gateway: chat, stream, tools, embeddings, models, errors. */
let upstream: FakeUpstream;
let gateway: TestGateway;

const completion = (message: Record<string, unknown>, finish = 'stop') => ({
  json: {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1700000000,
    model: 'qwen3-32b',
    choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finish }],
    usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 },
  },
});

const frame = (choices: unknown[], extra: Record<string, unknown> = {}) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices, ...extra })}\n\n`;

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  gateway = await startTestGateway({
    providers: { local: { type: 'vllm', base_url: `${upstream.url}/v1` } },
    models: {
      'qwen3-32b': { deployments: ['local/Qwen/Qwen3-32B'] },
      'qwen-vl': { deployments: ['local/Qwen/Qwen3-VL-8B-Instruct'] },
      embedder: { deployments: ['local/BAAI/bge-m3'] },
    },
  });
});

afterAll(async () => {
  await gateway.close(1000);
  await upstream.close();
});

describe('openai SDK', () => {
  it('chat', async () => {
    upstream.reply(completion({ content: 'Hi there' }));
    const res = await gateway.client.chat.completions.create({
      model: 'qwen3-32b',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello' },
      ],
      temperature: 0.2,
      max_tokens: 50,
      seed: 7,
      stop: ['\n\n'],
    });
    expect(res.choices[0]?.message.content).toBe('Hi there');
    expect(res.choices[0]?.finish_reason).toBe('stop');
    // a self-hosted model with no price set: its cost is unknown (null), never 0
    expect(res.usage).toEqual({ prompt_tokens: 11, completion_tokens: 7, total_tokens: 18, cost: null });
    expect(upstream.requests).toHaveLength(1);
    expect(res.object).toBe('chat.completion');
    const sent = upstream.lastRequest.json;
    expect(sent).toMatchObject({
      model: 'Qwen/Qwen3-32B',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello' },
      ],
      temperature: 0.2,
      max_tokens: 50,
      seed: 7,
      stop: ['\n\n'],
    });
    expect(sent.stream).toBeUndefined();
  });

  it('stream, with usage once on the final chunk', async () => {
    upstream.reply({
      sse: [
        frame([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]),
        frame([{ index: 0, delta: { content: 'One' }, finish_reason: null }]),
        frame([{ index: 0, delta: { content: ', two' }, finish_reason: null }]),
        frame([{ index: 0, delta: {}, finish_reason: 'stop' }]),
        frame([], { usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } }),
        'data: [DONE]\n\n',
      ],
    });
    const stream = await gateway.client.chat.completions.create({
      model: 'qwen3-32b',
      messages: [{ role: 'user', content: 'Count' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    const usages: unknown[] = [];
    const finishes: unknown[] = [];
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.choices[0]?.finish_reason) finishes.push(chunk.choices[0].finish_reason);
      if (chunk.usage) usages.push(chunk.usage);
    }
    expect(text).toBe('One, two');
    expect(finishes).toEqual(['stop']);
    expect(usages).toEqual([{ prompt_tokens: 5, completion_tokens: 2, total_tokens: 7, cost: null }]);
    expect(upstream.lastRequest.json.stream_options).toEqual({ include_usage: true });
  });

  it('a stream without include_usage sends no usage chunk', async () => {
    upstream.reply({
      sse: [
        frame([{ index: 0, delta: { content: 'x' }, finish_reason: 'stop' }]),
        frame([], { usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 } }),
        'data: [DONE]\n\n',
      ],
    });
    const stream = await gateway.client.chat.completions.create({
      model: 'qwen3-32b',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    });
    const chunks = [];
    for await (const c of stream) chunks.push(c);
    expect(chunks.some((c) => c.usage)).toBe(false);
    // the gateway still asked upstream for usage: it accounts for every request
    expect(upstream.lastRequest.json.stream_options).toEqual({ include_usage: true });
  });

  it('tools: the request carries them and parallel tool calls come back', async () => {
    upstream.reply(
      completion(
        {
          content: null,
          tool_calls: [
            { id: 'call_a', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
            { id: 'call_b', type: 'function', function: { name: 'weather', arguments: '{"city":"Rome"}' } },
          ],
        },
        'tool_calls',
      ),
    );
    const tools: OpenAI.ChatCompletionTool[] = [
      {
        type: 'function',
        function: { name: 'weather', description: 'Weather by city', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
      },
    ];
    const res = await gateway.client.chat.completions.create({
      model: 'qwen3-32b',
      messages: [{ role: 'user', content: 'Weather in Paris and Rome?' }],
      tools,
      tool_choice: 'auto',
    });
    const calls = res.choices[0]?.message.tool_calls ?? [];
    expect(res.choices[0]?.finish_reason).toBe('tool_calls');
    expect(calls.map((c) => (c.type === 'function' ? [c.id, c.function.name, JSON.parse(c.function.arguments)] : []))).toEqual([
      ['call_a', 'weather', { city: 'Paris' }],
      ['call_b', 'weather', { city: 'Rome' }],
    ]);
    expect(upstream.lastRequest.json.tools).toEqual(tools);
    expect(upstream.lastRequest.json.tool_choice).toBe('auto');
  });

  it('tools: a tool result round trip and streamed tool-call deltas', async () => {
    upstream.reply({
      sse: [
        frame([{ index: 0, delta: { role: 'assistant', tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '' } }] }, finish_reason: null }]),
        frame([{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"q":' } }] }, finish_reason: null }]),
        frame([{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '"x"}' } }] }, finish_reason: null }]),
        frame([{ index: 0, delta: {}, finish_reason: 'tool_calls' }]),
        'data: [DONE]\n\n',
      ],
    });
    const stream = await gateway.client.chat.completions.create({
      model: 'qwen3-32b',
      stream: true,
      messages: [
        { role: 'user', content: 'look it up' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_0', type: 'function', function: { name: 'lookup', arguments: '{"q":"a"}' } }] },
        { role: 'tool', tool_call_id: 'call_0', content: 'nothing found' },
      ],
      tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }],
    });
    const deltas: OpenAI.ChatCompletionChunk.Choice.Delta.ToolCall[] = [];
    for await (const c of stream) deltas.push(...(c.choices[0]?.delta.tool_calls ?? []));
    expect(deltas[0]).toMatchObject({ index: 0, id: 'call_1', type: 'function', function: { name: 'lookup' } });
    expect(deltas.map((d) => d.function?.arguments ?? '').join('')).toBe('{"q":"x"}');
    expect(upstream.lastRequest.json.messages.slice(1)).toEqual([
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_0', type: 'function', function: { name: 'lookup', arguments: '{"q":"a"}' } }] },
      { role: 'tool', tool_call_id: 'call_0', content: 'nothing found' },
    ]);
  });

  it('JSON output: response_format json_schema is forwarded', async () => {
    upstream.reply(completion({ content: '{"ok":true}' }));
    const format = {
      type: 'json_schema' as const,
      json_schema: { name: 'answer', schema: { type: 'object', properties: { ok: { type: 'boolean' } } }, strict: true },
    };
    const res = await gateway.client.chat.completions.create({ model: 'qwen3-32b', messages: [{ role: 'user', content: 'ok?' }], response_format: format });
    expect(JSON.parse(res.choices[0]?.message.content ?? '')).toEqual({ ok: true });
    expect(upstream.lastRequest.json.response_format).toEqual(format);
  });

  it('a model the catalog knows cannot see images is not sent them', async () => {
    const err = await gateway.client.chat.completions
      .create({
        model: 'qwen3-32b',
        messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }] }],
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as Error).message).toMatch(/capability:vision/);
  });

  it('images in user messages are forwarded', async () => {
    upstream.reply(completion({ content: 'a cat' }));
    await gateway.client.chat.completions.create({
      model: 'qwen-vl',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' } },
          ],
        },
      ],
    });
    expect(upstream.lastRequest.json.messages[0].content).toEqual([
      { type: 'text', text: 'What is this?' },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' } },
    ]);
  });

  it('embeddings', async () => {
    upstream.reply({
      json: {
        object: 'list',
        data: [
          { object: 'embedding', index: 1, embedding: [0.3, 0.4] },
          { object: 'embedding', index: 0, embedding: [0.1, 0.2] },
        ],
        model: 'bge-m3',
        usage: { prompt_tokens: 4, total_tokens: 4 },
      },
    });
    const res = await gateway.client.embeddings.create({ model: 'embedder', input: ['a', 'b'], encoding_format: 'float' });
    expect(res.data.map((d) => d.embedding)).toEqual([
      [0.1, 0.2],
      [0.3, 0.4],
    ]);
    expect(res.usage).toEqual({ prompt_tokens: 4, total_tokens: 4, cost: null });
    expect(upstream.lastRequest.url).toBe('/v1/embeddings');
    expect(upstream.lastRequest.json).toMatchObject({ model: 'BAAI/bge-m3', input: ['a', 'b'] });
  });

  it('models', async () => {
    const list = await gateway.client.models.list();
    expect(list.data.map((m) => m.id).sort()).toEqual(['embedder', 'qwen-vl', 'qwen3-32b']);
    const one = await gateway.client.models.retrieve('qwen3-32b');
    expect(one.owned_by).toBe('local');
  });

  it('errors arrive as typed SDK errors', async () => {
    await expect(gateway.client.chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'x' }] })).rejects.toBeInstanceOf(
      OpenAI.NotFoundError,
    );
    await expect(
      gateway.client.chat.completions.create({ model: 'qwen3-32b', messages: [] as OpenAI.ChatCompletionMessageParam[] }),
    ).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });
});
