/**
 * What the adapter sends upstream for each kind of canonical request, per profile. No recordings needed:
 * the answers are minimal hand-written bodies; the assertions are on the recorded request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../../src/spec/chat-request.js';
import { createOpenAICompatibleAdapter } from '../../../src/providers/openai-compatible/create-openai-compatible-adapter.js';
import { OPENAI_COMPATIBLE_PROFILES } from '../../../src/providers/openai-compatible/profiles.js';
import { createHttpClient } from '../../../src/providers/toolkit/create-http-client.js';
import { FakeUpstream } from '../../support/fake-upstream.js';
import { chat, stream, useAdapter } from './harness.js';

const OK = {
  id: 'r1',
  object: 'chat.completion',
  created: 1762000000,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
};
const OK_STREAM = {
  sse: ['data: {"id":"r1","model":"m","choices":[{"index":0,"delta":{"content":"ok"},"finish_reason":"stop"}]}\n\n', 'data: [DONE]\n\n'],
};

const CONVERSATION: ChatRequest['messages'] = [
  { role: 'system', content: 'You are terse.' },
  {
    role: 'user',
    name: 'ada',
    content: [
      { type: 'text', text: 'What is in these images?' },
      { type: 'image', url: 'https://example.com/cat.png', detail: 'low' },
      { type: 'image', url: 'data:image/png;base64,iVBORw0KGgo=' },
    ],
  },
  {
    role: 'assistant',
    content: null,
    reasoning: 'I should look them up.',
    toolCalls: [
      { id: 'call_1', name: 'lookup', arguments: '{"q":"cat"}' },
      { id: 'call_2', name: 'lookup', arguments: '{"q":"dog"}' },
    ],
  },
  { role: 'tool', toolCallId: 'call_1', content: '{"animal":"cat"}' },
  { role: 'tool', toolCallId: 'call_2', content: [{ type: 'text', text: '{"animal":' }, { type: 'text', text: '"dog"}' }] },
  { role: 'assistant', content: [{ type: 'text', text: 'A cat ' }, { type: 'text', text: 'and a dog.' }] },
  { role: 'user', content: [{ type: 'text', text: 'Thanks.' }] },
];

const CONVERSATION_WIRE = [
  { role: 'system', content: 'You are terse.' },
  {
    role: 'user',
    name: 'ada',
    content: [
      { type: 'text', text: 'What is in these images?' },
      { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'low' } },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
    ],
  },
  {
    role: 'assistant',
    content: null,
    tool_calls: [
      { id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"cat"}' } },
      { id: 'call_2', type: 'function', function: { name: 'lookup', arguments: '{"q":"dog"}' } },
    ],
  },
  { role: 'tool', tool_call_id: 'call_1', content: '{"animal":"cat"}' },
  // text-only part lists go out as plain strings: several vendors take only strings outside user messages
  { role: 'tool', tool_call_id: 'call_2', content: '{"animal":"dog"}' },
  { role: 'assistant', content: 'A cat and a dog.' },
  { role: 'user', content: 'Thanks.' },
];

const EVERY_PARAMETER: Partial<ChatRequest> = {
  tools: [
    {
      name: 'lookup',
      description: 'Look something up',
      parameters: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
      strict: true,
    },
    { name: 'ping' },
  ],
  toolChoice: 'required',
  parallelToolCalls: true,
  responseFormat: {
    type: 'json_schema',
    name: 'answer',
    description: 'The answer',
    schema: { type: 'object', properties: { a: { type: 'string' } } },
    strict: true,
  },
  temperature: 0.2,
  topP: 0.9,
  maxTokens: 256,
  stop: ['END'],
  seed: 7,
  frequencyPenalty: 0.1,
  presencePenalty: -0.1,
  logprobs: true,
  topLogprobs: 2,
  logitBias: { '50256': -100 },
  user: 'user-42',
  reasoningEffort: 'low',
};

const EVERY_PARAMETER_WIRE = {
  tools: [
    {
      type: 'function',
      function: {
        name: 'lookup',
        description: 'Look something up',
        parameters: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
        strict: true,
      },
    },
    { type: 'function', function: { name: 'ping' } },
  ],
  tool_choice: 'required',
  parallel_tool_calls: true,
  response_format: {
    type: 'json_schema',
    json_schema: {
      name: 'answer',
      description: 'The answer',
      schema: { type: 'object', properties: { a: { type: 'string' } } },
      strict: true,
    },
  },
  temperature: 0.2,
  top_p: 0.9,
  stop: ['END'],
  frequency_penalty: 0.1,
  presence_penalty: -0.1,
  logprobs: true,
  top_logprobs: 2,
  logit_bias: { '50256': -100 },
  user: 'user-42',
  reasoning_effort: 'low',
};

describe('request body, openai profile', () => {
  const rig = useAdapter('openai');

  it('a conversation with images, tool calls and tool results; every parameter; max_completion_tokens', async () => {
    rig.fake.reply({ json: OK });
    await chat(rig, { messages: CONVERSATION, ...EVERY_PARAMETER }, 'gpt-4.1');
    expect(rig.fake.lastRequest.json).toEqual({
      model: 'gpt-4.1',
      messages: CONVERSATION_WIRE,
      ...EVERY_PARAMETER_WIRE,
      max_completion_tokens: 256,
      seed: 7,
    });
  });

  it('tool_choice none / auto / a named function; json_object', async () => {
    for (const [choice, wire] of [
      ['none', 'none'],
      ['auto', 'auto'],
      [{ name: 'lookup' }, { type: 'function', function: { name: 'lookup' } }],
    ] as const) {
      rig.fake.reply({ json: OK });
      await chat(rig, { toolChoice: choice, responseFormat: { type: 'json_object' } });
      expect(rig.fake.lastRequest.json.tool_choice).toEqual(wire);
      expect(rig.fake.lastRequest.json.response_format).toEqual({ type: 'json_object' });
    }
  });

  it('streaming asks for usage, whatever the client asked', async () => {
    rig.fake.reply(OK_STREAM);
    await stream(rig, { includeUsage: false });
    expect(rig.fake.lastRequest.json).toEqual({
      model: 'upstream-model',
      messages: [{ role: 'user', content: 'Hello!' }],
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('a non-streaming request says nothing about streaming', async () => {
    rig.fake.reply({ json: OK });
    await chat(rig);
    expect(rig.fake.lastRequest.json).not.toHaveProperty('stream');
    expect(rig.fake.lastRequest.json).not.toHaveProperty('stream_options');
  });

  it('vendor extras are forwarded but cannot replace the model, the messages or the streaming fields', async () => {
    rig.fake.reply(OK_STREAM);
    await stream(rig, {
      extra: {
        top_k: 40,
        model: 'other-model',
        messages: [],
        stream: false,
        stream_options: { include_usage: false },
        max_completion_tokens: 9,
      },
      maxTokens: 100,
    });
    expect(rig.fake.lastRequest.json).toEqual({
      model: 'upstream-model',
      messages: [{ role: 'user', content: 'Hello!' }],
      top_k: 40,
      max_completion_tokens: 100,
      stream: true,
      stream_options: { include_usage: true },
    });
  });
});

describe('request body, mistral profile', () => {
  const rig = useAdapter('mistral');

  it('seed is random_seed, max_tokens keeps its name, no stream_options', async () => {
    rig.fake.reply(OK_STREAM);
    await stream(rig, { messages: CONVERSATION, ...EVERY_PARAMETER }, 'mistral-small-latest');
    expect(rig.fake.lastRequest.json).toEqual({
      model: 'mistral-small-latest',
      messages: CONVERSATION_WIRE,
      ...EVERY_PARAMETER_WIRE,
      max_tokens: 256,
      random_seed: 7,
      stream: true,
    });
  });
});

describe('request body, other profiles', () => {
  for (const name of ['deepseek', 'qwen', 'groq', 'xai', 'moonshot', 'zai', 'minimax', 'together', 'fireworks', 'openrouter']) {
    describe(name, () => {
      const rig = useAdapter(name);
      it('max_tokens, seed, stream_options', async () => {
        rig.fake.reply(OK_STREAM);
        await stream(rig, { maxTokens: 64, seed: 1 });
        expect(rig.fake.lastRequest.url).toBe('/v1/chat/completions');
        expect(rig.fake.lastRequest.json).toEqual({
          model: 'upstream-model',
          messages: [{ role: 'user', content: 'Hello!' }],
          max_tokens: 64,
          seed: 1,
          stream: true,
          stream_options: { include_usage: true },
        });
      });
    });
  }
});

describe('headers and URL', () => {
  let fake: FakeUpstream;
  const http = createHttpClient('local');
  beforeAll(async () => {
    fake = await FakeUpstream.start();
  });
  afterAll(async () => {
    await http.close();
    await fake.close();
  });

  it('without a key no authorization header is sent; configured headers are; a trailing slash is dropped', async () => {
    const adapter = createOpenAICompatibleAdapter({
      providerId: 'local',
      profile: OPENAI_COMPATIBLE_PROFILES.vllm!,
      baseUrl: `${fake.url}/v1/`,
      headers: { 'x-team': 'blue' },
      http,
    });
    fake.reply({ json: OK });
    await adapter.chat({
      request: { model: 'm', messages: [{ role: 'user', content: 'Hi' }], stream: false, includeUsage: false },
      model: 'Qwen/Qwen3-8B',
      signal: new AbortController().signal,
    });
    expect(fake.lastRequest.url).toBe('/v1/chat/completions');
    expect(fake.lastRequest.headers.authorization).toBeUndefined();
    expect(fake.lastRequest.headers['x-team']).toBe('blue');
    expect(adapter.kind).toBe('openai-compatible/vllm');
  });

  it('unsupported parameters come from the profile', () => {
    const adapter = createOpenAICompatibleAdapter({
      providerId: 'ds',
      profile: OPENAI_COMPATIBLE_PROFILES.deepseek!,
      baseUrl: fake.url,
      headers: {},
      http,
    });
    expect([...adapter.unsupportedParams].sort()).toEqual(['logitBias', 'seed']);
  });
});
