import { expect } from 'vitest';
import type { RecordedRequest } from '../../support/fake-upstream.js';
import type { ConformanceCase } from '../conformance-case.js';

/**
 * Gemini generateContent recordings (and our own fixtures) replayed through the gateway. Expected values
 * are what an OpenAI client must receive: `prompt_tokens` is `promptTokenCount` plus any
 * `toolUsePromptTokenCount`; `completion_tokens` is `candidatesTokenCount + thoughtsTokenCount`, and
 * `reasoning_tokens` the thoughts. Gemini sends no tool-call ids: the gateway makes unique ones.
 */

const FIXTURES = 'vercel-ai/packages/google/src/__fixtures__';
const HISTORY = 'vercel-ai/_history/packages/google/src/__fixtures__';

const fn = (name: string, description: string, parameters?: Record<string, unknown>) => ({
  type: 'function',
  function: { name, description, ...(parameters && { parameters }) },
});
const weatherTool = fn('weather', 'Current weather for a place', {
  type: 'object',
  properties: { location: { type: 'string' } },
  required: ['location'],
  additionalProperties: false,
});
const readThemeTool = fn('read_theme', 'Read the theme', { type: 'object', properties: {}, additionalProperties: false });
const readScreenTool = fn('read_screen', 'Read one screen', {
  type: 'object',
  properties: { id: { type: 'string' } },
  required: ['id'],
});

/** What every Gemini request must look like upstream: the prompt as a user turn, thoughts asked for. */
function expectGenerateContent(stream: boolean) {
  return (req: RecordedRequest): void => {
    expect(req.method).toBe('POST');
    expect(req.url.endsWith('?alt=sse')).toBe(stream);
    expect(req.url).not.toContain('conformance-secret');
    expect(req.headers['x-goog-api-key']).toBe('sk-conformance-secret');
    expect(req.json.contents[0]).toEqual({ role: 'user', parts: [{ text: 'Hello' }] });
    expect(req.json.generationConfig?.thinkingConfig).toEqual({ includeThoughts: true });
    expect(req.json.generationConfig?.candidateCount).toBeUndefined();
  };
}

function expectWeatherToolSent(stream: boolean) {
  return (req: RecordedRequest): void => {
    expectGenerateContent(stream)(req);
    expect(req.json.tools).toEqual([
      {
        functionDeclarations: [
          {
            name: 'weather',
            description: 'Current weather for a place',
            parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
          },
        ],
      },
    ]);
  };
}

function expectScreenToolsSent(req: RecordedRequest): void {
  expectGenerateContent(true)(req);
  expect(req.json.tools[0].functionDeclarations).toEqual([
    { name: 'read_theme', description: 'Read the theme' },
    { name: 'read_screen', description: 'Read one screen', parameters: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } },
  ]);
}

const path = (model: string, stream: boolean) =>
  new RegExp(`/v1beta/models/${model.replace(/\./g, '\\.')}:${stream ? 'streamGenerateContent' : 'generateContent'}$`);

/** A case for model `model`, with the request checks that go with it. */
function gemini(c: Omit<ConformanceCase, 'providerType' | 'expectPath' | 'replay'> & { check?: (req: RecordedRequest) => void }): ConformanceCase {
  const { check, ...rest } = c;
  return {
    ...rest,
    providerType: 'gemini',
    replay: c.stream ? 'sse' : 'json',
    expectPath: path(c.upstreamModel, c.stream),
    expectUpstream: check ?? expectGenerateContent(c.stream),
  };
}

const STRAWBERRY = "There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.";
const STRAWBERRY_QUOTED = 'There are **3** "r"s in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.';

export const geminiCases: ConformanceCase[] = [
  gemini({
    name: 'gemini: text',
    upstreamModel: 'gemini-3-pro-preview',
    stream: false,
    source: { shared: `${FIXTURES}/google-text.json` },
    expect: { text: STRAWBERRY, finishReason: 'stop', usage: { prompt_tokens: 9, completion_tokens: 272, reasoning_tokens: 244 } },
  }),
  gemini({
    name: 'gemini: text, streamed',
    upstreamModel: 'gemini-3-pro-preview',
    stream: true,
    source: { shared: `${FIXTURES}/google-text.chunks.txt` },
    expect: {
      text: 'There are **3** "r"s in strawberry.\n\nst**r**awbe**rr**y',
      finishReason: 'stop',
      usage: { prompt_tokens: 9, completion_tokens: 208, reasoning_tokens: 185 },
    },
  }),
  gemini({
    name: 'gemini: reasoning model',
    upstreamModel: 'gemini-3-pro-preview',
    stream: false,
    source: { shared: `${FIXTURES}/google-reasoning.json` },
    expect: { text: STRAWBERRY_QUOTED, finishReason: 'stop', usage: { prompt_tokens: 9, completion_tokens: 311, reasoning_tokens: 282 } },
  }),
  gemini({
    name: 'gemini: reasoning model, streamed',
    upstreamModel: 'gemini-3-pro-preview',
    stream: true,
    source: { shared: `${FIXTURES}/google-reasoning.chunks.txt` },
    expect: { text: STRAWBERRY_QUOTED, finishReason: 'stop', usage: { prompt_tokens: 9, completion_tokens: 285, reasoning_tokens: 256 } },
  }),
  gemini({
    name: 'gemini: gemini 3 reasoning, streamed',
    upstreamModel: 'gemini-3-pro-preview',
    stream: true,
    source: { shared: `${FIXTURES}/google-reasoning-gemini3.chunks.txt` },
    expect: {
      text: 'There are **3** "r"s in strawberry.\n\nSt**r**awbe**rr**y',
      finishReason: 'stop',
      usage: { prompt_tokens: 9, completion_tokens: 325, reasoning_tokens: 302 },
    },
  }),
  gemini({
    name: 'gemini: thought summaries as reasoning, streamed (gemma 4)',
    upstreamModel: 'gemma-4-26b-a4b-it',
    stream: true,
    source: { shared: `${HISTORY}/gemma-4-output-usage.chunks.txt` },
    expect: {
      text: 'hello',
      reasoning:
        '*   User input: "Reply with exactly: hello"\n    *   Constraint: The response must be "exactly: hello".\n    *   Goal: Comply with the specific instruction.\n\n    *   The user wants a single word: "hello".\n\n    *   Input: "Reply with exactly: hello"\n    *   Output: "hello"',
      finishReason: 'stop',
      usage: { prompt_tokens: 6, completion_tokens: 77, reasoning_tokens: 76 },
    },
  }),
  gemini({
    name: 'gemini: tool call',
    upstreamModel: 'gemini-3-pro-preview',
    stream: false,
    source: { shared: `${FIXTURES}/google-tool-call.json` },
    request: { tools: [weatherTool] },
    expect: {
      text: null,
      toolCalls: [{ name: 'weather', arguments: { location: 'San Francisco' } }],
      finishReason: 'tool_calls',
      usage: { prompt_tokens: 29, completion_tokens: 908, reasoning_tokens: 893 },
    },
    check: expectWeatherToolSent(false),
  }),
  gemini({
    name: 'gemini: tool call, streamed',
    upstreamModel: 'gemini-3-pro-preview',
    stream: true,
    source: { shared: `${FIXTURES}/google-tool-call.chunks.txt` },
    request: { tools: [weatherTool] },
    expect: {
      text: null,
      toolCalls: [{ name: 'weather', arguments: { location: 'San Francisco' } }],
      finishReason: 'tool_calls',
      usage: { prompt_tokens: 29, completion_tokens: 60, reasoning_tokens: 45 },
    },
    check: expectWeatherToolSent(true),
  }),
  gemini({
    name: 'gemini: gemini 3 tool call, streamed',
    upstreamModel: 'gemini-3-pro-preview',
    stream: true,
    source: { shared: `${FIXTURES}/google-tool-call-gemini3.chunks.txt` },
    request: { tools: [weatherTool] },
    expect: {
      toolCalls: [{ name: 'weather', arguments: { location: 'San Francisco' } }],
      finishReason: 'tool_calls',
      usage: { prompt_tokens: 29, completion_tokens: 819, reasoning_tokens: 804 },
    },
    check: expectWeatherToolSent(true),
  }),
  gemini({
    name: 'gemini: no-args tool call',
    upstreamModel: 'gemini-2.5-flash-lite',
    stream: false,
    source: { shared: `${HISTORY}/issue-16072-tool-result-pdf-first-response.json` },
    request: { tools: [fn('catalogSearch', 'Return catalog PDF metadata and file.')] },
    expect: {
      text: null,
      toolCalls: [{ name: 'catalogSearch', arguments: {} }],
      finishReason: 'tool_calls',
      usage: { prompt_tokens: 35, completion_tokens: 9, reasoning_tokens: 0 },
    },
  }),
  gemini({
    name: 'gemini: no-args and streamed-argument tool calls, streamed',
    upstreamModel: 'gemini-3-flash-preview',
    stream: true,
    source: { shared: `${FIXTURES}/google-stream-no-args-tool-call.chunks.txt` },
    request: { tools: [readThemeTool, readScreenTool] },
    expect: {
      reasoning:
        '**Processing User Requests**\n\nI\'ve started by understanding the user\'s instructions. Currently, I\'m focusing on the initial steps: reading the specified theme using the appropriate tool. Next, I plan to tackle reading the screens, beginning with screen "A," then proceeding with "B" and "C" in parallel as instructed.\n\n\n',
      toolCalls: [
        { name: 'read_theme', arguments: {} },
        { name: 'read_screen', arguments: { id: 'A' } },
        { name: 'read_screen', arguments: { id: 'B' } },
        { name: 'read_screen', arguments: { id: 'C' } },
      ],
      finishReason: 'tool_calls',
      usage: { prompt_tokens: 249, completion_tokens: 241, reasoning_tokens: 183 },
    },
    check: expectScreenToolsSent,
  }),
  gemini({
    name: 'gemini: code execution parts skipped, tool-use prompt counted as input',
    upstreamModel: 'gemini-3-flash-preview',
    stream: false,
    source: { shared: `${HISTORY}/google-code-execution-multiple-results.json` },
    expect: {
      text: 'The code execution resulted in the following output:\n\n```\nok\n```\n\nFollowed by an error:\n\n```python\nZeroDivisionError: division by zero\n```',
      finishReason: 'stop',
      usage: { prompt_tokens: 312, completion_tokens: 35 },
    },
  }),
  gemini({
    name: 'gemini: thoughts, cached input and code execution (own fixture)',
    upstreamModel: 'gemini-2.5-flash',
    stream: false,
    source: { own: 'gemini/text-cached.json' },
    expect: {
      text: 'Water boils at 100 °C at sea level.',
      reasoning: 'The user wants the boiling point of water at sea level.',
      finishReason: 'stop',
      usage: { prompt_tokens: 1240, completion_tokens: 68, cached_tokens: 1024, reasoning_tokens: 57 },
    },
  }),
  gemini({
    name: 'gemini: thoughts and text, streamed (own fixture)',
    upstreamModel: 'gemini-2.5-flash',
    stream: true,
    source: { own: 'gemini/thinking-text.chunks.txt' },
    expect: {
      text: "There are three r's in strawberry.",
      reasoning: 'Counting the letters one by one. Two in the middle, one near the end.',
      finishReason: 'stop',
      usage: { prompt_tokens: 12, completion_tokens: 73, reasoning_tokens: 64 },
    },
  }),
  gemini({
    name: 'gemini: parallel and no-args tool calls, streamed (own fixture)',
    upstreamModel: 'gemini-2.5-pro',
    stream: true,
    source: { own: 'gemini/parallel-tool-calls.chunks.txt' },
    request: { tools: [weatherTool] },
    expect: {
      text: 'Checking both cities.',
      reasoning: 'Two cities: call the weather tool twice.',
      toolCalls: [
        { name: 'get_weather', arguments: { city: 'Paris' } },
        { name: 'get_weather', arguments: { city: 'Tokyo' } },
        { name: 'list_cities', arguments: {} },
      ],
      finishReason: 'tool_calls',
      usage: { prompt_tokens: 88, completion_tokens: 168, reasoning_tokens: 130 },
    },
    check: expectWeatherToolSent(true),
  }),
  gemini({
    name: 'gemini: parallel and no-args tool calls (own fixture)',
    upstreamModel: 'gemini-2.5-pro',
    stream: false,
    source: { own: 'gemini/parallel-tool-calls.json' },
    request: { tools: [weatherTool] },
    expect: {
      text: null,
      reasoning: 'Two cities, so two weather look-ups, and the city list.',
      toolCalls: [
        { name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } },
        { name: 'get_weather', arguments: { city: 'Tokyo', unit: 'celsius' } },
        { name: 'list_cities', arguments: {} },
      ],
      finishReason: 'tool_calls',
      usage: { prompt_tokens: 88, completion_tokens: 172, reasoning_tokens: 130 },
    },
    check: expectWeatherToolSent(false),
  }),
  gemini({
    name: 'gemini: output cut at max tokens (own fixture)',
    upstreamModel: 'gemini-2.5-flash-lite',
    stream: false,
    source: { own: 'gemini/max-tokens.json' },
    expect: { text: 'Once upon a time, in a valley', finishReason: 'length', usage: { prompt_tokens: 7, completion_tokens: 8 } },
  }),
  gemini({
    name: 'gemini: prompt blocked (own fixture)',
    upstreamModel: 'gemini-2.5-flash',
    stream: false,
    source: { own: 'gemini/prompt-blocked.json' },
    expect: { finishReason: 'content_filter', usage: { prompt_tokens: 14, completion_tokens: 0 } },
  }),
];
