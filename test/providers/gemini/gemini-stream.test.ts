import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src/spec/gateway-error.js';
import { isContentPart } from '../../../src/spec/stream-part.js';
import { call, chatRequest, collect, ownFrames, parsedCalls, startGeminiRig, summarize, type GeminiRig } from './gemini-test-kit.js';

let rig: GeminiRig;
beforeAll(async () => {
  rig = await startGeminiRig();
});
afterAll(() => rig.close());

async function streamOf(frames: string[], extra: { cutAfterFrames?: number } = {}) {
  rig.upstream.reply({ sse: frames, ...extra });
  return collect(await rig.adapter.streamChat(call(chatRequest({ stream: true }))));
}

describe('gemini streamGenerateContent', () => {
  it('streams meta first, thoughts as reasoning, text, one usage (the last report) and one finish', async () => {
    const parts = await streamOf(ownFrames('thinking-text.chunks.txt'));
    expect(parts).toEqual([
      { type: 'meta', id: 'resp-own-thinking', model: 'gemini-2.5-flash' },
      { type: 'reasoning', text: 'Counting the letters one by one.' },
      { type: 'reasoning', text: ' Two in the middle, one near the end.' },
      { type: 'text', text: 'There are three' },
      { type: 'text', text: " r's in strawberry." },
      {
        type: 'usage',
        usage: {
          inputTokens: 12,
          cachedInputTokens: 0,
          outputTokens: 73,
          reasoningTokens: 64,
          raw: { promptTokenCount: 12, candidatesTokenCount: 9, thoughtsTokenCount: 64, totalTokenCount: 85 },
        },
      },
      { type: 'finish', reason: 'stop', raw: 'STOP' },
    ]);
  });

  it('streams each whole function call as a start and one delta; argument-less calls get "{}"', async () => {
    const parts = await streamOf(ownFrames('parallel-tool-calls.chunks.txt'));
    const s = summarize(parts);
    expect(s.reasoning).toBe('Two cities: call the weather tool twice.');
    expect(s.text).toBe('Checking both cities.');
    expect(parsedCalls(s.toolCalls)).toEqual([
      { name: 'get_weather', arguments: { city: 'Paris' } },
      { name: 'get_weather', arguments: { city: 'Tokyo' } },
      { name: 'list_cities', arguments: {} },
    ]);
    expect(s.toolCalls[2]!.arguments).toBe('{}');
    expect(new Set(s.toolCalls.map((c) => c.id)).size).toBe(3);
    const callParts = parts.filter((p) => p.type === 'tool-call-start' || p.type === 'tool-call-delta');
    expect(callParts.map((p) => `${p.type}:${p.index}`)).toEqual([
      'tool-call-start:0', 'tool-call-delta:0', 'tool-call-start:1', 'tool-call-delta:1', 'tool-call-start:2', 'tool-call-delta:2',
    ]);
    expect(s.finishes).toEqual([{ type: 'finish', reason: 'tool_calls', raw: 'STOP' }]);
    expect(s.usages).toHaveLength(1);
    expect(s.usages[0]).toMatchObject({ inputTokens: 88, outputTokens: 168, reasoningTokens: 130 });
    expect(parts[parts.length - 1]!.type).toBe('finish');
  });

  it('assembles function-call arguments streamed in pieces by JSON path', async () => {
    const parts = await streamOf(ownFrames('streamed-arguments.chunks.txt'));
    expect(parts[0]).toEqual({ type: 'meta', id: 'resp-own-streamed-args', model: 'gemini-3-pro-preview', created: 1772366400 });
    const s = summarize(parts);
    expect(parsedCalls(s.toolCalls)).toEqual([
      {
        name: 'book_table',
        arguments: {
          restaurant: { name: 'Chez Marie' },
          guests: 4,
          terrace: true,
          note: null,
          dishes: ['soup', 'tart'],
          'special key': 'yes',
        },
      },
      { name: 'send_confirmation', arguments: { to: 'marie@example.com' } },
    ]);
    expect(parts.filter((p) => p.type === 'tool-call-delta')).toHaveLength(2);
    expect(s.finishes).toEqual([{ type: 'finish', reason: 'tool_calls', raw: 'STOP' }]);
    expect(s.usages).toEqual([expect.objectContaining({ inputTokens: 40, outputTokens: 50, reasoningTokens: 20 })]);
  });

  it('reports a safety stop as content_filter after the text already sent', async () => {
    const s = summarize(await streamOf(ownFrames('safety.chunks.txt')));
    expect(s.text).toBe('Here is how');
    expect(s.finishes).toEqual([{ type: 'finish', reason: 'content_filter', raw: 'SAFETY' }]);
  });

  it('reports a blocked prompt as content_filter with no content', async () => {
    const parts = await streamOf([
      'data: {"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":9,"totalTokenCount":9},"responseId":"r-blocked"}\n\n',
    ]);
    expect(parts.some(isContentPart)).toBe(false);
    expect(parts[parts.length - 1]).toEqual({ type: 'finish', reason: 'content_filter', raw: 'SAFETY' });
  });

  it('throws stream_interrupted when the stream ends before a finish reason', async () => {
    const seen: string[] = [];
    rig.upstream.reply({ sse: ownFrames('cut-before-finish.chunks.txt') });
    const stream = await rig.adapter.streamChat(call(chatRequest({ stream: true })));
    const err = await (async () => {
      for await (const p of stream) seen.push(p.type === 'text' ? p.text : p.type);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(['meta', 'The first half', ' of an answer']);
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).code).toBe('stream_interrupted');
    expect((err as GatewayError).retryable).toBe(false);
  });

  it('throws stream_interrupted or a transport error when the connection drops mid-stream', async () => {
    const err = await streamOf(ownFrames('thinking-text.chunks.txt'), { cutAfterFrames: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect(['stream_interrupted', 'upstream_connection_failed']).toContain((err as GatewayError).code);
  });

  it('throws an error Gemini sends inside the stream as that error', async () => {
    const err = (await streamOf(ownFrames('in-band-error.chunks.txt')).catch((e: unknown) => e)) as GatewayError;
    expect(err).toBeInstanceOf(GatewayError);
    expect(err.code).toBe('upstream_unavailable');
    expect(err.message).toContain('The model is overloaded');
  });

  it('reads frames split across network writes', async () => {
    const whole = ownFrames('thinking-text.chunks.txt').join('');
    const pieces = whole.match(/[\s\S]{1,37}/g) ?? [];
    const s = summarize(await streamOf(pieces));
    expect(s.text).toBe("There are three r's in strawberry.");
    expect(s.finishes).toHaveLength(1);
  });

  it('refuses a stream event that is not JSON', async () => {
    const err = (await streamOf(['data: {not json\n\n']).catch((e: unknown) => e)) as GatewayError;
    expect(err.code).toBe('upstream_invalid_response');
  });
});
