import { describe, expect, it } from 'vitest';
import { readSharedFixture, sharedFixturesDir } from '../../support/shared-fixtures.js';
import { chat, counts, recorded, sharedJson, sseReply, stream, useAdapter } from './harness.js';

const DIR = 'vercel-ai/packages/mistral/src/__fixtures__';

describe.skipIf(!sharedFixturesDir)(recorded('mistral replays'), () => {
  const rig = useAdapter('mistral');

  it('text, non-streaming: `tool_calls: null` and no cache counts', async () => {
    const body = sharedJson(`${DIR}/mistral-text.json`);
    rig.fake.reply({ json: body });
    const result = await chat(rig, {}, 'mistral-small-latest');
    expect(result).toEqual({
      id: '5319bd0299614c679a0068a4f2c8ffd0',
      model: 'mistral-small-latest',
      created: 1769088720,
      text: body.choices[0].message.content,
      toolCalls: [],
      finishReason: 'stop',
      rawFinishReason: 'stop',
      usage: { inputTokens: 13, outputTokens: 434, raw: body.usage },
    });
    expect(result.text?.startsWith('**Holiday Name: "World Kindness Day of Sharing"**')).toBe(true);
  });

  it('text, streaming: usage comes unasked on the finish chunk', async () => {
    rig.fake.reply(sseReply(readSharedFixture(`${DIR}/mistral-text.chunks.txt`)));
    const out = await stream(rig, {}, 'mistral-small-latest');
    expect(out.meta).toEqual({ id: '5319bd0299614c679a0068a4f2c8ffd0', model: 'mistral-small-latest', created: 1769088720 });
    expect(out.text).toBe('Hello, world! This is a test response.');
    expect(out.finish).toEqual({ reason: 'stop', raw: 'stop' });
    expect(counts(out.usage)).toEqual({ inputTokens: 13, outputTokens: 8 });
  });

  it('reasoning as `thinking` content parts, non-streaming', async () => {
    rig.fake.reply({ json: sharedJson(`${DIR}/mistral-reasoning.json`) });
    const result = await chat(rig, {}, 'magistral-medium-2507');
    expect(result.text).toBe('2 + 2 = 4');
    expect(result.reasoning).toBe('The user is asking for 2+2. This is basic arithmetic. 2+2=4.');
    expect(result.finishReason).toBe('stop');
    expect(counts(result.usage)).toEqual({ inputTokens: 10, outputTokens: 46 });
  });

  it('reasoning as `thinking` content parts, streaming', async () => {
    rig.fake.reply(sseReply(readSharedFixture(`${DIR}/mistral-reasoning.chunks.txt`)));
    const out = await stream(rig, {}, 'magistral-medium-2507');
    expect(out.reasoning).toBe('The user is asking for 2+2. This is basic arithmetic. 2+2=4.');
    expect(out.text).toBe('2 + 2 = 4');
    expect(out.finish).toEqual({ reason: 'stop', raw: 'stop' });
    expect(counts(out.usage)).toEqual({ inputTokens: 10, outputTokens: 46 });
  });

  it('tool call, non-streaming: no content, no `type`, no `index`', async () => {
    rig.fake.reply({ json: sharedJson(`${DIR}/mistral-tool-call.json`) });
    const result = await chat(rig, {}, 'mistral-small-latest');
    expect(result.text).toBeNull();
    expect(result.toolCalls).toEqual([{ id: 'gSIMJiOkT', name: 'weather', arguments: '{"location": "San Francisco"}' }]);
    expect(result.finishReason).toBe('tool_calls');
    expect(counts(result.usage)).toEqual({ inputTokens: 124, outputTokens: 22 });
  });

  it('tool call, streaming: call, finish and usage in one chunk, without an index', async () => {
    rig.fake.reply(sseReply(readSharedFixture(`${DIR}/mistral-tool-call.chunks.txt`)));
    const out = await stream(rig, {}, 'mistral-small-latest');
    expect(out.toolCalls).toEqual([{ id: 'gSIMJiOkT', name: 'weather', arguments: '{"location": "San Francisco"}' }]);
    expect(out.finish).toEqual({ reason: 'tool_calls', raw: 'tool_calls' });
    expect(counts(out.usage)).toEqual({ inputTokens: 124, outputTokens: 22 });
  });

  it('sends random_seed instead of seed, and no stream_options', async () => {
    rig.fake.reply(sseReply(readSharedFixture(`${DIR}/mistral-text.chunks.txt`)));
    await stream(rig, { seed: 42, maxTokens: 64, topP: 0.9, stop: ['\n\n'] }, 'mistral-small-latest');
    expect(rig.fake.lastRequest.json).toEqual({
      model: 'mistral-small-latest',
      messages: [{ role: 'user', content: 'Hello!' }],
      random_seed: 42,
      max_tokens: 64,
      top_p: 0.9,
      stop: ['\n\n'],
      stream: true,
    });
  });
});

describe.skipIf(!sharedFixturesDir)(recorded('GLM behind a vLLM-style server (mistral-incremental-tool-call)'), () => {
  // Filed under vercel-ai's mistral package, but the model (zai-glm-5-2) and the `chatcmpl-tool-…` ids are a
  // vLLM-style server's: replayed with the vllm profile.
  const rig = useAdapter('vllm');

  it('an empty name in a later delta neither renames nor reopens the call; cache hits are counted', async () => {
    rig.fake.reply(sseReply(readSharedFixture(`${DIR}/mistral-incremental-tool-call.chunks.txt`)));
    const out = await stream(rig, {}, 'zai-glm-5-2');
    expect(out.meta).toEqual({ id: '735e434874a24f68a2390b3cab149242', model: 'zai-glm-5-2', created: 1787234678 });
    expect(out.toolCalls).toEqual([
      { id: 'chatcmpl-tool-9f149c74c42f265b', name: 'webSearchTool', arguments: '{"query": "current Berlin weather"}' },
    ]);
    expect(out.text).toBe('');
    expect(out.finish).toEqual({ reason: 'tool_calls', raw: 'tool_calls' });
    expect(counts(out.usage)).toEqual({ inputTokens: 171, cachedInputTokens: 128, outputTokens: 14 });
  });
});
