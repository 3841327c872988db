import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src/spec/gateway-error.js';
import { call, chatRequest, ownJson, parsedCalls, startGeminiRig, type GeminiRig } from './gemini-test-kit.js';

let rig: GeminiRig;
beforeAll(async () => {
  rig = await startGeminiRig();
});
afterAll(() => rig.close());

async function answer(json: unknown) {
  rig.upstream.reply({ json });
  return rig.adapter.chat(call(chatRequest()));
}

describe('gemini generateContent answers', () => {
  it('reads thoughts as reasoning, joins text, skips code-execution parts, and counts usage the OpenAI way', async () => {
    const result = await answer(ownJson('text-cached.json'));
    expect(result).toEqual({
      id: 'resp-own-text-cached',
      model: 'gemini-2.5-flash',
      text: 'Water boils at 100 °C at sea level.',
      reasoning: 'The user wants the boiling point of water at sea level.',
      toolCalls: [],
      finishReason: 'stop',
      rawFinishReason: 'STOP',
      usage: {
        inputTokens: 1240,
        cachedInputTokens: 1024,
        outputTokens: 68,
        reasoningTokens: 57,
        raw: (ownJson('text-cached.json') as { usageMetadata: unknown }).usageMetadata,
      },
    });
  });

  it('returns parallel and argument-less function calls with fresh unique ids', async () => {
    const result = await answer(ownJson('parallel-tool-calls.json'));
    expect(result.text).toBeNull();
    expect(result.reasoning).toBe('Two cities, so two weather look-ups, and the city list.');
    expect(parsedCalls(result.toolCalls)).toEqual([
      { name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } },
      { name: 'get_weather', arguments: { city: 'Tokyo', unit: 'celsius' } },
      { name: 'list_cities', arguments: {} },
    ]);
    expect(result.toolCalls[2]!.arguments).toBe('{}');
    const ids = result.toolCalls.map((c) => c.id);
    expect(ids.every((id) => /^call_[0-9a-f]{24}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(3);
    const again = await answer(ownJson('parallel-tool-calls.json'));
    expect(again.toolCalls.some((c) => ids.includes(c.id))).toBe(false);
    expect(result.finishReason).toBe('tool_calls');
    expect(result.rawFinishReason).toBe('STOP');
    expect(result.usage).toMatchObject({ inputTokens: 88, outputTokens: 172, reasoningTokens: 130, cachedInputTokens: 0 });
  });

  it('reports MAX_TOKENS as length; counts Gemini leaves out of a full report are zero', async () => {
    const result = await answer(ownJson('max-tokens.json'));
    expect(result.text).toBe('Once upon a time, in a valley');
    expect(result.reasoning).toBeUndefined();
    expect(result.finishReason).toBe('length');
    expect(result.rawFinishReason).toBe('MAX_TOKENS');
    expect(result.usage).toMatchObject({ inputTokens: 7, outputTokens: 8, reasoningTokens: 0, cachedInputTokens: 0 });
  });

  it('reports a blocked prompt as content_filter with empty text', async () => {
    const result = await answer(ownJson('prompt-blocked.json'));
    expect(result).toMatchObject({
      id: 'resp-own-blocked',
      text: '',
      toolCalls: [],
      finishReason: 'content_filter',
      rawFinishReason: 'PROHIBITED_CONTENT',
      usage: { inputTokens: 14, outputTokens: 0 },
    });
  });

  it.each([
    ['SAFETY', 'content_filter'],
    ['RECITATION', 'content_filter'],
    ['BLOCKLIST', 'content_filter'],
    ['PROHIBITED_CONTENT', 'content_filter'],
    ['SPII', 'content_filter'],
    ['IMAGE_SAFETY', 'content_filter'],
    ['MALFORMED_FUNCTION_CALL', 'stop'],
    ['OTHER', 'stop'],
    ['SOMETHING_NEW', 'stop'],
  ])('maps finish reason %s to %s and keeps the raw value', async (raw, mapped) => {
    const result = await answer({ candidates: [{ content: { parts: [{ text: 'x' }] }, finishReason: raw }] });
    expect(result.finishReason).toBe(mapped);
    expect(result.rawFinishReason).toBe(raw);
    expect(result.usage).toBeUndefined();
  });

  it('keeps usage unknown where Gemini sent no counts', async () => {
    const result = await answer({
      candidates: [{ content: { parts: [{ text: 'x' }] }, finishReason: 'STOP' }],
      usageMetadata: { trafficType: 'ON_DEMAND' },
    });
    expect(result.usage).toEqual({
      inputTokens: undefined,
      cachedInputTokens: undefined,
      outputTokens: undefined,
      reasoningTokens: undefined,
      raw: { trafficType: 'ON_DEMAND' },
    });
  });

  it('refuses a body with neither a candidate nor a block reason', async () => {
    const err = (await answer({ usageMetadata: {} }).catch((e: unknown) => e)) as GatewayError;
    expect(err).toBeInstanceOf(GatewayError);
    expect(err.code).toBe('upstream_invalid_response');
  });

  it('refuses a body that is not JSON', async () => {
    rig.upstream.reply({ body: '<html>oops</html>' });
    const err = (await rig.adapter.chat(call(chatRequest())).catch((e: unknown) => e)) as GatewayError;
    expect(err.code).toBe('upstream_invalid_response');
  });
});
