import { describe, expect, it } from 'vitest';
import { readSharedFixture, sharedFixturesDir } from '../../support/shared-fixtures.js';
import { chat, chunksOf, counts, joinDeltas, recorded, sharedJson, sseReply, stream, useAdapter } from './harness.js';

const DIR = 'vercel-ai/packages/alibaba/src/__fixtures__';

describe.skipIf(!sharedFixturesDir)(recorded('qwen (Alibaba DashScope) replays'), () => {
  const rig = useAdapter('qwen');

  it('text, non-streaming', async () => {
    const body = sharedJson(`${DIR}/alibaba-text.json`);
    rig.fake.reply({ json: body });
    const result = await chat(rig, {}, 'qwen3-max');
    expect(result).toEqual({
      id: 'chatcmpl-2655c1fe-749c-96df-b204-e413daa7caee',
      model: 'qwen3-max',
      created: 1770764844,
      text: body.choices[0].message.content,
      toolCalls: [],
      finishReason: 'stop',
      rawFinishReason: 'stop',
      usage: { inputTokens: 18, cachedInputTokens: 0, outputTokens: 1064, raw: body.usage },
    });
    expect(result.text?.startsWith('## The Festival of Forgotten Things (Obsidiana)')).toBe(true);
  });

  it('text, streaming: usage arrives in a trailing chunk with no choices', async () => {
    const recording = readSharedFixture(`${DIR}/alibaba-text.chunks.txt`);
    rig.fake.reply(sseReply(recording));
    const out = await stream(rig, {}, 'qwen3-max');
    expect(out.meta).toEqual({ id: 'chatcmpl-d2d6aab7-cbca-970f-8aa6-7d58c9724733', model: 'qwen3-max', created: 1770764906 });
    expect(out.text).toBe(joinDeltas(chunksOf(recording), 'content'));
    expect(out.text.endsWith(' are woven together."*')).toBe(true);
    expect(out.finish).toEqual({ reason: 'stop', raw: 'stop' });
    expect(counts(out.usage)).toEqual({ inputTokens: 18, cachedInputTokens: 0, outputTokens: 779 });
    expect(out.usage?.reasoningTokens).toBeUndefined();
  });

  it('reasoning, non-streaming', async () => {
    const body = sharedJson(`${DIR}/alibaba-reasoning.json`);
    rig.fake.reply({ json: body });
    const result = await chat(rig, {}, 'qwen3-max');
    expect(result.reasoning).toBe(body.choices[0].message.reasoning_content);
    expect(result.reasoning?.startsWith('We are asked:')).toBe(true);
    expect(result.text).toBe(body.choices[0].message.content);
    expect(counts(result.usage)).toEqual({ inputTokens: 24, cachedInputTokens: 0, outputTokens: 1668, reasoningTokens: 1353 });
  });

  it('reasoning, streaming', async () => {
    const recording = readSharedFixture(`${DIR}/alibaba-reasoning.chunks.txt`);
    rig.fake.reply(sseReply(recording));
    const out = await stream(rig, {}, 'qwen3-max');
    const chunks = chunksOf(recording);
    expect(out.reasoning).toBe(joinDeltas(chunks, 'reasoning_content'));
    expect(out.reasoning.startsWith('We are asked:')).toBe(true);
    expect(out.text).toBe(joinDeltas(chunks, 'content'));
    expect(out.text.startsWith('The word **"strawberry"** contains **3** instances')).toBe(true);
    expect(out.finish).toEqual({ reason: 'stop', raw: 'stop' });
    expect(counts(out.usage)).toEqual({ inputTokens: 24, cachedInputTokens: 0, outputTokens: 1355, reasoningTokens: 1084 });
  });

  it('tool call, non-streaming', async () => {
    rig.fake.reply({ json: sharedJson(`${DIR}/alibaba-tool-call.json`) });
    const result = await chat(rig, {}, 'qwen3-max');
    expect(result.text).toBeNull();
    expect(result.toolCalls).toEqual([
      { id: 'call_962bfd2ab8f54b89a1161356', name: 'weather', arguments: '{"location": "San Francisco"}' },
    ]);
    expect(result.finishReason).toBe('tool_calls');
    expect(counts(result.usage)).toEqual({ inputTokens: 295, cachedInputTokens: 0, outputTokens: 22 });
  });

  it('tool call, streaming: the trailing delta with an empty id and no name opens no second call', async () => {
    const recording = readSharedFixture(`${DIR}/alibaba-tool-call.chunks.txt`);
    rig.fake.reply(sseReply(recording));
    const out = await stream(rig, {}, 'qwen3-max');
    expect(out.toolCalls).toEqual([
      { id: 'call_eee11723464a4b9eb8cee71d', name: 'weather', arguments: '{"location": "San Francisco"}' },
    ]);
    expect(out.parts.filter((p) => p.type === 'tool-call-start')).toHaveLength(1);
    expect(out.text).toBe('');
    expect(out.finish).toEqual({ reason: 'tool_calls', raw: 'tool_calls' });
    expect(counts(out.usage)).toEqual({ inputTokens: 295, cachedInputTokens: 0, outputTokens: 22 });
  });

  it('forwards vendor fields the gateway does not model (enable_thinking)', async () => {
    rig.fake.reply(sseReply(readSharedFixture(`${DIR}/alibaba-reasoning.chunks.txt`)));
    await stream(rig, { extra: { enable_thinking: true, thinking_budget: 2048 } }, 'qwen3-max');
    const sent = rig.fake.lastRequest.json;
    expect(sent.enable_thinking).toBe(true);
    expect(sent.thinking_budget).toBe(2048);
    expect(sent.stream_options).toEqual({ include_usage: true });
  });
});
