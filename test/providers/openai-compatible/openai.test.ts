import { describe, expect, it } from 'vitest';
import { readSharedFixture, sharedFixturesDir } from '../../support/shared-fixtures.js';
import {
  chat,
  chunksOf,
  counts,
  gatewayError,
  joinDeltas,
  recorded,
  sharedJson,
  sseReply,
  stream,
  useAdapter,
} from './harness.js';

const DIR = 'vercel-ai/packages/openai/src/chat/__fixtures__';

describe.skipIf(!sharedFixturesDir)(recorded('openai replays (vercel-ai chat fixtures)'), () => {
  const rig = useAdapter('openai');

  it('text, non-streaming', async () => {
    const body = sharedJson(`${DIR}/openai-text.json`);
    rig.fake.reply({ json: body });
    const result = await chat(rig, { maxTokens: 500 }, 'gpt-4.1-nano');
    expect(result).toEqual({
      id: 'chatcmpl-D8Z5f52zQqikDBEKQMQoYcWMcWPeU',
      model: 'gpt-4.1-nano-2025-04-14',
      created: 1770933883,
      text: body.choices[0].message.content,
      toolCalls: [],
      finishReason: 'stop',
      rawFinishReason: 'stop',
      usage: { inputTokens: 16, cachedInputTokens: 0, outputTokens: 363, reasoningTokens: 0, raw: body.usage },
    });
    expect(result.text?.startsWith('**Holiday Name:** Galaxy Day')).toBe(true);
    // `refusal: null` is no refusal
    expect(result).not.toHaveProperty('refusal');
    // the openai profile names the output limit max_completion_tokens
    expect(rig.fake.lastRequest.json).toEqual({
      model: 'gpt-4.1-nano',
      messages: [{ role: 'user', content: 'Hello!' }],
      max_completion_tokens: 500,
    });
  });

  it('text, streaming: finish chunk, then a usage chunk with no choices, then [DONE]', async () => {
    const recording = readSharedFixture(`${DIR}/openai-text.chunks.txt`);
    rig.fake.reply(sseReply(recording));
    const out = await stream(rig, { maxTokens: 300 }, 'gpt-4.1-nano');
    expect(out.meta).toEqual({ id: 'chatcmpl-D8Z5oo6uDh67AD85p73ksdT1KxhE0', model: 'gpt-4.1-nano-2025-04-14', created: 1770933892 });
    expect(out.text).toBe(joinDeltas(chunksOf(recording), 'content'));
    expect(out.text.startsWith('**Holiday')).toBe(true);
    expect(out.refusal).toBe('');
    expect(out.finish).toEqual({ reason: 'stop', raw: 'stop' });
    expect(counts(out.usage)).toEqual({ inputTokens: 16, cachedInputTokens: 0, outputTokens: 300, reasoningTokens: 0 });
    expect(rig.fake.lastRequest.json).toEqual({
      model: 'gpt-4.1-nano',
      messages: [{ role: 'user', content: 'Hello!' }],
      max_completion_tokens: 300,
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('Azure model router, streaming: the id-less prompt-filter chunk does not become the answer metadata', async () => {
    rig.fake.reply(sseReply(readSharedFixture(`${DIR}/azure-model-router.1.chunks.txt`)));
    const out = await stream(rig, {}, 'model-router');
    expect(out.meta).toEqual({ id: 'chatcmpl-CYPS1lijGoK8gd9lYzY3r9Sx50nbt', model: 'gpt-5-nano-2025-08-07', created: 1762317021 });
    expect(out.text).toBe('Capital of Denmark.');
    expect(out.finish).toEqual({ reason: 'stop', raw: 'stop' });
    expect(counts(out.usage)).toEqual({ inputTokens: 15, cachedInputTokens: 0, outputTokens: 78, reasoningTokens: 64 });
  });

  it('a 400 for a legacy parameter keeps OpenAI\'s message', async () => {
    rig.fake.reply({ status: 400, json: sharedJson(`${DIR}/reasoning-model-legacy-parameter-error.json`) });
    const err = await gatewayError(chat(rig, {}, 'o3'));
    expect(err.code).toBe('upstream_bad_request');
    expect(err.status).toBe(400);
    expect(err.upstreamStatus).toBe(400);
    expect(err.retryable).toBe(false);
    expect(err.provider).toBe('openai');
    expect(err.message).toBe(
      "Provider 'openai' returned HTTP 400: Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
    );
  });
});
