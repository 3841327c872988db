import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src/spec/gateway-error.js';
import type { Message } from '../../../src/spec/chat-request.js';
import { JSON_OBJECT_INSTRUCTION } from '../../../src/providers/anthropic/convert-to-anthropic-request.js';
import { readOwnFixture } from '../../support/shared-fixtures.js';
import { API_KEY, call, chatRequest, collect, sse, startHarness, type Harness } from './anthropic-test-kit.js';

/** What the adapter sends upstream, read off the fake Anthropic's recorded request. */
describe('anthropic request body', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ 'Anthropic-Beta': 'example-beta-2025-01-01' });
  });
  afterAll(async () => {
    await h.close();
  });

  async function sent(overrides: Parameters<typeof chatRequest>[0]) {
    h.upstream.reply({ json: JSON.parse(readOwnFixture('anthropic/text-cached.json')) });
    await h.adapter.chat(call(chatRequest(overrides)));
    return h.upstream.lastRequest;
  }

  it('posts to {baseUrl}/messages with the key, the version and the configured headers', async () => {
    const req = await sent({});
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/v1/messages');
    expect(req.headers['x-api-key']).toBe(API_KEY);
    expect(req.headers['anthropic-version']).toBe('2023-06-01');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['anthropic-beta']).toBe('example-beta-2025-01-01');
    expect(req.headers.authorization).toBeUndefined();
    expect(req.json).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 4096,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
    });
  });

  it('sends every system message, in order, as the top-level system prompt', async () => {
    const one = await sent({ messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }] });
    expect(one.json.system).toBe('Be brief.');
    const many = await sent({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'system', content: [{ type: 'text', text: 'Answer in French.' }] },
      ],
    });
    expect(many.json.system).toEqual([
      { type: 'text', text: 'Be brief.' },
      { type: 'text', text: 'Answer in French.' },
    ]);
    expect(many.json.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]);
  });

  it('turns tool calls into tool_use blocks and merges tool results into one user turn', async () => {
    const messages: Message[] = [
      { role: 'user', content: 'Weather and time in Lyon?' },
      {
        role: 'assistant',
        content: 'Checking.',
        reasoning: 'not sent back',
        toolCalls: [
          { id: 'toolu_a', name: 'get_weather', arguments: '{"city":"Lyon"}' },
          { id: 'toolu_b', name: 'current_time', arguments: '' },
        ],
      },
      { role: 'tool', toolCallId: 'toolu_a', content: '18°C' },
      { role: 'tool', toolCallId: 'toolu_b', content: [{ type: 'text', text: '14:05' }] },
      { role: 'user', content: 'Thanks. And tomorrow?' },
      { role: 'user', content: 'Keep it short.' },
    ];
    const req = await sent({ messages });
    expect(req.json.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather and time in Lyon?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 'toolu_a', name: 'get_weather', input: { city: 'Lyon' } },
          { type: 'tool_use', id: 'toolu_b', name: 'current_time', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_a', content: '18°C' },
          { type: 'tool_result', tool_use_id: 'toolu_b', content: [{ type: 'text', text: '14:05' }] },
          { type: 'text', text: 'Thanks. And tomorrow?' },
          { type: 'text', text: 'Keep it short.' },
        ],
      },
    ]);
  });

  it('refuses tool-call arguments that are not a JSON object, naming the field, before calling upstream', async () => {
    h.upstream.reply({ status: 500, json: {} });
    for (const args of ['{"city":', '[1,2]']) {
      const messages: Message[] = [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: null, toolCalls: [{ id: 't1', name: 'f', arguments: args }] },
      ];
      const err = await h.adapter.chat(call(chatRequest({ messages }))).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(GatewayError);
      expect((err as GatewayError).code).toBe('invalid_request');
      expect((err as GatewayError).param).toBe('messages[1].tool_calls[0].function.arguments');
    }
    expect(h.upstream.requests).toHaveLength(0);
  });

  it('sends data: images as base64 sources and https images as url sources', async () => {
    const req = await sent({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare these.' },
            { type: 'image', url: 'data:image/png;base64,iVBORw0KGgo=' },
            { type: 'image', url: 'https://example.org/cat.jpg', detail: 'high' },
          ],
        },
      ],
    });
    expect(req.json.messages[0].content).toEqual([
      { type: 'text', text: 'Compare these.' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
      { type: 'image', source: { type: 'url', url: 'https://example.org/cat.jpg' } },
    ]);
    const err = await h.adapter
      .chat(call(chatRequest({ messages: [{ role: 'user', content: [{ type: 'image', url: 'ftp://x/y.png' }] }] })))
      .catch((e: unknown) => e);
    expect((err as GatewayError).code).toBe('invalid_request');
    expect((err as GatewayError).param).toBe('messages[0].content[0].image_url');
  });

  it('converts tools, tool choice and parallel tool calls', async () => {
    const tools = [
      { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: true },
      { name: 'current_time' },
    ];
    const req = await sent({ tools, toolChoice: 'required', parallelToolCalls: false });
    expect(req.json.tools).toEqual([
      { name: 'get_weather', description: 'Weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } }, strict: true },
      { name: 'current_time', input_schema: { type: 'object' } },
    ]);
    expect(req.json.tool_choice).toEqual({ type: 'any', disable_parallel_tool_use: true });
    expect((await sent({ tools, toolChoice: 'auto' })).json.tool_choice).toEqual({ type: 'auto' });
    expect((await sent({ tools, toolChoice: 'none', parallelToolCalls: false })).json.tool_choice).toEqual({ type: 'none' });
    expect((await sent({ tools, toolChoice: { name: 'current_time' } })).json.tool_choice).toEqual({ type: 'tool', name: 'current_time' });
    expect((await sent({ tools, parallelToolCalls: false })).json.tool_choice).toEqual({ type: 'auto', disable_parallel_tool_use: true });
    expect((await sent({ tools })).json.tool_choice).toBeUndefined();
    const noTools = await sent({ tools: [], toolChoice: 'auto' });
    expect(noTools.json.tools).toBeUndefined();
    expect(noTools.json.tool_choice).toBeUndefined();
  });

  it('maps sampling parameters, stop sequences, user and max_tokens', async () => {
    const req = await sent({ maxTokens: 300, temperature: 0.2, topP: 0.9, stop: ['END', '###'], user: 'user-42' });
    expect(req.json).toMatchObject({
      max_tokens: 300,
      temperature: 0.2,
      top_p: 0.9,
      stop_sequences: ['END', '###'],
      metadata: { user_id: 'user-42' },
    });
    expect((await sent({ stop: [] })).json.stop_sequences).toBeUndefined();
  });

  it('sends a JSON schema as native structured output and asks for JSON in the system prompt for json_object', async () => {
    const schema = { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'], additionalProperties: false };
    const native = await sent({ responseFormat: { type: 'json_schema', name: 'count', schema, strict: true } });
    expect(native.json.output_config).toEqual({ format: { type: 'json_schema', schema } });
    expect(native.json.system).toBeUndefined();
    const jsonMode = await sent({
      messages: [{ role: 'system', content: 'Reply in JSON.' }, { role: 'user', content: 'Count to 3.' }],
      responseFormat: { type: 'json_object' },
    });
    expect(jsonMode.json.output_config).toBeUndefined();
    expect(jsonMode.json.system).toEqual([
      { type: 'text', text: 'Reply in JSON.' },
      { type: 'text', text: JSON_OBJECT_INSTRUCTION },
    ]);
    expect((await sent({ responseFormat: { type: 'text' } })).json.system).toBeUndefined();
  });

  it('maps reasoning effort to an extended-thinking budget that fits max_tokens', async () => {
    const dflt = await sent({ reasoningEffort: 'medium' });
    expect(dflt.json.thinking).toEqual({ type: 'enabled', budget_tokens: 8192 });
    expect(dflt.json.max_tokens).toBe(4096 + 8192);
    const capped = await sent({ reasoningEffort: 'high', maxTokens: 6000 });
    expect(capped.json.thinking).toEqual({ type: 'enabled', budget_tokens: 3000 });
    expect(capped.json.max_tokens).toBe(6000);
    const off = await sent({ reasoningEffort: 'none' });
    expect(off.json.thinking).toBeUndefined();
    expect(off.json.max_tokens).toBe(4096);
    for (const [effort, maxTokens, param] of [['extreme', undefined, 'reasoning_effort'], ['low', 1500, 'max_tokens']] as const) {
      const err = await h.adapter.chat(call(chatRequest({ reasoningEffort: effort, maxTokens }))).catch((e: unknown) => e);
      expect((err as GatewayError).code).toBe('invalid_request');
      expect((err as GatewayError).param).toBe(param);
    }
  });

  it('asks for a stream when streaming', async () => {
    h.upstream.reply({ sse: sse(readOwnFixture('anthropic/text-cached.chunks.txt')) });
    await collect(await h.adapter.streamChat(call(chatRequest({ stream: true }))));
    expect(h.upstream.lastRequest.json.stream).toBe(true);
    expect(h.upstream.lastRequest.json.max_tokens).toBe(4096);
  });

  it('lists the models the key can use', async () => {
    h.upstream.reply({ json: { data: [{ type: 'model', id: 'claude-sonnet-4-5' }, { type: 'model', id: 'claude-haiku-4-5' }, {}], has_more: false } });
    expect(await h.adapter.listModels!(new AbortController().signal)).toEqual(['claude-sonnet-4-5', 'claude-haiku-4-5']);
    expect(h.upstream.lastRequest.method).toBe('GET');
    expect(h.upstream.lastRequest.url).toBe('/v1/models?limit=1000');
    expect(h.upstream.lastRequest.headers['x-api-key']).toBe(API_KEY);
  });

  it('declares the parameters Anthropic cannot take', () => {
    expect(h.adapter.kind).toBe('anthropic');
    expect(h.adapter.providerId).toBe('claude');
    expect([...h.adapter.unsupportedParams].sort()).toEqual(
      ['extra', 'frequencyPenalty', 'logitBias', 'logprobs', 'presencePenalty', 'seed', 'topLogprobs'].sort(),
    );
  });
});
