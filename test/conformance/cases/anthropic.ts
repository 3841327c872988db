import { expect } from 'vitest';
import type { ConformanceCase } from '../conformance-case.js';
import type { RecordedRequest } from '../../support/fake-upstream.js';

/**
 * Anthropic Messages API recordings replayed through the gateway. Expected values are what an OpenAI
 * client must receive: `prompt_tokens` counts every input token, so it is Anthropic's `input_tokens` plus
 * its cache reads and cache writes; `cached_tokens` is the cache reads.
 */

const FIXTURES = 'vercel-ai/packages/anthropic/src/__fixtures__';
const HISTORY = 'vercel-ai/_history/packages/anthropic/src/__fixtures__';

const weatherTool = {
  type: 'function',
  function: {
    name: 'weather',
    description: 'Current weather for a place',
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  },
};
const updateIssueListTool = { type: 'function', function: { name: 'updateIssueList', description: 'Refresh the issue list' } };

/** What every Anthropic request must look like upstream, whatever the case. */
function expectMessagesRequest(model: string, stream: boolean) {
  return (req: RecordedRequest): void => {
    expect(req.method).toBe('POST');
    expect(req.headers['anthropic-version']).toBe('2023-06-01');
    expect(req.json.model).toBe(model);
    expect(req.json.max_tokens).toBe(4096);
    expect(req.json.stream === true).toBe(stream);
    expect(req.json.messages[0].role).toBe('user');
  };
}

function expectWeatherToolSent(model: string, stream: boolean) {
  return (req: RecordedRequest): void => {
    expectMessagesRequest(model, stream)(req);
    expect(req.json.tools).toEqual([
      {
        name: 'weather',
        description: 'Current weather for a place',
        input_schema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
      },
    ]);
  };
}

function expectNoArgsToolSent(model: string, stream: boolean) {
  return (req: RecordedRequest): void => {
    expectMessagesRequest(model, stream)(req);
    expect(req.json.tools).toEqual([
      { name: 'updateIssueList', description: 'Refresh the issue list', input_schema: { type: 'object' } },
    ]);
  };
}

const MESSAGES_PATH = /\/messages$/;

export const anthropicCases: ConformanceCase[] = [
  {
    name: 'anthropic: text',
    providerType: 'anthropic',
    upstreamModel: 'claude-sonnet-4-5-20250929',
    stream: false,
    source: { shared: `${FIXTURES}/anthropic-text.json` },
    replay: 'json',
    expect: {
      text: "Hello! I'm doing well, thanks for asking. How are you doing today? Is there anything I can help you with?",
      finishReason: 'stop',
      usage: { prompt_tokens: 12, completion_tokens: 29, cached_tokens: 0 },
    },
    expectPath: MESSAGES_PATH,
    expectUpstream: expectMessagesRequest('claude-sonnet-4-5-20250929', false),
  },
  {
    name: 'anthropic: text, streamed',
    providerType: 'anthropic',
    upstreamModel: 'claude-sonnet-4-5-20250929',
    stream: true,
    source: { shared: `${FIXTURES}/anthropic-text.chunks.txt` },
    replay: 'sse-events',
    expect: {
      text: "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?",
      finishReason: 'stop',
      usage: { prompt_tokens: 12, completion_tokens: 30, cached_tokens: 0 },
    },
    expectPath: MESSAGES_PATH,
    expectUpstream: expectMessagesRequest('claude-sonnet-4-5-20250929', true),
  },
  {
    name: 'anthropic: thinking',
    providerType: 'anthropic',
    upstreamModel: 'claude-sonnet-4-5-20250929',
    stream: false,
    source: { shared: `${FIXTURES}/anthropic-clear-thinking.1.json` },
    replay: 'json',
    expect: {
      text: '925 ÷ 5 = 185',
      reasoning: '925 divided by 5 = 185',
      finishReason: 'stop',
      usage: { prompt_tokens: 69, completion_tokens: 33, cached_tokens: 0 },
    },
    expectPath: MESSAGES_PATH,
  },
  {
    name: 'anthropic: thinking, streamed',
    providerType: 'anthropic',
    upstreamModel: 'claude-sonnet-4-5-20250929',
    stream: true,
    source: { shared: `${FIXTURES}/anthropic-clear-thinking.1.chunks.txt` },
    replay: 'sse-events',
    expect: {
      text: '925 ÷ 5 = 185',
      reasoning: 'The previous result was 925. Now I need to divide that by 5.\n\n925 ÷ 5 = 185',
      finishReason: 'stop',
      usage: { prompt_tokens: 69, completion_tokens: 53, cached_tokens: 0 },
    },
    expectPath: MESSAGES_PATH,
  },
  {
    name: 'anthropic: thinking with thinking-token count, streamed',
    providerType: 'anthropic',
    upstreamModel: 'claude-sonnet-5',
    stream: true,
    source: { shared: `${HISTORY}/anthropic-claude-sonnet-5-reasoning-summarized.chunks.txt` },
    replay: 'sse-events',
    expect: {
      reasoning:
        "I'm working through the Euclidean algorithm to find the GCD of 1071 and 462, applying successive division until I reach a remainder of zero, which gives me 21 as the greatest common divisor.",
      finishReason: 'stop',
      usage: { prompt_tokens: 47, completion_tokens: 373, cached_tokens: 0, reasoning_tokens: 62 },
    },
  },
  {
    name: 'anthropic: tool call',
    providerType: 'anthropic',
    upstreamModel: 'claude-haiku-4-5-20251001',
    stream: false,
    source: { shared: `${FIXTURES}/anthropic-json-other-tool.1.json` },
    replay: 'json',
    request: { tools: [weatherTool] },
    expect: {
      text: null,
      toolCalls: [{ name: 'weather', arguments: { location: 'San Francisco' } }],
      finishReason: 'tool_calls',
      usage: { prompt_tokens: 843, completion_tokens: 28, cached_tokens: 0 },
    },
    expectPath: MESSAGES_PATH,
    expectUpstream: expectWeatherToolSent('claude-haiku-4-5-20251001', false),
  },
  {
    name: 'anthropic: tool call, streamed',
    providerType: 'anthropic',
    upstreamModel: 'claude-haiku-4-5-20251001',
    stream: true,
    source: { shared: `${FIXTURES}/anthropic-json-other-tool.1.chunks.txt` },
    replay: 'sse-events',
    request: { tools: [weatherTool] },
    expect: {
      toolCalls: [{ name: 'weather', arguments: { location: 'San Francisco' } }],
      finishReason: 'tool_calls',
      usage: { prompt_tokens: 843, completion_tokens: 28, cached_tokens: 0 },
    },
    expectPath: MESSAGES_PATH,
    expectUpstream: expectWeatherToolSent('claude-haiku-4-5-20251001', true),
  },
  {
    name: 'anthropic: tool call without arguments',
    providerType: 'anthropic',
    upstreamModel: 'claude-3-opus-20240229',
    stream: false,
    source: { shared: `${FIXTURES}/anthropic-tool-no-args.json` },
    replay: 'json',
    request: { tools: [updateIssueListTool] },
    expect: {
      text: '<thinking>\nThe updateIssueList tool was provided in the list of available functions. The tool has no required parameters, so it can be called without any additional information needed from the user.\n</thinking>\n\nOkay, I will update the current issue list:',
      toolCalls: [{ name: 'updateIssueList', arguments: {} }],
      finishReason: 'tool_calls',
      usage: { prompt_tokens: 602, completion_tokens: 93, cached_tokens: 0 },
    },
    expectUpstream: expectNoArgsToolSent('claude-3-opus-20240229', false),
  },
  {
    name: 'anthropic: tool call without arguments, streamed',
    providerType: 'anthropic',
    upstreamModel: 'claude-sonnet-4-5-20250929',
    stream: true,
    source: { shared: `${FIXTURES}/anthropic-tool-no-args.chunks.txt` },
    replay: 'sse-events',
    request: { tools: [updateIssueListTool] },
    expect: {
      text: "I'll update the issue list for you.",
      toolCalls: [{ name: 'updateIssueList', arguments: {} }],
      finishReason: 'tool_calls',
      usage: { prompt_tokens: 565, completion_tokens: 48, cached_tokens: 0 },
    },
    expectUpstream: expectNoArgsToolSent('claude-sonnet-4-5-20250929', true),
  },
  {
    name: 'anthropic: cache read, streamed (stopped at max_tokens)',
    providerType: 'anthropic',
    upstreamModel: 'claude-sonnet-4-6',
    stream: true,
    source: { shared: `${HISTORY}/anthropic-issue-5942-cache-read.chunks.txt` },
    replay: 'sse-events',
    expect: {
      text: 'OK',
      finishReason: 'length',
      usage: { prompt_tokens: 18642, completion_tokens: 1, cached_tokens: 18639 },
    },
  },
  {
    name: 'anthropic: cache write, streamed',
    providerType: 'anthropic',
    upstreamModel: 'claude-sonnet-4-6',
    stream: true,
    source: { shared: `${HISTORY}/anthropic-issue-5942-cache-write.chunks.txt` },
    replay: 'sse-events',
    expect: {
      text: 'OK',
      finishReason: 'length',
      usage: { prompt_tokens: 18642, completion_tokens: 1, cached_tokens: 0 },
    },
  },
  {
    name: 'anthropic: server tools skipped, cache read and write, streamed',
    providerType: 'anthropic',
    upstreamModel: 'claude-sonnet-5',
    stream: true,
    source: { shared: `${FIXTURES}/anthropic-code-execution-20260120-prompt-cache.1.chunks.txt` },
    replay: 'sse-events',
    expect: {
      finishReason: 'stop',
      usage: { prompt_tokens: 9632, completion_tokens: 198, cached_tokens: 6289, reasoning_tokens: 0 },
    },
  },
  {
    name: 'anthropic: input count corrected in message_delta, streamed',
    providerType: 'anthropic',
    upstreamModel: 'claude-opus-4-5-20251101',
    stream: true,
    source: { shared: `${FIXTURES}/anthropic-message-delta-input-tokens.chunks.txt` },
    replay: 'sse-events',
    expect: { text: 'pong', finishReason: 'stop', usage: { prompt_tokens: 61, completion_tokens: 2 } },
  },
  {
    name: 'anthropic: refusal',
    providerType: 'anthropic',
    upstreamModel: 'claude-fable-5',
    stream: false,
    source: { shared: `${FIXTURES}/anthropic-refusal.json` },
    replay: 'json',
    expect: { text: null, finishReason: 'content_filter', usage: { prompt_tokens: 18, completion_tokens: 5, cached_tokens: 0 } },
  },
  {
    name: 'anthropic (own): text with cache read and write',
    providerType: 'anthropic',
    upstreamModel: 'claude-sonnet-4-5',
    stream: false,
    source: { own: 'anthropic/text-cached.json' },
    replay: 'json',
    expect: {
      text: 'The Rhine rises in the Swiss Alps and reaches the North Sea in the Netherlands.',
      finishReason: 'stop',
      usage: { prompt_tokens: 2419, completion_tokens: 17, cached_tokens: 2048 },
    },
    expectPath: MESSAGES_PATH,
    expectUpstream: expectMessagesRequest('claude-sonnet-4-5', false),
  },
  {
    name: 'anthropic (own): text with cache read and write, streamed',
    providerType: 'anthropic',
    upstreamModel: 'claude-sonnet-4-5',
    stream: true,
    source: { own: 'anthropic/text-cached.chunks.txt' },
    replay: 'sse-events',
    expect: {
      text: 'The Rhine rises in the Swiss Alps and reaches the North Sea in the Netherlands.',
      finishReason: 'stop',
      usage: { prompt_tokens: 2419, completion_tokens: 17, cached_tokens: 2048 },
    },
    expectPath: MESSAGES_PATH,
    expectUpstream: expectMessagesRequest('claude-sonnet-4-5', true),
  },
  {
    name: 'anthropic (own): thinking, server tool and two tool calls, streamed',
    providerType: 'anthropic',
    upstreamModel: 'claude-opus-4-1',
    stream: true,
    source: { own: 'anthropic/thinking-tools.chunks.txt' },
    replay: 'sse-events',
    expect: {
      text: 'Let me check both for you.',
      reasoning: 'The user wants the weather in Lyon and the time there.',
      toolCalls: [
        { name: 'get_weather', arguments: { city: 'Lyon', unit: 'celsius' } },
        { name: 'current_time', arguments: {} },
      ],
      finishReason: 'tool_calls',
      usage: { prompt_tokens: 410, completion_tokens: 96, cached_tokens: 0, reasoning_tokens: 24 },
    },
  },
  {
    name: 'anthropic (own): thinking, server tool and two tool calls',
    providerType: 'anthropic',
    upstreamModel: 'claude-opus-4-1',
    stream: false,
    source: { own: 'anthropic/thinking-tools.json' },
    replay: 'json',
    expect: {
      text: 'Let me check both for you.',
      reasoning: 'The user wants the weather in Lyon and the time there.',
      toolCalls: [
        { name: 'get_weather', arguments: { city: 'Lyon', unit: 'celsius' } },
        { name: 'current_time', arguments: {} },
      ],
      finishReason: 'tool_calls',
      usage: { prompt_tokens: 410, completion_tokens: 96, cached_tokens: 0, reasoning_tokens: 24 },
    },
  },
];
