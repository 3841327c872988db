import { describe, expect, it } from 'vitest';
import { readSharedFixture, sharedFixturesDir } from '../../support/shared-fixtures.js';
import { chat, chunksOf, counts, joinDeltas, recorded, sharedJson, sseReply, stream, useAdapter } from './harness.js';

const DIR = 'vercel-ai/packages/groq/src/__fixtures__';

describe.skipIf(!sharedFixturesDir)(recorded('groq replays'), () => {
  const rig = useAdapter('groq');

  it('text, non-streaming: Groq reports no cache or reasoning counts, so they stay unknown', async () => {
    const body = sharedJson(`${DIR}/groq-text.json`);
    rig.fake.reply({ json: body });
    const result = await chat(rig, {}, 'llama-3.3-70b-versatile');
    expect(result).toEqual({
      id: 'chatcmpl-09d64d2a-ed1c-4473-829f-78db43f45d13',
      model: 'llama-3.3-70b-versatile',
      created: 1770770798,
      text: body.choices[0].message.content,
      toolCalls: [],
      finishReason: 'stop',
      rawFinishReason: 'stop',
      usage: { inputTokens: 45, outputTokens: 607, raw: body.usage },
    });
    expect(result.usage).not.toHaveProperty('cachedInputTokens', 0);
    expect(result.usage?.cachedInputTokens).toBeUndefined();
    expect(result.usage?.reasoningTokens).toBeUndefined();
  });

  it('text, streaming: usage on the finish chunk (top level and in x_groq)', async () => {
    const recording = readSharedFixture(`${DIR}/groq-text.chunks.txt`);
    rig.fake.reply(sseReply(recording));
    const out = await stream(rig, {}, 'llama-3.3-70b-versatile');
    expect(out.meta).toEqual({
      id: 'chatcmpl-7eb08824-fb8d-47af-a1f0-3aa786f2d1f3',
      model: 'llama-3.3-70b-versatile',
      created: 1770770839,
    });
    expect(out.text).toBe(joinDeltas(chunksOf(recording), 'content'));
    expect(out.text.startsWith('Int')).toBe(true);
    expect(out.finish).toEqual({ reason: 'stop', raw: 'stop' });
    expect(counts(out.usage)).toEqual({ inputTokens: 45, outputTokens: 662 });
  });

  it('reasoning via the `reasoning` field, non-streaming', async () => {
    const body = sharedJson(`${DIR}/groq-reasoning.json`);
    rig.fake.reply({ json: body });
    const result = await chat(rig, {}, 'qwen/qwen3-32b');
    expect(result.reasoning).toBe(body.choices[0].message.reasoning);
    expect(result.reasoning?.startsWith('Okay, so the user is asking how many times the letter "r" appears')).toBe(true);
    expect(result.text?.startsWith('The word "strawberry" contains **3** instances of the letter **R**.')).toBe(true);
    expect(counts(result.usage)).toEqual({ inputTokens: 17, outputTokens: 649, reasoningTokens: 570 });
  });

  it('reasoning via the `reasoning` field, streaming', async () => {
    const recording = readSharedFixture(`${DIR}/groq-reasoning.chunks.txt`);
    rig.fake.reply(sseReply(recording));
    const out = await stream(rig, {}, 'qwen/qwen3-32b');
    const chunks = chunksOf(recording);
    expect(out.reasoning).toBe(joinDeltas(chunks, 'reasoning'));
    expect(out.reasoning.startsWith('Okay,')).toBe(true);
    expect(out.text).toBe(joinDeltas(chunks, 'content'));
    expect(out.text.endsWith('}$')).toBe(true);
    expect(out.finish).toEqual({ reason: 'stop', raw: 'stop' });
    expect(counts(out.usage)).toEqual({ inputTokens: 17, outputTokens: 1107, reasoningTokens: 963 });
  });

  it('tool call, non-streaming: no content field at all', async () => {
    rig.fake.reply({ json: sharedJson(`${DIR}/groq-tool-call.json`) });
    const result = await chat(rig, {}, 'llama-3.3-70b-versatile');
    expect(result.text).toBeNull();
    expect(result.toolCalls).toEqual([{ id: 'ax9fskhev', name: 'weather', arguments: '{}' }]);
    expect(result.finishReason).toBe('tool_calls');
    expect(counts(result.usage)).toEqual({ inputTokens: 218, outputTokens: 15 });
  });

  it('tool call, streaming: the whole call in one delta', async () => {
    rig.fake.reply(sseReply(readSharedFixture(`${DIR}/groq-tool-call.chunks.txt`)));
    const out = await stream(rig, {}, 'llama-3.3-70b-versatile');
    expect(out.toolCalls).toEqual([{ id: 'tk85n1k4m', name: 'weather', arguments: '{}' }]);
    expect(out.finish).toEqual({ reason: 'tool_calls', raw: 'tool_calls' });
    expect(counts(out.usage)).toEqual({ inputTokens: 210, outputTokens: 15 });
  });

  it('sends tools and a named tool choice in the OpenAI shape', async () => {
    rig.fake.reply({ json: sharedJson(`${DIR}/groq-tool-call.json`) });
    await chat(
      rig,
      {
        messages: [{ role: 'user', content: 'What is the weather in San Francisco?' }],
        tools: [{ name: 'weather', description: 'Get the weather', parameters: { type: 'object', properties: {} } }],
        toolChoice: { name: 'weather' },
        parallelToolCalls: false,
        temperature: 0,
      },
      'llama-3.3-70b-versatile',
    );
    expect(rig.fake.lastRequest.json).toEqual({
      model: 'llama-3.3-70b-versatile',
      messages: [{ role: 'user', content: 'What is the weather in San Francisco?' }],
      tools: [
        {
          type: 'function',
          function: { name: 'weather', description: 'Get the weather', parameters: { type: 'object', properties: {} } },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'weather' } },
      parallel_tool_calls: false,
      temperature: 0,
    });
  });
});
