import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src/spec/gateway-error.js';
import { framesFromChunks } from '../../support/fake-upstream.js';
import { readSharedFixture, sharedFixturesDir, sharedFixturesSkipReason } from '../../support/shared-fixtures.js';
import { API_KEY, call, chatRequest, collect, parsedCalls, startGeminiRig, summarize, type GeminiRig } from './gemini-test-kit.js';

/** Recorded Gemini traffic (vercel/ai fixtures) replayed through the adapter. Skipped without ../shared. */
const FIXTURES = 'vercel-ai/packages/google/src/__fixtures__';
const HISTORY = 'vercel-ai/_history/packages/google/src/__fixtures__';

let rig: GeminiRig;
beforeAll(async () => {
  rig = await startGeminiRig();
});
afterAll(() => rig.close());

const json = (path: string): unknown => JSON.parse(readSharedFixture(path));

async function streamed(path: string) {
  rig.upstream.reply({ sse: framesFromChunks(readSharedFixture(path)) });
  return collect(await rig.adapter.streamChat(call(chatRequest({ stream: true }))));
}

describe.skipIf(!sharedFixturesDir)(`gemini recordings${sharedFixturesDir ? '' : ` (${sharedFixturesSkipReason})`}`, () => {
  it('google-tool-call.json: one call, a fresh id, tool_calls, usage with the raw report kept', async () => {
    const body = json(`${FIXTURES}/google-tool-call.json`) as { usageMetadata: unknown };
    rig.upstream.reply({ json: body });
    const result = await rig.adapter.chat(call(chatRequest()));
    expect(result).toEqual({
      id: 'm36LaZGyCLz1xs0PtNSB-QU',
      model: 'gemini-3-pro-preview',
      text: null,
      toolCalls: [{ id: expect.stringMatching(/^call_[0-9a-f]{24}$/), name: 'weather', arguments: '{"location":"San Francisco"}' }],
      finishReason: 'tool_calls',
      rawFinishReason: 'STOP',
      usage: { inputTokens: 29, cachedInputTokens: 0, outputTokens: 908, reasoningTokens: 893, raw: body.usageMetadata },
    });
  });

  it('google-text.chunks.txt: meta first, text, ignores the trailing signature part, one usage, one finish', async () => {
    const parts = await streamed(`${FIXTURES}/google-text.chunks.txt`);
    expect(parts[0]).toEqual({ type: 'meta', id: 'bH6LaZW8Fp_3nsEPqtaSwQ4', model: 'gemini-3-pro-preview' });
    expect(parts.slice(1)).toEqual([
      { type: 'text', text: 'There are **3**' },
      { type: 'text', text: ' "r"s in strawberry.\n\nst**r**awbe**rr**y' },
      { type: 'usage', usage: expect.objectContaining({ inputTokens: 9, outputTokens: 208, reasoningTokens: 185 }) },
      { type: 'finish', reason: 'stop', raw: 'STOP' },
    ]);
  });

  it('google-stream-tool-call-arguments: two calls streamed by JSON path', async () => {
    const s = summarize(await streamed(`${FIXTURES}/google-stream-tool-call-arguments.chunks.txt`));
    expect(parsedCalls(s.toolCalls)).toEqual([
      { name: 'getWeather', arguments: { location: 'Boston' } },
      { name: 'getWeather', arguments: { location: 'San Francisco' } },
    ]);
    expect(s.finishes).toEqual([{ type: 'finish', reason: 'tool_calls', raw: 'STOP' }]);
    expect(s.usages).toEqual([expect.objectContaining({ inputTokens: 26, outputTokens: 155, reasoningTokens: 132 })]);
  });

  it('streamed array arguments whose call never gets a closing part are closed at the end', async () => {
    const s = summarize(
      await streamed(`${FIXTURES}/google-stream-tool-call-array-arguments-missing-terminal-function-call.chunks.txt`),
    );
    expect(parsedCalls(s.toolCalls)).toEqual([
      {
        name: 'writeItems',
        arguments: {
          operations: [
            { action: 'add', description: 'Fresh red apple', itemid: 'apple_001', price: 0.5 },
            { action: 'add', description: 'Ripe yellow banana', itemid: 'banana_001', price: 0.3 },
          ],
        },
      },
    ]);
  });

  it('nested streamed arguments build the whole object', async () => {
    const s = summarize(await streamed(`${FIXTURES}/google-vertex-stream-tool-call-arguments-nested.1.chunks.txt`));
    const [cook] = parsedCalls(s.toolCalls) as Array<{ name: string; arguments: any }>;
    expect(cook!.name).toBe('cookRecipe');
    expect(cook!.arguments.recipe.name).toBe('Lasagna');
    expect(cook!.arguments.recipe.ingredients).toHaveLength(10);
    expect(cook!.arguments.recipe.ingredients[0]).toEqual({ amount: '16 oz', name: 'Lasagna noodles' });
    expect(cook!.arguments.recipe.steps[1]).toBe('Cook lasagna noodles according to package directions, drain and set aside.');
    expect(cook!.arguments.recipe.steps[4]).toBe('In a 9x13 baking dish, spread a thin layer of meat sauce.');
  });

  it('text then a call with a Gemini id: the gateway still makes its own id', async () => {
    const s = summarize(await streamed(`${HISTORY}/issue-10781.1.chunks.txt`));
    expect(s.text).toBe('Let me check.');
    expect(parsedCalls(s.toolCalls)).toEqual([{ name: 'get_weather', arguments: { city: 'San Francisco' } }]);
    expect(s.toolCalls[0]!.id).not.toBe('g1bmv6il');
    expect(s.finishes).toEqual([{ type: 'finish', reason: 'tool_calls', raw: 'STOP' }]);
  });

  it('google-429-retry-info.json: rate limited, back-off from RetryInfo, no key in the message', async () => {
    rig.upstream.reply({ status: 429, json: json(`${FIXTURES}/google-429-retry-info.json`) });
    for (const attempt of [() => rig.adapter.chat(call(chatRequest())), () => rig.adapter.streamChat(call(chatRequest({ stream: true })))]) {
      const err = (await attempt().catch((e: unknown) => e)) as GatewayError;
      expect(err).toBeInstanceOf(GatewayError);
      expect(err.code).toBe('upstream_rate_limited');
      expect(err.retryAfterSeconds).toBe(35);
      expect(err.message).toContain('You exceeded your current quota');
      expect(err.message).not.toContain(API_KEY);
    }
  });

  it.each([
    [`${HISTORY}/google-thinking-level-minimal-unsupported.json`, 'Thinking level MINIMAL is not supported'],
    [`${HISTORY}/issue-8943-gemini-2.5-flash-error.json`, 'Penalty is not enabled'],
    [`${HISTORY}/google-embedding-batch-limit-error.json`, 'at most 100 requests'],
  ])('%s: a 400 the client caused stays a bad request', async (path, message) => {
    rig.upstream.reply({ status: 400, json: json(path) });
    const err = (await rig.adapter.chat(call(chatRequest())).catch((e: unknown) => e)) as GatewayError;
    expect(err.code).toBe('upstream_bad_request');
    expect(err.status).toBe(400);
    expect(err.message).toContain(message);
  });
});
