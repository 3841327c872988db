import { describe, expect, it } from 'vitest';
import { readSharedFixture, sharedFixturesDir } from '../../support/shared-fixtures.js';
import { chat, chunksOf, counts, joinDeltas, recorded, sharedJson, sseReply, stream, useAdapter } from './harness.js';

const XAI = 'vercel-ai/packages/xai/src/__fixtures__';
const COMPAT = 'vercel-ai/packages/openai-compatible/src/chat/__fixtures__';

/*
 * xAI's completion_tokens leave the reasoning tokens out (total = prompt + completion + reasoning), unlike
 * OpenAI's, where reasoning is a part of completion. Canonical outputTokens include reasoning, so for xAI
 * they are completion_tokens + reasoning_tokens.
 */
describe.skipIf(!sharedFixturesDir)(recorded('xai replays (packages/xai)'), () => {
  const rig = useAdapter('xai');

  it('text, non-streaming', async () => {
    const body = sharedJson(`${XAI}/xai-text.json`);
    rig.fake.reply({ json: body });
    const result = await chat(rig, {}, 'grok-3-mini');
    expect(result).toEqual({
      id: '2af5c888-e886-6dcb-7844-95f8fe010b00',
      model: 'grok-3-mini',
      created: 1770774046,
      text: 'Hello',
      reasoning:
        'First, the user said: "Say a single word." That\'s straightforward. They want me to respond with just one word.\n\nResponse: I\'ll go with "Hello" as it\'s a common greeting and keeps it simple.',
      toolCalls: [],
      finishReason: 'stop',
      rawFinishReason: 'stop',
      usage: { inputTokens: 12, cachedInputTokens: 2, outputTokens: 1 + 228, reasoningTokens: 228, raw: body.usage },
    });
  });

  it('text, streaming: the first chunk already carries reasoning', async () => {
    rig.fake.reply(sseReply(readSharedFixture(`${XAI}/xai-text.chunks.txt`)));
    const out = await stream(rig, {}, 'grok-3-mini');
    expect(out.meta).toEqual({ id: '7327b9f5-1c2f-0a15-3fef-c14a71c460d3', model: 'grok-3-mini', created: 1770774058 });
    expect(out.reasoning).toBe('First, the user said');
    expect(out.text).toBe('Hello');
    expect(out.finish).toEqual({ reason: 'stop', raw: 'stop' });
    expect(counts(out.usage)).toEqual({ inputTokens: 12, cachedInputTokens: 11, outputTokens: 1 + 290, reasoningTokens: 290 });
  });

  it('tool call, non-streaming', async () => {
    rig.fake.reply({ json: sharedJson(`${XAI}/xai-tool-call.json`) });
    const result = await chat(rig, {}, 'grok-3-mini');
    expect(result.text).toBeNull();
    expect(result.reasoning?.startsWith('First, the user is asking about the weather in San Francisco.')).toBe(true);
    expect(result.toolCalls).toEqual([{ id: 'call_93562515', name: 'weather', arguments: '{"location":"San Francisco"}' }]);
    expect(result.finishReason).toBe('tool_calls');
    expect(counts(result.usage)).toEqual({
      inputTokens: 291,
      cachedInputTokens: 244,
      outputTokens: 26 + 189,
      reasoningTokens: 189,
    });
  });

  it('tool call, streaming', async () => {
    rig.fake.reply(sseReply(readSharedFixture(`${XAI}/xai-tool-call.chunks.txt`)));
    const out = await stream(rig, {}, 'grok-3-mini');
    expect(out.reasoning).toBe('First, the user is');
    expect(out.toolCalls).toEqual([{ id: 'call_55117580', name: 'weather', arguments: '{"location":"San Francisco"}' }]);
    expect(out.finish).toEqual({ reason: 'tool_calls', raw: 'tool_calls' });
    expect(counts(out.usage)).toEqual({
      inputTokens: 291,
      cachedInputTokens: 290,
      outputTokens: 26 + 196,
      reasoningTokens: 196,
    });
  });
});

describe.skipIf(!sharedFixturesDir)(recorded('xai replays (packages/openai-compatible)'), () => {
  const rig = useAdapter('xai');

  it('text, non-streaming', async () => {
    rig.fake.reply({ json: sharedJson(`${COMPAT}/xai-text.json`) });
    const result = await chat(rig, {}, 'grok-3-mini');
    expect(result.text).toBe('Grok');
    expect(result.reasoning?.endsWith('So, my response will be: Grok')).toBe(true);
    expect(counts(result.usage)).toEqual({ inputTokens: 12, cachedInputTokens: 2, outputTokens: 2 + 320, reasoningTokens: 320 });
  });

  it('text, streaming', async () => {
    const recording = readSharedFixture(`${COMPAT}/xai-text.chunks.txt`);
    rig.fake.reply(sseReply(recording));
    const out = await stream(rig, {}, 'grok-3-mini');
    expect(out.reasoning).toBe(joinDeltas(chunksOf(recording), 'reasoning_content'));
    expect(out.text).toBe(joinDeltas(chunksOf(recording), 'content'));
    expect(out.text).toBe('Grok');
    expect(out.finish).toEqual({ reason: 'stop', raw: 'stop' });
    expect(counts(out.usage)).toEqual({ inputTokens: 12, cachedInputTokens: 11, outputTokens: 2 + 340, reasoningTokens: 340 });
  });

  it('tool call, non-streaming', async () => {
    rig.fake.reply({ json: sharedJson(`${COMPAT}/xai-tool-call.json`) });
    const result = await chat(rig, {}, 'grok-3-mini');
    expect(result.text).toBeNull();
    expect(result.toolCalls).toEqual([{ id: 'call_46427107', name: 'weather', arguments: '{"location":"San Francisco"}' }]);
    expect(counts(result.usage)).toEqual({
      inputTokens: 307,
      cachedInputTokens: 244,
      outputTokens: 26 + 255,
      reasoningTokens: 255,
    });
  });

  it('tool call, streaming', async () => {
    const recording = readSharedFixture(`${COMPAT}/xai-tool-call.chunks.txt`);
    rig.fake.reply(sseReply(recording));
    const out = await stream(rig, {}, 'grok-3-mini');
    expect(out.reasoning).toBe(joinDeltas(chunksOf(recording), 'reasoning_content'));
    expect(out.toolCalls).toEqual([{ id: 'call_79382389', name: 'weather', arguments: '{"location":"San Francisco"}' }]);
    expect(out.finish).toEqual({ reason: 'tool_calls', raw: 'tool_calls' });
    expect(counts(out.usage)).toEqual({
      inputTokens: 307,
      cachedInputTokens: 306,
      outputTokens: 26 + 227,
      reasoningTokens: 227,
    });
  });
});
