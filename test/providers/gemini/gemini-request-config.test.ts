import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../../src/spec/chat-request.js';
import { GatewayError } from '../../../src/spec/gateway-error.js';
import { call, chatRequest, ownJson, startGeminiRig, type GeminiRig } from './gemini-test-kit.js';

let rig: GeminiRig;
beforeAll(async () => {
  rig = await startGeminiRig();
});
afterAll(() => rig.close());
beforeEach(() => rig.upstream.reply({ json: ownJson('max-tokens.json') }));

/** Send a request through the adapter and return the body Gemini received. */
async function sent(overrides: Partial<ChatRequest>): Promise<any> {
  await rig.adapter.chat(call(chatRequest(overrides)));
  return rig.upstream.lastRequest.json;
}

describe('gemini request: tools and tool choice', () => {
  const weather = {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: ['string', 'null'], enum: ['celsius', 'fahrenheit', null] } },
      required: ['city'],
      additionalProperties: false,
    },
  };

  it('declares functions with Gemini-safe parameter schemas; a tool without parameters has none', async () => {
    const body = await sent({
      tools: [weather, { name: 'list_cities', parameters: { type: 'object', properties: {} } }, { name: 'ping' }],
    });
    expect(body.tools).toEqual([
      {
        functionDeclarations: [
          {
            name: 'get_weather',
            description: 'Weather for a city',
            parameters: {
              type: 'object',
              properties: { city: { type: 'string' }, unit: { type: 'string', nullable: true, enum: ['celsius', 'fahrenheit'] } },
              required: ['city'],
            },
          },
          { name: 'list_cities' },
          { name: 'ping' },
        ],
      },
    ]);
    expect(body.toolConfig).toBeUndefined();
  });

  it.each([
    ['auto', { mode: 'AUTO' }],
    ['none', { mode: 'NONE' }],
    ['required', { mode: 'ANY' }],
    [{ name: 'get_weather' }, { mode: 'ANY', allowedFunctionNames: ['get_weather'] }],
  ] as const)('maps tool choice %j', async (toolChoice, functionCallingConfig) => {
    const body = await sent({ tools: [weather], toolChoice, parallelToolCalls: false });
    expect(body.toolConfig).toEqual({ functionCallingConfig });
  });
});

describe('gemini request: generation config', () => {
  it('sends sampling and output settings; asks for thoughts by default; never sends candidateCount', async () => {
    const body = await sent({
      temperature: 0.3,
      topP: 0.9,
      maxTokens: 256,
      stop: ['END'],
      seed: 7,
      presencePenalty: 0.5,
      frequencyPenalty: 0.25,
    });
    expect(body.generationConfig).toEqual({
      temperature: 0.3,
      topP: 0.9,
      maxOutputTokens: 256,
      stopSequences: ['END'],
      seed: 7,
      presencePenalty: 0.5,
      frequencyPenalty: 0.25,
      thinkingConfig: { includeThoughts: true },
    });
  });

  it('asks for JSON output, with the client schema as responseJsonSchema', async () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false };
    let body = await sent({ responseFormat: { type: 'json_schema', name: 'place', schema, strict: true } });
    expect(body.generationConfig.responseMimeType).toBe('application/json');
    expect(body.generationConfig.responseJsonSchema).toEqual(schema);
    body = await sent({ responseFormat: { type: 'json_object' } });
    expect(body.generationConfig.responseMimeType).toBe('application/json');
    expect(body.generationConfig.responseJsonSchema).toBeUndefined();
    body = await sent({ responseFormat: { type: 'text' } });
    expect(body.generationConfig.responseMimeType).toBeUndefined();
  });

  it.each([
    ['none', { thinkingBudget: 0 }],
    ['minimal', { includeThoughts: true, thinkingBudget: 512 }],
    ['low', { includeThoughts: true, thinkingBudget: 1024 }],
    ['medium', { includeThoughts: true, thinkingBudget: 8192 }],
    ['high', { includeThoughts: true, thinkingBudget: 24576 }],
  ])('maps reasoning effort %s to a thinking budget', async (reasoningEffort, thinkingConfig) => {
    const body = await sent({ reasoningEffort });
    expect(body.generationConfig.thinkingConfig).toEqual(thinkingConfig);
  });

  it('refuses an unknown reasoning effort', async () => {
    const err = (await rig.adapter.chat(call(chatRequest({ reasoningEffort: 'extreme' }))).catch((e: unknown) => e)) as GatewayError;
    expect(err.code).toBe('invalid_request');
    expect(err.param).toBe('reasoning_effort');
  });

  it('sends no generationConfig when thoughts are turned off and nothing is set', async () => {
    const quiet = await startGeminiRig({ includeThoughts: false });
    try {
      quiet.upstream.reply({ json: ownJson('max-tokens.json') });
      await quiet.adapter.chat(call(chatRequest()));
      expect(quiet.upstream.lastRequest.json).toEqual({ contents: [{ role: 'user', parts: [{ text: 'Hello' }] }] });
      await quiet.adapter.chat(call(chatRequest({ reasoningEffort: 'low' })));
      expect(quiet.upstream.lastRequest.json.generationConfig).toEqual({ thinkingConfig: { thinkingBudget: 1024 } });
    } finally {
      await quiet.close();
    }
  });
});
