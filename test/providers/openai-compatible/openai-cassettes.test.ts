/**
 * The envoy-ai-gateway go-vcr cassettes: real OpenAI chat calls, request and response bodies verbatim. Each
 * case builds the canonical request that means the same as the recorded one and checks that the adapter
 * sends the recorded body (give or take what the gateway does on purpose), then checks what it made of the
 * recorded answer.
 */
import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../../src/spec/chat-request.js';
import type { ChatResult } from '../../../src/spec/chat-result.js';
import { sharedFixturesDir } from '../../support/shared-fixtures.js';
import {
  ENVOY_CASSETTES,
  cassetteReply,
  chat,
  counts,
  gatewayError,
  readCassette,
  recorded,
  stream,
  useAdapter,
} from './harness.js';

const WEATHER_TOOL = {
  name: 'get_current_weather',
  description: 'Get the current weather in a given location',
  parameters: {
    properties: {
      location: { description: 'The city and state, e.g. San Francisco, CA', type: 'string' },
      unit: { enum: ['celsius', 'fahrenheit'], type: 'string' },
    },
    required: ['location'],
    type: 'object',
  },
};

interface CassetteCase {
  file: string;
  request: Partial<ChatRequest>;
  /** The recorded request body, adjusted for what the gateway sends differently on purpose. */
  adjustSent?: (recorded: any) => any;
  expected: Partial<ChatResult>;
}

const asSystem = (recorded: any) => ({
  ...recorded,
  messages: recorded.messages.map((m: any) => (m.role === 'developer' ? { ...m, role: 'system' } : m)),
});

const NON_STREAMING: CassetteCase[] = [
  {
    file: 'chat-basic.yaml',
    request: { messages: [{ role: 'user', content: 'Hello!' }] },
    expected: {
      text: 'Hi there! How can I help you today? I can explain concepts, answer questions, help with writing or editing, brainstorm ideas, assist with coding or math, plan tasks, and more. Tell me what you’d like to do.',
      finishReason: 'stop',
      usage: { inputTokens: 8, cachedInputTokens: 0, outputTokens: 377, reasoningTokens: 320 },
    },
  },
  {
    file: 'chat-tools.yaml',
    request: {
      messages: [{ role: 'user', content: 'What is the weather like in Boston today?' }],
      tools: [WEATHER_TOOL],
      toolChoice: 'auto',
    },
    expected: {
      text: null,
      toolCalls: [
        { id: 'call_8fxy20OEu9ulvvaa5b5CzVA4', name: 'get_current_weather', arguments: '{"location":"Boston, MA","unit":"fahrenheit"}' },
      ],
      finishReason: 'tool_calls',
      usage: { inputTokens: 162, cachedInputTokens: 0, outputTokens: 287, reasoningTokens: 256 },
    },
  },
  {
    file: 'chat-parallel-tools.yaml',
    request: {
      messages: [{ role: 'user', content: 'What is the weather like in San Francisco?' }],
      tools: [WEATHER_TOOL],
      toolChoice: 'auto',
      parallelToolCalls: true,
    },
    expected: {
      text: null,
      toolCalls: [{ id: 'call_Xc4Aiih37EUJvqjoZlu4Vdoi', name: 'get_current_weather', arguments: '{"location":"San Francisco, CA"}' }],
      finishReason: 'tool_calls',
      usage: { inputTokens: 162, cachedInputTokens: 0, outputTokens: 219, reasoningTokens: 192 },
    },
  },
  {
    file: 'chat-image-to-text.yaml',
    request: {
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: "Answer in up to 5 words: What's in this image?" },
            {
              type: 'image',
              url: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAXElEQVR42mNgoAkofv8fBVOkmQyD/sPwn1UlYAzlE6cZpgGmGZlPkgHYDCHKCcia0AwgHlCm+c+f/9gwabajG0CsK+DOxmIA8YZQ6gXkhISG6W8ALj7RtuMTgwMA0WTdqiU1ensAAAAASUVORK5CYII=',
            },
          ],
        },
      ],
    },
    expected: {
      text: 'A tiny blue cartoon character.',
      finishReason: 'stop',
      usage: { inputTokens: 22, cachedInputTokens: 0, outputTokens: 719, reasoningTokens: 704 },
    },
  },
  {
    file: 'chat-multimodal.yaml',
    request: {
      maxTokens: 100,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this image?' },
            {
              type: 'image',
              url: 'https://upload.wikimedia.org/wikipedia/commons/thumb/d/dd/Gfp-wisconsin-madison-the-nature-boardwalk.jpg/2560px-Gfp-wisconsin-madison-the-nature-boardwalk.jpg',
            },
          ],
        },
      ],
    },
    // every one of the 100 tokens went to reasoning: an empty answer cut for length
    expected: {
      text: '',
      finishReason: 'length',
      rawFinishReason: 'length',
      usage: { inputTokens: 2245, cachedInputTokens: 0, outputTokens: 100, reasoningTokens: 100 },
    },
  },
  {
    file: 'chat-json-mode.yaml',
    request: {
      messages: [{ role: 'user', content: 'Generate a JSON object with three properties: name, age, and city.' }],
      responseFormat: { type: 'json_object' },
    },
    expected: {
      text: '{"name":"Alex Smith","age":29,"city":"San Francisco"}',
      finishReason: 'stop',
      usage: { inputTokens: 21, cachedInputTokens: 0, outputTokens: 280, reasoningTokens: 256 },
    },
  },
  {
    file: 'chat-openai-agents-python.yaml',
    request: {
      messages: [
        {
          role: 'system',
          content:
            'You are a financial research planner. Given a request for financial analysis, produce a set of web searches to gather the context needed. Aim for recent headlines, earnings  calls or 10‑K snippets, analyst commentary, and industry background. Output between 5 and 15 search terms to query for.',
        },
        { role: 'user', content: 'Query: tell me about acme' },
      ],
      responseFormat: {
        type: 'json_schema',
        name: 'final_output',
        strict: true,
        schema: {
          $defs: {
            FinancialSearchItem: {
              additionalProperties: false,
              properties: { query: { title: 'Query', type: 'string' }, reason: { title: 'Reason', type: 'string' } },
              required: ['reason', 'query'],
              title: 'FinancialSearchItem',
              type: 'object',
            },
          },
          additionalProperties: false,
          properties: {
            searches: { items: { $ref: '#/$defs/FinancialSearchItem' }, title: 'Searches', type: 'array' },
          },
          required: ['searches'],
          title: 'FinancialSearchPlan',
          type: 'object',
        },
      },
    },
    expected: {
      finishReason: 'stop',
      usage: { inputTokens: 171, cachedInputTokens: 0, outputTokens: 1962, reasoningTokens: 1664 },
    },
  },
  {
    file: 'chat-multiturn.yaml',
    request: {
      temperature: 1,
      messages: [
        { role: 'system', content: 'You are a helpful assistant.' },
        { role: 'user', content: 'Hello!' },
        { role: 'assistant', content: 'Hello! How can I assist you today?' },
        { role: 'user', content: "Answer in up to 5 words: What's the weather like?" },
      ],
    },
    // the canonical request has no `developer` role: the ingress maps it to system, which OpenAI treats alike
    adjustSent: asSystem,
    expected: {
      text: 'What city or region?',
      finishReason: 'stop',
      usage: { inputTokens: 50, cachedInputTokens: 0, outputTokens: 526, reasoningTokens: 512 },
    },
  },
  {
    file: 'chat-detailed-usage.yaml',
    request: { maxTokens: 100, temperature: 1, messages: [{ role: 'system', content: "Hello, I'm a developer!" }] },
    adjustSent: asSystem,
    expected: {
      text: '',
      finishReason: 'length',
      usage: { inputTokens: 12, cachedInputTokens: 0, outputTokens: 100, reasoningTokens: 100 },
    },
  },
  {
    file: 'chat-reasoning.yaml',
    request: { messages: [{ role: 'user', content: 'A bat and ball cost $1.10. Bat costs $1 more than ball. Ball cost?' }] },
    expected: {
      text: 'Ball costs 5 cents.\n\nReason: Let ball = x dollars. Then bat = x + 1. Total: x + (x + 1) = 1.10 → 2x + 1 = 1.10 → 2x = 0.10 → x = 0.05.',
      finishReason: 'stop',
      usage: { inputTokens: 27, cachedInputTokens: 0, outputTokens: 267, reasoningTokens: 192 },
    },
  },
  {
    file: 'chat-text-to-image-tool.yaml',
    request: {
      maxTokens: 150,
      messages: [
        {
          role: 'system',
          content:
            'You are an AI assistant that generates simple, sketch-style images with minimal detail. When asked to generate an image, create it with low quality settings for cost efficiency.',
        },
        { role: 'user', content: 'Draw a simple, minimalist image of a cute cat playing with a ball of yarn in a sketch style.' },
      ],
      toolChoice: { name: 'generate_image' },
      tools: [
        {
          name: 'generate_image',
          description:
            'Generate a simple, minimalist image based on the given prompt in sketch style with low quality for cost efficiency.',
          parameters: {
            properties: { prompt: { description: 'The text description of the image to generate.', type: 'string' } },
            required: ['prompt'],
            type: 'object',
          },
        },
      ],
    },
    expected: {
      text: '',
      toolCalls: [],
      finishReason: 'length',
      usage: { inputTokens: 206, cachedInputTokens: 0, outputTokens: 150, reasoningTokens: 150 },
    },
  },
  {
    file: 'chat-web-search.yaml',
    request: {
      messages: [
        {
          role: 'user',
          content: "In up to 5 words, tell me what's at https://httpbin.org/base64/dGVzdA== and include citations",
        },
      ],
      extra: { web_search_options: { search_context_size: 'low' } },
    },
    expected: {
      text: 'The URL https://httpbin.org/base64/dGVzdA== returns the decoded string "test".  ',
      finishReason: 'stop',
      usage: { inputTokens: 26, cachedInputTokens: 0, outputTokens: 22, reasoningTokens: 0 },
    },
  },
];

describe.skipIf(!sharedFixturesDir)(recorded('openai replays (envoy-ai-gateway cassettes)'), () => {
  const rig = useAdapter('openai');

  for (const c of NON_STREAMING) {
    it(`${c.file}: sends the recorded request and reads the recorded answer`, async () => {
      const cassette = readCassette(`${ENVOY_CASSETTES}/${c.file}`);
      rig.fake.reply(cassetteReply(cassette));
      const recordedRequest = JSON.parse(cassette.requestBody);
      const result = await chat(rig, c.request, recordedRequest.model);

      expect(rig.fake.lastRequest.url).toBe(new URL(cassette.url).pathname);
      expect(rig.fake.lastRequest.json).toEqual((c.adjustSent ?? ((r) => r))(recordedRequest));

      const response = JSON.parse(cassette.responseBody);
      const { usage, ...rest } = c.expected;
      expect(result).toMatchObject({
        id: response.id,
        model: response.model,
        created: response.created,
        toolCalls: [],
        rawFinishReason: response.choices[0].finish_reason,
        ...rest,
      });
      expect(counts(result.usage)).toEqual(usage);
    });
  }

  it('chat-openai-agents-python.yaml: the structured answer parses against the schema it was asked for', async () => {
    const cassette = readCassette(`${ENVOY_CASSETTES}/chat-openai-agents-python.yaml`);
    rig.fake.reply(cassetteReply(cassette));
    const result = await chat(rig, {}, 'gpt-5-nano');
    const answer = JSON.parse(result.text!);
    expect(answer.searches).toHaveLength(12);
    expect(answer.searches[0]).toEqual({
      query: 'Acme Corp earnings call latest',
      reason: 'Capture the most recent quarterly results, margins, guidance, and management commentary.',
    });
  });

  it('chat-streaming.yaml: a stream without usage (none was asked for) leaves usage unknown', async () => {
    const cassette = readCassette(`${ENVOY_CASSETTES}/chat-streaming.yaml`);
    rig.fake.reply(cassetteReply(cassette));
    const out = await stream(rig, { messages: [{ role: 'user', content: 'Hello!' }] }, 'gpt-5-nano');
    // the gateway always asks for usage; the recording was made without stream_options
    expect(rig.fake.lastRequest.json).toEqual({ ...JSON.parse(cassette.requestBody), stream_options: { include_usage: true } });
    expect(out.meta).toEqual({ id: 'chatcmpl-C4HqHBe4xca0k0EzsCnf1t6V3YFXp', model: 'gpt-5-nano-2025-08-07', created: 1755137933 });
    expect(out.text).toBe(
      'Hi there! How can I help today? I can answer questions, explain concepts, help with writing or brainstorming, code, plan something, and more. Tell me what you’d like to work on or a topic you’re curious about.',
    );
    expect(out.finish).toEqual({ reason: 'stop', raw: 'stop' });
    expect(out.usage).toBeUndefined();
  });

  it('chat-streaming-detailed-usage.yaml: sends exactly the recorded request', async () => {
    const cassette = readCassette(`${ENVOY_CASSETTES}/chat-streaming-detailed-usage.yaml`);
    rig.fake.reply(cassetteReply(cassette));
    const out = await stream(
      rig,
      { maxTokens: 100, temperature: 1, messages: [{ role: 'system', content: "Hello, I'm a developer!" }] },
      'gpt-5-nano',
    );
    expect(rig.fake.lastRequest.json).toEqual(asSystem(JSON.parse(cassette.requestBody)));
    expect(out.text).toBe('');
    expect(out.finish).toEqual({ reason: 'length', raw: 'length' });
    expect(counts(out.usage)).toEqual({ inputTokens: 12, cachedInputTokens: 0, outputTokens: 100, reasoningTokens: 100 });
  });

  it('chat-streaming-web-search.yaml: vendor options are forwarded, the streamed text is whole', async () => {
    const cassette = readCassette(`${ENVOY_CASSETTES}/chat-streaming-web-search.yaml`);
    rig.fake.reply(cassetteReply(cassette));
    const prompt = "In up to 5 words, tell me what's at https://httpbin.org/base64/dGVzdA== and include citations";
    const out = await stream(
      rig,
      { messages: [{ role: 'user', content: prompt }], extra: { web_search_options: { search_context_size: 'low' } } },
      'gpt-4o-mini-search-preview',
    );
    expect(rig.fake.lastRequest.json).toEqual({ ...JSON.parse(cassette.requestBody), stream_options: { include_usage: true } });
    expect(out.text).toBe('The URL https://httpbin.org/base64/dGVzdA== returns the decoded string "test".  ');
    expect(out.finish).toEqual({ reason: 'stop', raw: 'stop' });
    expect(out.usage).toBeUndefined();
  });

  it('chat-bad-request.yaml: a 400 keeps OpenAI\'s message and is not retryable', async () => {
    rig.fake.reply(cassetteReply(readCassette(`${ENVOY_CASSETTES}/chat-bad-request.yaml`)));
    const err = await gatewayError(chat(rig, { maxTokens: 0, temperature: -0.5 }, 'gpt-5-nano'));
    expect(err.code).toBe('upstream_bad_request');
    expect(err.status).toBe(400);
    expect(err.retryable).toBe(false);
    expect(err.message).toContain("Unsupported parameter: 'max_tokens' is not supported with this model.");
  });

  it('chat-no-messages.yaml: a 400 about the messages', async () => {
    rig.fake.reply(cassetteReply(readCassette(`${ENVOY_CASSETTES}/chat-no-messages.yaml`)));
    const err = await gatewayError(chat(rig, { messages: [] }, 'gpt-5-nano'));
    expect(err.code).toBe('upstream_bad_request');
    expect(err.message).toBe(
      "Provider 'openai' returned HTTP 400: Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
    );
  });

  it('chat-unknown-model.yaml: a 404 for the model is upstream_not_found (another deployment may have it)', async () => {
    rig.fake.reply(cassetteReply(readCassette(`${ENVOY_CASSETTES}/chat-unknown-model.yaml`)));
    const err = await gatewayError(chat(rig, {}, 'gpt-4.1-nano-wrong'));
    expect(err.code).toBe('upstream_not_found');
    expect(err.status).toBe(404);
    expect(err.retryable).toBe(true);
    expect(err.message).toBe(
      "Provider 'openai' returned HTTP 404: The model `gpt-4.1-nano-wrong` does not exist or you do not have access to it.",
    );
  });
});
