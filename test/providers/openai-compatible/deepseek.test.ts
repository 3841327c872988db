import { describe, expect, it } from 'vitest';
import { readSharedFixture, sharedFixturesDir } from '../../support/shared-fixtures.js';
import { chat, chunksOf, counts, joinDeltas, recorded, sharedJson, sseReply, stream, useAdapter } from './harness.js';

const DIR = 'vercel-ai/packages/deepseek/src/chat/__fixtures__';

describe.skipIf(!sharedFixturesDir)(recorded('deepseek replays'), () => {
  const rig = useAdapter('deepseek');

  it('text, non-streaming: finish length, no reasoning count reported', async () => {
    const body = sharedJson(`${DIR}/deepseek-text.json`);
    rig.fake.reply({ json: body });
    const result = await chat(rig, {}, 'deepseek-chat');
    expect(result).toEqual({
      id: '00f10ecd-60b3-4707-b5db-e4bcadf7aea1',
      model: 'deepseek-chat',
      created: 1764656316,
      text: body.choices[0].message.content,
      toolCalls: [],
      finishReason: 'length',
      rawFinishReason: 'length',
      usage: { inputTokens: 13, cachedInputTokens: 0, outputTokens: 300, raw: body.usage },
    });
    expect(result.usage?.reasoningTokens).toBeUndefined();
    expect(result.text?.startsWith('## **Holiday Name: Gratitude of Small Things Day (GST Day)**')).toBe(true);
  });

  it('text, streaming', async () => {
    const recording = readSharedFixture(`${DIR}/deepseek-text.chunks.txt`);
    rig.fake.reply(sseReply(recording));
    const out = await stream(rig, {}, 'deepseek-chat');
    expect(out.meta).toEqual({ id: 'f6117a0b-129d-46fa-b239-78f01c2c5df9', model: 'deepseek-chat', created: 1764657993 });
    expect(out.text).toBe(joinDeltas(chunksOf(recording), 'content'));
    expect(out.text.startsWith('##')).toBe(true);
    expect(out.reasoning).toBe('');
    expect(out.toolCalls).toEqual([]);
    expect(out.finish).toEqual({ reason: 'length', raw: 'length' });
    expect(counts(out.usage)).toEqual({ inputTokens: 13, cachedInputTokens: 0, outputTokens: 400 });
    expect(out.usage?.reasoningTokens).toBeUndefined();
  });

  it('reasoning, non-streaming: reasoning_content is reasoning, reasoning tokens are a part of the output', async () => {
    const body = sharedJson(`${DIR}/deepseek-reasoning.json`);
    rig.fake.reply({ json: body });
    const result = await chat(rig, {}, 'deepseek-reasoner');
    expect(result.text).toBe(
      'The word "strawberry" contains three instances of the letter "r": one after the "t" and two before the "y".',
    );
    expect(result.reasoning).toBe(body.choices[0].message.reasoning_content);
    expect(result.reasoning?.startsWith('We are asked: "How many \'r\'s are in the word \'strawberry\'?"')).toBe(true);
    expect(result.finishReason).toBe('stop');
    expect(counts(result.usage)).toEqual({ inputTokens: 18, cachedInputTokens: 0, outputTokens: 345, reasoningTokens: 315 });
  });

  it('reasoning, streaming', async () => {
    const recording = readSharedFixture(`${DIR}/deepseek-reasoning.chunks.txt`);
    rig.fake.reply(sseReply(recording));
    const out = await stream(rig, {}, 'deepseek-reasoner');
    const chunks = chunksOf(recording);
    expect(out.reasoning).toBe(joinDeltas(chunks, 'reasoning_content'));
    expect(out.reasoning.startsWith('We')).toBe(true);
    expect(out.text).toBe(joinDeltas(chunks, 'content'));
    expect(out.text.endsWith('.')).toBe(true);
    // reasoning comes first: no text part before the last reasoning part
    const kinds = out.parts.map((p) => p.type).filter((t) => t === 'text' || t === 'reasoning');
    expect(kinds.indexOf('text')).toBeGreaterThan(kinds.lastIndexOf('reasoning'));
    expect(out.finish).toEqual({ reason: 'stop', raw: 'stop' });
    expect(counts(out.usage)).toEqual({ inputTokens: 18, cachedInputTokens: 0, outputTokens: 219, reasoningTokens: 205 });
  });

  it('tool call, non-streaming: empty content becomes null, cache hits are counted', async () => {
    const body = sharedJson(`${DIR}/deepseek-tool-call.json`);
    rig.fake.reply({ json: body });
    const result = await chat(rig, {}, 'deepseek-reasoner');
    expect(result.text).toBeNull();
    expect(result.reasoning).toBe(
      'The user is asking for the weather in San Francisco. I have a weather tool available that can get weather information for a location. I should use this tool with the location parameter set to "San Francisco". Let me call the weather function.',
    );
    expect(result.toolCalls).toEqual([
      { id: 'call_00_9V0vrf86Pc9aelHCJMZqnJBo', name: 'weather', arguments: '{"location": "San Francisco"}' },
    ]);
    expect(result.finishReason).toBe('tool_calls');
    expect(result.rawFinishReason).toBe('tool_calls');
    expect(counts(result.usage)).toEqual({ inputTokens: 339, cachedInputTokens: 320, outputTokens: 92, reasoningTokens: 48 });
  });

  it('tool call, streaming: arguments arrive a few characters at a time', async () => {
    const recording = readSharedFixture(`${DIR}/deepseek-tool-call.chunks.txt`);
    rig.fake.reply(sseReply(recording));
    const out = await stream(rig, {}, 'deepseek-reasoner');
    expect(out.reasoning).toBe(joinDeltas(chunksOf(recording), 'reasoning_content'));
    expect(out.text).toBe('');
    expect(out.toolCalls).toEqual([
      { id: 'call_00_ioIn7yN9p1ZOMNpDLwd4MgAF', name: 'weather', arguments: '{"location": "San Francisco"}' },
    ]);
    expect(JSON.parse(out.toolCalls[0]!.arguments)).toEqual({ location: 'San Francisco' });
    expect(out.finish).toEqual({ reason: 'tool_calls', raw: 'tool_calls' });
    expect(counts(out.usage)).toEqual({ inputTokens: 339, cachedInputTokens: 320, outputTokens: 83, reasoningTokens: 39 });
  });

  it('JSON answer, non-streaming', async () => {
    rig.fake.reply({ json: sharedJson(`${DIR}/deepseek-json.json`) });
    const result = await chat(rig, { responseFormat: { type: 'json_object' } }, 'deepseek-reasoner');
    expect(rig.fake.lastRequest.json.response_format).toEqual({ type: 'json_object' });
    expect(JSON.parse(result.text!)).toEqual({ location: 'San Francisco', condition: 'cloudy', temperature: 7 });
    expect(result.reasoning?.startsWith('I have the result from the weather tool.')).toBe(true);
    expect(result.finishReason).toBe('stop');
    expect(counts(result.usage)).toEqual({ inputTokens: 495, cachedInputTokens: 320, outputTokens: 144, reasoningTokens: 118 });
  });

  it('sends the DeepSeek request: bearer key, stream_options, no reasoning replayed in history', async () => {
    rig.fake.reply(sseReply(readSharedFixture(`${DIR}/deepseek-text.chunks.txt`)));
    await stream(
      rig,
      {
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello.', reasoning: 'The user greets me.' },
          { role: 'user', content: 'Write a holiday.' },
        ],
        maxTokens: 400,
      },
      'deepseek-chat',
    );
    const sent = rig.fake.lastRequest;
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe('Bearer sk-test-0123456789abcdef');
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.json).toEqual({
      model: 'deepseek-chat',
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello.' },
        { role: 'user', content: 'Write a holiday.' },
      ],
      max_tokens: 400,
      stream: true,
      stream_options: { include_usage: true },
    });
  });
});
