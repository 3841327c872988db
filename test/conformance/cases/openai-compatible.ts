import { expect } from 'vitest';
import type { RecordedRequest } from '../../support/fake-upstream.js';
import { readCassette } from '../../support/read-cassette.js';
import { readSharedFixture } from '../../support/shared-fixtures.js';
import type { ConformanceCase } from '../conformance-case.js';

/**
 * OpenAI-compatible recordings (one adapter, vendor profiles) replayed through the gateway, plus our own
 * fixtures for quirks no recording shows. Expected values are what an OpenAI client must receive: reasoning
 * as `reasoning_content`, `completion_tokens` including reasoning tokens (xAI reports them outside its
 * completion_tokens; the gateway adds them back), counts a vendor did not report absent.
 *
 * Long texts are read from the recording when the case runs (joined deltas for streams), never produced by
 * the adapter's own code.
 */

const VERCEL = 'vercel-ai/packages';
const OPENAI = `${VERCEL}/openai/src/chat/__fixtures__`;
const DEEPSEEK = `${VERCEL}/deepseek/src/chat/__fixtures__`;
const ALIBABA = `${VERCEL}/alibaba/src/__fixtures__`;
const GROQ = `${VERCEL}/groq/src/__fixtures__`;
const MISTRAL = `${VERCEL}/mistral/src/__fixtures__`;
const XAI = `${VERCEL}/xai/src/__fixtures__`;
const XAI_COMPAT = `${VERCEL}/openai-compatible/src/chat/__fixtures__`;
const OWN = 'openai-compatible';

const CHAT_PATH = /\/chat\/completions$/;

/** A recorded non-streaming answer's message field. */
function recordedMessage(path: string, field: 'content' | 'reasoning_content' | 'reasoning'): string {
  return JSON.parse(readSharedFixture(path)).choices[0].message[field];
}

/** A recorded stream's deltas of one field, joined. */
function recordedDeltas(path: string, field: 'content' | 'reasoning_content' | 'reasoning'): string {
  let out = '';
  for (const line of readSharedFixture(path).split('\n')) {
    if (line.trim() === '') continue;
    const value = JSON.parse(line).choices?.[0]?.delta?.[field];
    if (typeof value === 'string') out += value;
  }
  return out;
}

/** The upstream request is a chat-completions call for this model, streaming or not, asking for usage or not. */
function sentChat(model: string, stream: boolean, usageOption = stream) {
  return (req: RecordedRequest): void => {
    expect(req.method).toBe('POST');
    expect(req.headers.authorization).toMatch(/^Bearer /);
    expect(req.json.model).toBe(model);
    expect(req.json.stream === true).toBe(stream);
    if (usageOption) expect(req.json.stream_options).toEqual({ include_usage: true });
    else expect(req.json).not.toHaveProperty('stream_options');
  };
}

function both(...checks: Array<(req: RecordedRequest) => void>) {
  return (req: RecordedRequest): void => {
    for (const check of checks) check(req);
  };
}

const WEATHER_TOOL = {
  type: 'function',
  function: {
    name: 'weather',
    description: 'Get the weather in a location',
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  },
};
const withWeatherTool = { messages: [{ role: 'user', content: 'What is the weather in San Francisco?' }], tools: [WEATHER_TOOL] };
const sentWeatherTool = (req: RecordedRequest): void => {
  expect(req.json.tools).toEqual([WEATHER_TOOL]);
};
const SF = { name: 'weather', arguments: { location: 'San Francisco' } };

const openai: ConformanceCase[] = [
  {
    name: 'openai: text (max_tokens goes out as max_completion_tokens)',
    providerType: 'openai',
    upstreamModel: 'gpt-4.1-nano',
    stream: false,
    source: { shared: `${OPENAI}/openai-text.json` },
    replay: 'json',
    request: { max_tokens: 500 },
    expect: {
      get text() {
        return recordedMessage(`${OPENAI}/openai-text.json`, 'content');
      },
      finishReason: 'stop',
      usage: { prompt_tokens: 16, completion_tokens: 363, cached_tokens: 0, reasoning_tokens: 0 },
    },
    expectPath: '/v1/chat/completions',
    expectUpstream: both(sentChat('gpt-4.1-nano', false), (req) => {
      expect(req.json.max_completion_tokens).toBe(500);
      expect(req.json).not.toHaveProperty('max_tokens');
    }),
  },
  {
    name: 'openai: text, streamed',
    providerType: 'openai',
    upstreamModel: 'gpt-4.1-nano',
    stream: true,
    source: { shared: `${OPENAI}/openai-text.chunks.txt` },
    replay: 'sse-done',
    expect: {
      get text() {
        return recordedDeltas(`${OPENAI}/openai-text.chunks.txt`, 'content');
      },
      finishReason: 'stop',
      usage: { prompt_tokens: 16, completion_tokens: 300, cached_tokens: 0, reasoning_tokens: 0 },
    },
    expectPath: '/v1/chat/completions',
    expectUpstream: sentChat('gpt-4.1-nano', true),
  },
  {
    name: 'openai: Azure model router, streamed (an id-less prompt-filter chunk first)',
    providerType: 'openai',
    upstreamModel: 'model-router',
    stream: true,
    source: { shared: `${OPENAI}/azure-model-router.1.chunks.txt` },
    replay: 'sse-done',
    expect: {
      text: 'Capital of Denmark.',
      finishReason: 'stop',
      usage: { prompt_tokens: 15, completion_tokens: 78, cached_tokens: 0, reasoning_tokens: 64 },
    },
    expectPath: CHAT_PATH,
  },
];

const deepseek: ConformanceCase[] = [
  {
    name: 'deepseek: text, cut for length',
    providerType: 'deepseek',
    upstreamModel: 'deepseek-chat',
    stream: false,
    source: { shared: `${DEEPSEEK}/deepseek-text.json` },
    replay: 'json',
    request: { max_tokens: 300 },
    expect: {
      get text() {
        return recordedMessage(`${DEEPSEEK}/deepseek-text.json`, 'content');
      },
      finishReason: 'length',
      usage: { prompt_tokens: 13, completion_tokens: 300, cached_tokens: 0 },
    },
    expectPath: CHAT_PATH,
    expectUpstream: both(sentChat('deepseek-chat', false), (req) => expect(req.json.max_tokens).toBe(300)),
  },
  {
    name: 'deepseek: text, streamed, cut for length',
    providerType: 'deepseek',
    upstreamModel: 'deepseek-chat',
    stream: true,
    source: { shared: `${DEEPSEEK}/deepseek-text.chunks.txt` },
    replay: 'sse-done',
    expect: {
      get text() {
        return recordedDeltas(`${DEEPSEEK}/deepseek-text.chunks.txt`, 'content');
      },
      finishReason: 'length',
      usage: { prompt_tokens: 13, completion_tokens: 400, cached_tokens: 0 },
    },
    expectPath: CHAT_PATH,
    expectUpstream: sentChat('deepseek-chat', true),
  },
  {
    name: 'deepseek: reasoning',
    providerType: 'deepseek',
    upstreamModel: 'deepseek-reasoner',
    stream: false,
    source: { shared: `${DEEPSEEK}/deepseek-reasoning.json` },
    replay: 'json',
    expect: {
      text: 'The word "strawberry" contains three instances of the letter "r": one after the "t" and two before the "y".',
      get reasoning() {
        return recordedMessage(`${DEEPSEEK}/deepseek-reasoning.json`, 'reasoning_content');
      },
      finishReason: 'stop',
      usage: { prompt_tokens: 18, completion_tokens: 345, cached_tokens: 0, reasoning_tokens: 315 },
    },
    expectPath: CHAT_PATH,
  },
  {
    name: 'deepseek: reasoning, streamed',
    providerType: 'deepseek',
    upstreamModel: 'deepseek-reasoner',
    stream: true,
    source: { shared: `${DEEPSEEK}/deepseek-reasoning.chunks.txt` },
    replay: 'sse-done',
    expect: {
      get text() {
        return recordedDeltas(`${DEEPSEEK}/deepseek-reasoning.chunks.txt`, 'content');
      },
      get reasoning() {
        return recordedDeltas(`${DEEPSEEK}/deepseek-reasoning.chunks.txt`, 'reasoning_content');
      },
      finishReason: 'stop',
      usage: { prompt_tokens: 18, completion_tokens: 219, cached_tokens: 0, reasoning_tokens: 205 },
    },
    expectPath: CHAT_PATH,
  },
  {
    name: 'deepseek: tool call',
    providerType: 'deepseek',
    upstreamModel: 'deepseek-reasoner',
    stream: false,
    source: { shared: `${DEEPSEEK}/deepseek-tool-call.json` },
    replay: 'json',
    request: { ...withWeatherTool, tool_choice: 'auto' },
    expect: {
      text: null,
      reasoning:
        'The user is asking for the weather in San Francisco. I have a weather tool available that can get weather information for a location. I should use this tool with the location parameter set to "San Francisco". Let me call the weather function.',
      toolCalls: [SF],
      finishReason: 'tool_calls',
      usage: { prompt_tokens: 339, completion_tokens: 92, cached_tokens: 320, reasoning_tokens: 48 },
    },
    expectPath: CHAT_PATH,
    expectUpstream: both(sentChat('deepseek-reasoner', false), sentWeatherTool, (req) =>
      expect(req.json.tool_choice).toBe('auto'),
    ),
  },
  {
    name: 'deepseek: tool call, streamed',
    providerType: 'deepseek',
    upstreamModel: 'deepseek-reasoner',
    stream: true,
    source: { shared: `${DEEPSEEK}/deepseek-tool-call.chunks.txt` },
    replay: 'sse-done',
    request: withWeatherTool,
    expect: {
      text: null,
      get reasoning() {
        return recordedDeltas(`${DEEPSEEK}/deepseek-tool-call.chunks.txt`, 'reasoning_content');
      },
      toolCalls: [SF],
      finishReason: 'tool_calls',
      usage: { prompt_tokens: 339, completion_tokens: 83, cached_tokens: 320, reasoning_tokens: 39 },
    },
    expectPath: CHAT_PATH,
    expectUpstream: both(sentChat('deepseek-reasoner', true), sentWeatherTool),
  },
  {
    name: 'deepseek: JSON answer after a tool result',
    providerType: 'deepseek',
    upstreamModel: 'deepseek-reasoner',
    stream: false,
    source: { shared: `${DEEPSEEK}/deepseek-json.json` },
    replay: 'json',
    request: {
      messages: [
        { role: 'user', content: 'What is the weather in San Francisco? Reply with JSON object ONLY.' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_0', type: 'function', function: { name: 'weather', arguments: '{"location":"San Francisco"}' } }],
        },
        { role: 'tool', tool_call_id: 'call_0', content: '{"location":"San Francisco","condition":"cloudy","temperature":7}' },
      ],
      tools: [WEATHER_TOOL],
      response_format: { type: 'json_object' },
    },
    expect: {
      text: '{\n  "location": "San Francisco",\n  "condition": "cloudy",\n  "temperature": 7\n}',
      finishReason: 'stop',
      usage: { prompt_tokens: 495, completion_tokens: 144, cached_tokens: 320, reasoning_tokens: 118 },
    },
    expectPath: CHAT_PATH,
    expectUpstream: (req) => {
      expect(req.json.response_format).toEqual({ type: 'json_object' });
      expect(req.json.messages).toEqual([
        { role: 'user', content: 'What is the weather in San Francisco? Reply with JSON object ONLY.' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_0', type: 'function', function: { name: 'weather', arguments: '{"location":"San Francisco"}' } }],
        },
        { role: 'tool', tool_call_id: 'call_0', content: '{"location":"San Francisco","condition":"cloudy","temperature":7}' },
      ]);
    },
  },
];

const QWEN_PATH = '/compatible-mode/v1/chat/completions';
const qwen: ConformanceCase[] = [
  {
    name: 'qwen: text',
    providerType: 'qwen',
    upstreamModel: 'qwen3-max',
    stream: false,
    source: { shared: `${ALIBABA}/alibaba-text.json` },
    replay: 'json',
    expect: {
      get text() {
        return recordedMessage(`${ALIBABA}/alibaba-text.json`, 'content');
      },
      finishReason: 'stop',
      usage: { prompt_tokens: 18, completion_tokens: 1064, cached_tokens: 0 },
    },
    expectPath: QWEN_PATH,
    expectUpstream: sentChat('qwen3-max', false),
  },
  {
    name: 'qwen: text, streamed',
    providerType: 'qwen',
    upstreamModel: 'qwen3-max',
    stream: true,
    source: { shared: `${ALIBABA}/alibaba-text.chunks.txt` },
    replay: 'sse-done',
    expect: {
      get text() {
        return recordedDeltas(`${ALIBABA}/alibaba-text.chunks.txt`, 'content');
      },
      finishReason: 'stop',
      usage: { prompt_tokens: 18, completion_tokens: 779, cached_tokens: 0 },
    },
    expectPath: QWEN_PATH,
    expectUpstream: sentChat('qwen3-max', true),
  },
  {
    name: 'qwen: reasoning',
    providerType: 'qwen',
    upstreamModel: 'qwen3-max',
    stream: false,
    source: { shared: `${ALIBABA}/alibaba-reasoning.json` },
    replay: 'json',
    expect: {
      get text() {
        return recordedMessage(`${ALIBABA}/alibaba-reasoning.json`, 'content');
      },
      get reasoning() {
        return recordedMessage(`${ALIBABA}/alibaba-reasoning.json`, 'reasoning_content');
      },
      finishReason: 'stop',
      usage: { prompt_tokens: 24, completion_tokens: 1668, cached_tokens: 0, reasoning_tokens: 1353 },
    },
    expectPath: QWEN_PATH,
  },
  {
    name: 'qwen: reasoning, streamed (enable_thinking forwarded)',
    providerType: 'qwen',
    upstreamModel: 'qwen3-max',
    stream: true,
    source: { shared: `${ALIBABA}/alibaba-reasoning.chunks.txt` },
    replay: 'sse-done',
    request: { enable_thinking: true },
    expect: {
      get text() {
        return recordedDeltas(`${ALIBABA}/alibaba-reasoning.chunks.txt`, 'content');
      },
      get reasoning() {
        return recordedDeltas(`${ALIBABA}/alibaba-reasoning.chunks.txt`, 'reasoning_content');
      },
      finishReason: 'stop',
      usage: { prompt_tokens: 24, completion_tokens: 1355, cached_tokens: 0, reasoning_tokens: 1084 },
    },
    expectPath: QWEN_PATH,
    expectUpstream: both(sentChat('qwen3-max', true), (req) => expect(req.json.enable_thinking).toBe(true)),
  },
  {
    name: 'qwen: tool call',
    providerType: 'qwen',
    upstreamModel: 'qwen3-max',
    stream: false,
    source: { shared: `${ALIBABA}/alibaba-tool-call.json` },
    replay: 'json',
    request: withWeatherTool,
    expect: {
      text: null,
      toolCalls: [SF],
      finishReason: 'tool_calls',
      usage: { prompt_tokens: 295, completion_tokens: 22, cached_tokens: 0 },
    },
    expectPath: QWEN_PATH,
    expectUpstream: sentWeatherTool,
  },
  {
    name: 'qwen: tool call, streamed (trailing empty tool-call delta)',
    providerType: 'qwen',
    upstreamModel: 'qwen3-max',
    stream: true,
    source: { shared: `${ALIBABA}/alibaba-tool-call.chunks.txt` },
    replay: 'sse-done',
    request: withWeatherTool,
    expect: {
      text: null,
      toolCalls: [SF],
      finishReason: 'tool_calls',
      usage: { prompt_tokens: 295, completion_tokens: 22, cached_tokens: 0 },
    },
    expectPath: QWEN_PATH,
    expectUpstream: sentWeatherTool,
  },
];

const GROQ_PATH = '/openai/v1/chat/completions';
const groq: ConformanceCase[] = [
  {
    name: 'groq: text',
    providerType: 'groq',
    upstreamModel: 'llama-3.3-70b-versatile',
    stream: false,
    source: { shared: `${GROQ}/groq-text.json` },
    replay: 'json',
    expect: {
      get text() {
        return recordedMessage(`${GROQ}/groq-text.json`, 'content');
      },
      finishReason: 'stop',
      usage: { prompt_tokens: 45, completion_tokens: 607 },
    },
    expectPath: GROQ_PATH,
  },
  {
    name: 'groq: text, streamed',
    providerType: 'groq',
    upstreamModel: 'llama-3.3-70b-versatile',
    stream: true,
    source: { shared: `${GROQ}/groq-text.chunks.txt` },
    replay: 'sse-done',
    expect: {
      get text() {
        return recordedDeltas(`${GROQ}/groq-text.chunks.txt`, 'content');
      },
      finishReason: 'stop',
      usage: { prompt_tokens: 45, completion_tokens: 662 },
    },
    expectPath: GROQ_PATH,
    expectUpstream: sentChat('llama-3.3-70b-versatile', true),
  },
  {
    name: 'groq: reasoning (the `reasoning` field)',
    providerType: 'groq',
    upstreamModel: 'qwen/qwen3-32b',
    stream: false,
    source: { shared: `${GROQ}/groq-reasoning.json` },
    replay: 'json',
    expect: {
      get text() {
        return recordedMessage(`${GROQ}/groq-reasoning.json`, 'content');
      },
      get reasoning() {
        return recordedMessage(`${GROQ}/groq-reasoning.json`, 'reasoning');
      },
      finishReason: 'stop',
      usage: { prompt_tokens: 17, completion_tokens: 649, reasoning_tokens: 570 },
    },
    expectPath: GROQ_PATH,
  },
  {
    name: 'groq: reasoning, streamed (the `reasoning` field)',
    providerType: 'groq',
    upstreamModel: 'qwen/qwen3-32b',
    stream: true,
    source: { shared: `${GROQ}/groq-reasoning.chunks.txt` },
    replay: 'sse-done',
    expect: {
      get text() {
        return recordedDeltas(`${GROQ}/groq-reasoning.chunks.txt`, 'content');
      },
      get reasoning() {
        return recordedDeltas(`${GROQ}/groq-reasoning.chunks.txt`, 'reasoning');
      },
      finishReason: 'stop',
      usage: { prompt_tokens: 17, completion_tokens: 1107, reasoning_tokens: 963 },
    },
    expectPath: GROQ_PATH,
  },
  {
    name: 'groq: tool call',
    providerType: 'groq',
    upstreamModel: 'llama-3.3-70b-versatile',
    stream: false,
    source: { shared: `${GROQ}/groq-tool-call.json` },
    replay: 'json',
    request: withWeatherTool,
    expect: {
      text: null,
      toolCalls: [{ name: 'weather', arguments: {} }],
      finishReason: 'tool_calls',
      usage: { prompt_tokens: 218, completion_tokens: 15 },
    },
    expectPath: GROQ_PATH,
    expectUpstream: sentWeatherTool,
  },
  {
    name: 'groq: tool call, streamed',
    providerType: 'groq',
    upstreamModel: 'llama-3.3-70b-versatile',
    stream: true,
    source: { shared: `${GROQ}/groq-tool-call.chunks.txt` },
    replay: 'sse-done',
    request: withWeatherTool,
    expect: {
      text: null,
      toolCalls: [{ name: 'weather', arguments: {} }],
      finishReason: 'tool_calls',
      usage: { prompt_tokens: 210, completion_tokens: 15 },
    },
    expectPath: GROQ_PATH,
    expectUpstream: sentWeatherTool,
  },
];

const sentRandomSeed = (req: RecordedRequest): void => {
  expect(req.json.random_seed).toBe(42);
  expect(req.json).not.toHaveProperty('seed');
};
const mistral: ConformanceCase[] = [
  {
    name: 'mistral: text (seed goes out as random_seed)',
    providerType: 'mistral',
    upstreamModel: 'mistral-small-latest',
    stream: false,
    source: { shared: `${MISTRAL}/mistral-text.json` },
    replay: 'json',
    request: { seed: 42 },
    expect: {
      get text() {
        return recordedMessage(`${MISTRAL}/mistral-text.json`, 'content');
      },
      finishReason: 'stop',
      usage: { prompt_tokens: 13, completion_tokens: 434 },
    },
    expectPath: CHAT_PATH,
    expectUpstream: both(sentChat('mistral-small-latest', false), sentRandomSeed),
  },
  {
    name: 'mistral: text, streamed (no stream_options sent; usage comes anyway)',
    providerType: 'mistral',
    upstreamModel: 'mistral-small-latest',
    stream: true,
    source: { shared: `${MISTRAL}/mistral-text.chunks.txt` },
    replay: 'sse-done',
    request: { seed: 42 },
    expect: {
      text: 'Hello, world! This is a test response.',
      finishReason: 'stop',
      usage: { prompt_tokens: 13, completion_tokens: 8 },
    },
    expectPath: CHAT_PATH,
    expectUpstream: both(sentChat('mistral-small-latest', true, false), sentRandomSeed),
  },
  {
    name: 'mistral: reasoning as thinking parts',
    providerType: 'mistral',
    upstreamModel: 'magistral-medium-2507',
    stream: false,
    source: { shared: `${MISTRAL}/mistral-reasoning.json` },
    replay: 'json',
    expect: {
      text: '2 + 2 = 4',
      reasoning: 'The user is asking for 2+2. This is basic arithmetic. 2+2=4.',
      finishReason: 'stop',
      usage: { prompt_tokens: 10, completion_tokens: 46 },
    },
    expectPath: CHAT_PATH,
  },
  {
    name: 'mistral: reasoning as thinking parts, streamed',
    providerType: 'mistral',
    upstreamModel: 'magistral-medium-2507',
    stream: true,
    source: { shared: `${MISTRAL}/mistral-reasoning.chunks.txt` },
    replay: 'sse-done',
    expect: {
      text: '2 + 2 = 4',
      reasoning: 'The user is asking for 2+2. This is basic arithmetic. 2+2=4.',
      finishReason: 'stop',
      usage: { prompt_tokens: 10, completion_tokens: 46 },
    },
    expectPath: CHAT_PATH,
    expectUpstream: sentChat('magistral-medium-2507', true, false),
  },
  {
    name: 'mistral: tool call',
    providerType: 'mistral',
    upstreamModel: 'mistral-small-latest',
    stream: false,
    source: { shared: `${MISTRAL}/mistral-tool-call.json` },
    replay: 'json',
    request: withWeatherTool,
    expect: {
      text: null,
      toolCalls: [SF],
      finishReason: 'tool_calls',
      usage: { prompt_tokens: 124, completion_tokens: 22 },
    },
    expectPath: CHAT_PATH,
    expectUpstream: sentWeatherTool,
  },
  {
    name: 'mistral: tool call, streamed (call, finish and usage in one chunk)',
    providerType: 'mistral',
    upstreamModel: 'mistral-small-latest',
    stream: true,
    source: { shared: `${MISTRAL}/mistral-tool-call.chunks.txt` },
    replay: 'sse-done',
    request: withWeatherTool,
    expect: {
      text: null,
      toolCalls: [SF],
      finishReason: 'tool_calls',
      usage: { prompt_tokens: 124, completion_tokens: 22 },
    },
    expectPath: CHAT_PATH,
    expectUpstream: both(sentChat('mistral-small-latest', true, false), sentWeatherTool),
  },
];

const vllm: ConformanceCase[] = [
  {
    // filed under vercel-ai's mistral package, but a GLM model behind a vLLM-style server
    name: 'vllm: incremental tool call (GLM), streamed',
    providerType: 'vllm',
    upstreamModel: 'zai-glm-5-2',
    stream: true,
    source: { shared: `${MISTRAL}/mistral-incremental-tool-call.chunks.txt` },
    replay: 'sse-done',
    request: { messages: [{ role: 'user', content: 'What is the weather in Berlin?' }] },
    expect: {
      text: null,
      toolCalls: [{ name: 'webSearchTool', arguments: { query: 'current Berlin weather' } }],
      finishReason: 'tool_calls',
      usage: { prompt_tokens: 171, completion_tokens: 14, cached_tokens: 128 },
    },
    expectPath: '/v1/chat/completions',
    expectUpstream: (req) => expect(req.headers.authorization).toBeDefined(),
  },
];

const xai: ConformanceCase[] = [
  {
    name: 'xai: text (reasoning tokens added to completion_tokens)',
    providerType: 'xai',
    upstreamModel: 'grok-3-mini',
    stream: false,
    source: { shared: `${XAI}/xai-text.json` },
    replay: 'json',
    expect: {
      text: 'Hello',
      reasoning:
        'First, the user said: "Say a single word." That\'s straightforward. They want me to respond with just one word.\n\nResponse: I\'ll go with "Hello" as it\'s a common greeting and keeps it simple.',
      finishReason: 'stop',
      usage: { prompt_tokens: 12, completion_tokens: 1 + 228, cached_tokens: 2, reasoning_tokens: 228 },
    },
    expectPath: CHAT_PATH,
  },
  {
    name: 'xai: text, streamed',
    providerType: 'xai',
    upstreamModel: 'grok-3-mini',
    stream: true,
    source: { shared: `${XAI}/xai-text.chunks.txt` },
    replay: 'sse-done',
    expect: {
      text: 'Hello',
      reasoning: 'First, the user said',
      finishReason: 'stop',
      usage: { prompt_tokens: 12, completion_tokens: 1 + 290, cached_tokens: 11, reasoning_tokens: 290 },
    },
    expectPath: CHAT_PATH,
    expectUpstream: sentChat('grok-3-mini', true),
  },
  {
    name: 'xai: tool call',
    providerType: 'xai',
    upstreamModel: 'grok-3-mini',
    stream: false,
    source: { shared: `${XAI}/xai-tool-call.json` },
    replay: 'json',
    request: withWeatherTool,
    expect: {
      text: null,
      toolCalls: [SF],
      finishReason: 'tool_calls',
      usage: { prompt_tokens: 291, completion_tokens: 26 + 189, cached_tokens: 244, reasoning_tokens: 189 },
    },
    expectPath: CHAT_PATH,
    expectUpstream: sentWeatherTool,
  },
  {
    name: 'xai: tool call, streamed',
    providerType: 'xai',
    upstreamModel: 'grok-3-mini',
    stream: true,
    source: { shared: `${XAI}/xai-tool-call.chunks.txt` },
    replay: 'sse-done',
    request: withWeatherTool,
    expect: {
      text: null,
      reasoning: 'First, the user is',
      toolCalls: [SF],
      finishReason: 'tool_calls',
      usage: { prompt_tokens: 291, completion_tokens: 26 + 196, cached_tokens: 290, reasoning_tokens: 196 },
    },
    expectPath: CHAT_PATH,
    expectUpstream: sentWeatherTool,
  },
  {
    name: 'xai: text (openai-compatible package recording)',
    providerType: 'xai',
    upstreamModel: 'grok-3-mini',
    stream: false,
    source: { shared: `${XAI_COMPAT}/xai-text.json` },
    replay: 'json',
    expect: {
      text: 'Grok',
      get reasoning() {
        return recordedMessage(`${XAI_COMPAT}/xai-text.json`, 'reasoning_content');
      },
      finishReason: 'stop',
      usage: { prompt_tokens: 12, completion_tokens: 2 + 320, cached_tokens: 2, reasoning_tokens: 320 },
    },
    expectPath: CHAT_PATH,
  },
  {
    name: 'xai: text, streamed (openai-compatible package recording)',
    providerType: 'xai',
    upstreamModel: 'grok-3-mini',
    stream: true,
    source: { shared: `${XAI_COMPAT}/xai-text.chunks.txt` },
    replay: 'sse-done',
    expect: {
      text: 'Grok',
      get reasoning() {
        return recordedDeltas(`${XAI_COMPAT}/xai-text.chunks.txt`, 'reasoning_content');
      },
      finishReason: 'stop',
      usage: { prompt_tokens: 12, completion_tokens: 2 + 340, cached_tokens: 11, reasoning_tokens: 340 },
    },
    expectPath: CHAT_PATH,
  },
  {
    name: 'xai: tool call (openai-compatible package recording)',
    providerType: 'xai',
    upstreamModel: 'grok-3-mini',
    stream: false,
    source: { shared: `${XAI_COMPAT}/xai-tool-call.json` },
    replay: 'json',
    request: withWeatherTool,
    expect: {
      text: null,
      toolCalls: [SF],
      finishReason: 'tool_calls',
      usage: { prompt_tokens: 307, completion_tokens: 26 + 255, cached_tokens: 244, reasoning_tokens: 255 },
    },
    expectPath: CHAT_PATH,
  },
  {
    name: 'xai: tool call, streamed (openai-compatible package recording)',
    providerType: 'xai',
    upstreamModel: 'grok-3-mini',
    stream: true,
    source: { shared: `${XAI_COMPAT}/xai-tool-call.chunks.txt` },
    replay: 'sse-done',
    request: withWeatherTool,
    expect: {
      text: null,
      get reasoning() {
        return recordedDeltas(`${XAI_COMPAT}/xai-tool-call.chunks.txt`, 'reasoning_content');
      },
      toolCalls: [SF],
      finishReason: 'tool_calls',
      usage: { prompt_tokens: 307, completion_tokens: 26 + 227, cached_tokens: 306, reasoning_tokens: 227 },
    },
    expectPath: CHAT_PATH,
  },
];

/** Our own fixtures (test/fixtures/openai-compatible): quirks no shared recording shows. Always run. */
const own: ConformanceCase[] = [
  {
    name: 'minimax: <think> reasoning split out of the content, tags cut across chunks, streamed',
    providerType: 'minimax',
    upstreamModel: 'MiniMax-M2',
    stream: true,
    source: { own: `${OWN}/minimax-think-tags.chunks.txt` },
    replay: 'sse-done',
    expect: {
      text: 'Hello! How can I <help> you today?',
      reasoning: '\nThe user greets me. I should greet them back.\n',
      finishReason: 'stop',
      usage: { prompt_tokens: 41, completion_tokens: 27 },
    },
    expectPath: CHAT_PATH,
  },
  {
    name: 'minimax: <think> reasoning split out of the content',
    providerType: 'minimax',
    upstreamModel: 'MiniMax-M2',
    stream: false,
    source: { own: `${OWN}/minimax-think-tags.json` },
    replay: 'json',
    expect: {
      text: 'Hello! How can I help you today?',
      reasoning: '\nThe user greets me. I should greet them back.\n',
      finishReason: 'stop',
      usage: { prompt_tokens: 41, completion_tokens: 27 },
    },
    expectPath: CHAT_PATH,
  },
  {
    name: 'moonshot: usage inside choices[0], streamed',
    providerType: 'moonshot',
    upstreamModel: 'kimi-k2-0905-preview',
    stream: true,
    source: { own: `${OWN}/moonshot-usage-in-choice.chunks.txt` },
    replay: 'sse-done',
    expect: {
      text: 'Hello there!',
      finishReason: 'stop',
      usage: { prompt_tokens: 19, completion_tokens: 3, cached_tokens: 16 },
    },
    expectPath: CHAT_PATH,
    expectUpstream: sentChat('kimi-k2-0905-preview', true),
  },
  {
    name: 'openai-compatible: empty role in every delta, streamed',
    providerType: 'openai-compatible',
    upstreamModel: 'ernie-4.5-turbo-128k',
    stream: true,
    source: { own: `${OWN}/empty-role.chunks.txt` },
    replay: 'sse-done',
    expect: { text: 'Bonjour !', finishReason: 'stop', usage: { prompt_tokens: 6, completion_tokens: 3 } },
  },
  {
    name: 'openai-compatible: tool calls without ids get unique ids, streamed',
    providerType: 'openai-compatible',
    upstreamModel: 'llama3.2',
    stream: true,
    source: { own: `${OWN}/tool-calls-without-ids.chunks.txt` },
    replay: 'sse-done',
    expect: {
      text: null,
      toolCalls: [
        { name: 'get_weather', arguments: { city: 'Paris' } },
        { name: 'get_weather', arguments: { city: 'Lyon' } },
      ],
      finishReason: 'tool_calls',
      usage: { prompt_tokens: 88, completion_tokens: 31 },
    },
  },
  {
    name: 'openai-compatible: tool calls without ids get unique ids',
    providerType: 'openai-compatible',
    upstreamModel: 'llama3.2',
    stream: false,
    source: { own: `${OWN}/tool-calls-without-ids.json` },
    replay: 'json',
    expect: {
      text: null,
      toolCalls: [
        { name: 'get_weather', arguments: { city: 'Paris' } },
        { name: 'get_weather', arguments: { city: 'Lyon' } },
      ],
      finishReason: 'tool_calls',
      usage: { prompt_tokens: 88, completion_tokens: 31 },
    },
  },
  {
    name: 'openai-compatible: several tool calls reusing index 0, streamed',
    providerType: 'openai-compatible',
    upstreamModel: 'gemini-2.5-flash',
    stream: true,
    source: { own: `${OWN}/tool-calls-reusing-index.chunks.txt` },
    replay: 'sse-done',
    expect: {
      text: 'Checking both.',
      toolCalls: [
        { name: 'get_weather', arguments: { city: 'Paris' } },
        { name: 'get_time', arguments: { timezone: 'Europe/Paris' } },
      ],
      finishReason: 'tool_calls',
      usage: { prompt_tokens: 120, completion_tokens: 40 },
    },
  },
  {
    name: 'together: finish_reason eos is a stop, streamed',
    providerType: 'together',
    upstreamModel: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
    stream: true,
    source: { own: `${OWN}/finish-eos.chunks.txt` },
    replay: 'sse-done',
    expect: { text: 'Yes.', finishReason: 'stop', usage: { prompt_tokens: 11, completion_tokens: 2 } },
    expectPath: CHAT_PATH,
  },
  {
    name: 'together: finish_reason eos is a stop',
    providerType: 'together',
    upstreamModel: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
    stream: false,
    source: { own: `${OWN}/finish-eos.json` },
    replay: 'json',
    expect: { text: 'Yes.', finishReason: 'stop', usage: { prompt_tokens: 11, completion_tokens: 2 } },
    expectPath: CHAT_PATH,
  },
];

export const openaiCompatibleCases: ConformanceCase[] = [...openai, ...deepseek, ...qwen, ...groq, ...mistral, ...vllm, ...xai, ...own];

/**
 * The envoy-ai-gateway go-vcr cassettes of real OpenAI chat calls. The client sends exactly the recorded
 * request (read from the cassette when the case runs) and the upstream must receive it as recorded, but for
 * what the gateway changes on purpose: `developer` becomes `system`, streams always ask for usage.
 * Served as recorded (status, content type, body verbatim) by `replay: 'cassette'`.
 */
const CASSETTES = 'envoy-ai-gateway/tests/internal/testopenai/cassettes';

function recordedRequest(file: string): any {
  return JSON.parse(readCassette(`${CASSETTES}/${file}`).requestBody);
}

/** The recorded request, as the client sends it (the model is the gateway's, `stream` is the runner's). */
function clientRequest(file: string): Record<string, unknown> {
  const { model: _model, stream: _stream, ...rest } = recordedRequest(file);
  return rest;
}

/** The upstream received the recorded request, adjusted for what the gateway does on purpose. */
function sentAsRecorded(file: string, stream: boolean) {
  return (req: RecordedRequest): void => {
    const recorded = recordedRequest(file);
    const expected = {
      ...recorded,
      messages: recorded.messages.map((m: any) => (m.role === 'developer' ? { ...m, role: 'system' } : m)),
      ...(stream && { stream: true, stream_options: { include_usage: true } }),
    };
    expect(req.json).toEqual(expected);
  };
}

function cassetteCase(
  file: string,
  stream: boolean,
  expected: ConformanceCase['expect'],
): ConformanceCase {
  return {
    name: `openai cassette: ${file.replace(/\.yaml$/, '')}`,
    providerType: 'openai',
    upstreamModel: recordedModel[file] ?? 'gpt-5-nano',
    stream,
    source: { cassette: `${CASSETTES}/${file}` },
    replay: 'cassette',
    get request() {
      return clientRequest(file);
    },
    expect: expected,
    expectPath: '/v1/chat/completions',
    expectUpstream: sentAsRecorded(file, stream),
  };
}

const recordedModel: Record<string, string> = {
  'chat-web-search.yaml': 'gpt-4o-mini-search-preview',
  'chat-streaming-web-search.yaml': 'gpt-4o-mini-search-preview',
};

const zeroCache = { cached_tokens: 0 };

export const openaiCassetteCases: ConformanceCase[] = [
  cassetteCase('chat-basic.yaml', false, {
    text: 'Hi there! How can I help you today? I can explain concepts, answer questions, help with writing or editing, brainstorm ideas, assist with coding or math, plan tasks, and more. Tell me what you’d like to do.',
    finishReason: 'stop',
    usage: { prompt_tokens: 8, completion_tokens: 377, reasoning_tokens: 320, ...zeroCache },
  }),
  cassetteCase('chat-tools.yaml', false, {
    text: null,
    toolCalls: [{ name: 'get_current_weather', arguments: { location: 'Boston, MA', unit: 'fahrenheit' } }],
    finishReason: 'tool_calls',
    usage: { prompt_tokens: 162, completion_tokens: 287, reasoning_tokens: 256, ...zeroCache },
  }),
  cassetteCase('chat-parallel-tools.yaml', false, {
    text: null,
    toolCalls: [{ name: 'get_current_weather', arguments: { location: 'San Francisco, CA' } }],
    finishReason: 'tool_calls',
    usage: { prompt_tokens: 162, completion_tokens: 219, reasoning_tokens: 192, ...zeroCache },
  }),
  cassetteCase('chat-image-to-text.yaml', false, {
    text: 'A tiny blue cartoon character.',
    finishReason: 'stop',
    usage: { prompt_tokens: 22, completion_tokens: 719, reasoning_tokens: 704, ...zeroCache },
  }),
  cassetteCase('chat-multimodal.yaml', false, {
    text: '',
    finishReason: 'length',
    usage: { prompt_tokens: 2245, completion_tokens: 100, reasoning_tokens: 100, ...zeroCache },
  }),
  cassetteCase('chat-json-mode.yaml', false, {
    text: '{"name":"Alex Smith","age":29,"city":"San Francisco"}',
    finishReason: 'stop',
    usage: { prompt_tokens: 21, completion_tokens: 280, reasoning_tokens: 256, ...zeroCache },
  }),
  cassetteCase('chat-openai-agents-python.yaml', false, {
    get text() {
      return JSON.parse(readCassette(`${CASSETTES}/chat-openai-agents-python.yaml`).responseBody).choices[0].message.content;
    },
    finishReason: 'stop',
    usage: { prompt_tokens: 171, completion_tokens: 1962, reasoning_tokens: 1664, ...zeroCache },
  }),
  cassetteCase('chat-multiturn.yaml', false, {
    text: 'What city or region?',
    finishReason: 'stop',
    usage: { prompt_tokens: 50, completion_tokens: 526, reasoning_tokens: 512, ...zeroCache },
  }),
  cassetteCase('chat-detailed-usage.yaml', false, {
    text: '',
    finishReason: 'length',
    usage: { prompt_tokens: 12, completion_tokens: 100, reasoning_tokens: 100, ...zeroCache },
  }),
  cassetteCase('chat-reasoning.yaml', false, {
    text: 'Ball costs 5 cents.\n\nReason: Let ball = x dollars. Then bat = x + 1. Total: x + (x + 1) = 1.10 → 2x + 1 = 1.10 → 2x = 0.10 → x = 0.05.',
    finishReason: 'stop',
    usage: { prompt_tokens: 27, completion_tokens: 267, reasoning_tokens: 192, ...zeroCache },
  }),
  cassetteCase('chat-text-to-image-tool.yaml', false, {
    text: '',
    finishReason: 'length',
    usage: { prompt_tokens: 206, completion_tokens: 150, reasoning_tokens: 150, ...zeroCache },
  }),
  cassetteCase('chat-web-search.yaml', false, {
    text: 'The URL https://httpbin.org/base64/dGVzdA== returns the decoded string "test".  ',
    finishReason: 'stop',
    usage: { prompt_tokens: 26, completion_tokens: 22, reasoning_tokens: 0, ...zeroCache },
  }),
  // recorded without stream_options: the stream carries no usage, so the client gets none
  cassetteCase('chat-streaming.yaml', true, {
    text: 'Hi there! How can I help today? I can answer questions, explain concepts, help with writing or brainstorming, code, plan something, and more. Tell me what you’d like to work on or a topic you’re curious about.',
    finishReason: 'stop',
  }),
  cassetteCase('chat-streaming-detailed-usage.yaml', true, {
    text: null,
    finishReason: 'length',
    usage: { prompt_tokens: 12, completion_tokens: 100, reasoning_tokens: 100, ...zeroCache },
  }),
  cassetteCase('chat-streaming-web-search.yaml', true, {
    text: 'The URL https://httpbin.org/base64/dGVzdA== returns the decoded string "test".  ',
    finishReason: 'stop',
  }),
];
