/**
 * Wire quirks of OpenAI-compatible vendors, replayed from our own small hand-written fixtures
 * (test/fixtures/openai-compatible/): these always run, with or without ../shared.
 */
import { describe, expect, it } from 'vitest';
import { readOwnFixture } from '../../support/shared-fixtures.js';
import { chat, counts, gatewayError, sseReply, stream, useAdapter } from './harness.js';

const own = (name: string) => readOwnFixture(`openai-compatible/${name}`);
const ownJson = (name: string) => JSON.parse(own(name));

describe('reasoning inline as <think>…</think> (minimax profile)', () => {
  const rig = useAdapter('minimax');

  it('streaming: tags cut across chunks are still found; a `<` later in the answer is text', async () => {
    rig.fake.reply(sseReply(own('minimax-think-tags.chunks.txt')));
    const out = await stream(rig, {}, 'MiniMax-M2');
    expect(out.reasoning).toBe('\nThe user greets me. I should greet them back.\n');
    expect(out.text).toBe('Hello! How can I <help> you today?');
    expect(out.parts.some((p) => (p.type === 'text' || p.type === 'reasoning') && p.text.includes('think>'))).toBe(false);
    expect(out.finish).toEqual({ reason: 'stop', raw: 'stop' });
    expect(counts(out.usage)).toEqual({ inputTokens: 41, outputTokens: 27 });
  });

  it('non-streaming', async () => {
    rig.fake.reply({ json: ownJson('minimax-think-tags.json') });
    const result = await chat(rig, {}, 'MiniMax-M2');
    expect(result.reasoning).toBe('\nThe user greets me. I should greet them back.\n');
    expect(result.text).toBe('Hello! How can I help you today?');
  });

  it('an answer without a think block is left alone, leading whitespace included', async () => {
    rig.fake.reply({
      sse: [
        'data: {"id":"x1","model":"MiniMax-M2","choices":[{"index":0,"delta":{"content":"\\n"}}]}\n\n',
        'data: {"id":"x1","model":"MiniMax-M2","choices":[{"index":0,"delta":{"content":"<b>Hi</b>"},"finish_reason":"stop"}]}\n\n',
        'data: [DONE]\n\n',
      ],
    });
    const out = await stream(rig, {}, 'MiniMax-M2');
    expect(out.reasoning).toBe('');
    expect(out.text).toBe('\n<b>Hi</b>');
  });
});

describe('think tags are not split for profiles without them', () => {
  const rig = useAdapter('openai-compatible');

  it('a <think> block stays in the text', async () => {
    rig.fake.reply({ json: ownJson('minimax-think-tags.json') });
    const result = await chat(rig, {}, 'some-model');
    expect(result.text).toBe('<think>\nThe user greets me. I should greet them back.\n</think>\n\nHello! How can I help you today?');
    expect(result).not.toHaveProperty('reasoning');
  });
});

describe('usage inside choices[0] (moonshot)', () => {
  const rig = useAdapter('moonshot');

  it('is read, with Moonshot\'s top-level cached_tokens', async () => {
    rig.fake.reply(sseReply(own('moonshot-usage-in-choice.chunks.txt')));
    const out = await stream(rig, {}, 'kimi-k2-0905-preview');
    expect(out.text).toBe('Hello there!');
    expect(out.finish).toEqual({ reason: 'stop', raw: 'stop' });
    expect(counts(out.usage)).toEqual({ inputTokens: 19, cachedInputTokens: 16, outputTokens: 3 });
    expect(out.usage?.reasoningTokens).toBeUndefined();
  });
});

describe('odd deltas (openai-compatible profile)', () => {
  const rig = useAdapter('openai-compatible', 'local');

  it('an empty `role: ""` in every delta is ignored', async () => {
    rig.fake.reply(sseReply(own('empty-role.chunks.txt')));
    const out = await stream(rig, {}, 'ernie-4.5-turbo-128k');
    expect(out.text).toBe('Bonjour !');
    expect(out.finish).toEqual({ reason: 'stop', raw: 'stop' });
    expect(counts(out.usage)).toEqual({ inputTokens: 6, outputTokens: 3 });
  });

  it('streamed tool calls without ids get generated, distinct ids', async () => {
    rig.fake.reply(sseReply(own('tool-calls-without-ids.chunks.txt')));
    const out = await stream(rig, {}, 'llama3.2');
    expect(out.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
      { name: 'get_weather', args: '{"city":"Paris"}' },
      { name: 'get_weather', args: '{"city":"Lyon"}' },
    ]);
    const [a, b] = out.toolCalls.map((c) => c.id);
    expect(a).toMatch(/^call_[0-9a-f]{24}$/);
    expect(b).toMatch(/^call_[0-9a-f]{24}$/);
    expect(a).not.toBe(b);
    expect(out.finish).toEqual({ reason: 'tool_calls', raw: 'tool_calls' });
    expect(counts(out.usage)).toEqual({ inputTokens: 88, outputTokens: 31 });
  });

  it('tool calls without ids, non-streaming: ids generated; object arguments become JSON text', async () => {
    rig.fake.reply({ json: ownJson('tool-calls-without-ids.json') });
    const result = await chat(rig, {}, 'llama3.2');
    expect(result.text).toBeNull();
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
      { name: 'get_weather', args: '{"city":"Paris"}' },
      { name: 'get_weather', args: '{"city":"Lyon"}' },
    ]);
    const ids = result.toolCalls.map((c) => c.id);
    expect(ids.every((id) => /^call_[0-9a-f]{24}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(2);
  });

  it('several tool calls reusing index 0 with distinct ids are separate calls', async () => {
    rig.fake.reply(sseReply(own('tool-calls-reusing-index.chunks.txt')));
    const out = await stream(rig, {}, 'gemini-2.5-flash');
    expect(out.text).toBe('Checking both.');
    expect(out.toolCalls).toEqual([
      { id: 'function-call-1178', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { id: 'function-call-1179', name: 'get_time', arguments: '{"timezone":"Europe/Paris"}' },
    ]);
    expect(out.finish).toEqual({ reason: 'tool_calls', raw: 'tool_calls' });
  });

  it('finish_reason `eos` is a stop, streaming and not, the raw value kept', async () => {
    rig.fake.reply(sseReply(own('finish-eos.chunks.txt')));
    const out = await stream(rig, {}, 'meta-llama/Llama-3.3-70B-Instruct-Turbo');
    expect(out.text).toBe('Yes.');
    expect(out.finish).toEqual({ reason: 'stop', raw: 'eos' });

    rig.fake.reply({ json: ownJson('finish-eos.json') });
    const result = await chat(rig, {}, 'meta-llama/Llama-3.3-70B-Instruct-Turbo');
    expect(result.text).toBe('Yes.');
    expect(result.finishReason).toBe('stop');
    expect(result.rawFinishReason).toBe('eos');
  });

  it('a stream that ends without finish_reason or [DONE] is stream_interrupted, after the text it had', async () => {
    rig.fake.reply(sseReply(own('stream-without-finish.chunks.txt'), { done: false }));
    const parts = await rig.adapter.streamChat({
      request: { model: 'm', messages: [{ role: 'user', content: 'Hi' }], stream: true, includeUsage: false },
      model: 'qwen3-32b',
      signal: new AbortController().signal,
    });
    const seen: string[] = [];
    const err = await gatewayError(
      (async () => {
        for await (const part of parts) if (part.type === 'text') seen.push(part.text);
      })(),
    );
    expect(seen.join('')).toBe('The answer is');
    expect(err.code).toBe('stream_interrupted');
    expect(err.provider).toBe('local');
    expect(err.retryable).toBe(false);
  });

  it('a stream that ends with [DONE] but names no finish reason stopped normally', async () => {
    rig.fake.reply(sseReply(own('stream-without-finish.chunks.txt'), { done: true }));
    const out = await stream(rig, {}, 'qwen3-32b');
    expect(out.text).toBe('The answer is');
    expect(out.finish).toEqual({ reason: 'stop' });
  });

  it('a connection cut mid-stream is stream_interrupted too, never a finished answer', async () => {
    const frames = sseReply(own('finish-eos.chunks.txt')).sse!;
    rig.fake.reply({ sse: frames, cutAfterFrames: 2, frameDelayMs: 20 });
    const err = await gatewayError(stream(rig, {}, 'meta-llama/Llama-3.3-70B-Instruct-Turbo'));
    expect(err.code).toBe('stream_interrupted');
    expect(err.message).toMatch(/^Provider 'local' closed the connection before its answer was complete/);
    expect(err.provider).toBe('local');
  });

  it('an in-band {"error":{…}} chunk mid-stream is thrown with the provider\'s message and status', async () => {
    rig.fake.reply(sseReply(own('in-band-error.chunks.txt')));
    const err = await gatewayError(stream(rig, {}, 'moonshotai/kimi-k2'));
    expect(err.code).toBe('upstream_error');
    expect(err.upstreamStatus).toBe(502);
    expect(err.message).toBe("Provider 'local' returned HTTP 502: Provider returned error: upstream connection reset");
  });

  it('finish_reason `error` without an error object is an error, not a stop', async () => {
    rig.fake.reply(sseReply(own('finish-error.chunks.txt')));
    const err = await gatewayError(stream(rig, {}, 'moonshotai/kimi-k2'));
    expect(err.code).toBe('upstream_error');
    expect(err.message).toContain("'local'");
  });

  it('an empty keep-alive data line and SSE comments are skipped', async () => {
    rig.fake.reply({
      sse: [
        ': OPENROUTER PROCESSING\n\n',
        'data: \n\n',
        'data: {"id":"k1","model":"m","created":1762600000,"choices":[{"index":0,"delta":{"content":"ok"},"finish_reason":"stop"}]}\n\n',
        'data: [DONE]\n\n',
      ],
    });
    const out = await stream(rig, {}, 'm');
    expect(out.text).toBe('ok');
    expect(out.finish).toEqual({ reason: 'stop', raw: 'stop' });
  });

  it('a server that ignores stream:true and answers with one JSON body still streams the answer', async () => {
    rig.fake.reply({ json: ownJson('finish-eos.json') });
    const out = await stream(rig, {}, 'meta-llama/Llama-3.3-70B-Instruct-Turbo');
    expect(out.meta).toEqual({ id: '8f3c2a1b-eos-2', model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', created: 1762300001 });
    expect(out.text).toBe('Yes.');
    expect(out.finish).toEqual({ reason: 'stop', raw: 'eos' });
    expect(counts(out.usage)).toEqual({ inputTokens: 11, outputTokens: 2 });
  });

  it('usage on every chunk (vLLM continuous usage) is reported once, with the final counts', async () => {
    rig.fake.reply(sseReply(own('usage-every-chunk.chunks.txt')));
    const out = await stream(rig, {}, 'Qwen/Qwen3-8B');
    expect(out.text).toBe('Four.');
    expect(out.parts.filter((p) => p.type === 'usage')).toHaveLength(1);
    expect(counts(out.usage)).toEqual({ inputTokens: 14, cachedInputTokens: 8, outputTokens: 2 });
    expect(out.parts.at(-2)?.type).toBe('usage');
    expect(out.finish).toEqual({ reason: 'stop', raw: 'stop' });
  });

  it('an event stream labelled application/json is still read as a stream', async () => {
    rig.fake.reply({
      headers: { 'content-type': 'application/json' },
      body: 'data: {"id":"j1","model":"m","choices":[{"index":0,"delta":{"content":"fine"},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n',
    });
    const out = await stream(rig, {}, 'm');
    expect(out.text).toBe('fine');
    expect(out.finish).toEqual({ reason: 'stop', raw: 'stop' });
  });

  it('a refusal is its own part, streaming and not', async () => {
    rig.fake.reply({
      sse: [
        'data: {"id":"r1","model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":null,"refusal":""}}]}\n\n',
        'data: {"id":"r1","model":"m","choices":[{"index":0,"delta":{"refusal":"I can\u0027t help"}}]}\n\n',
        'data: {"id":"r1","model":"m","choices":[{"index":0,"delta":{"refusal":" with that."},"finish_reason":"stop"}]}\n\n',
        'data: [DONE]\n\n',
      ],
    });
    const out = await stream(rig, {}, 'm');
    expect(out.refusal).toBe("I can't help with that.");
    expect(out.text).toBe('');

    rig.fake.reply({
      json: {
        id: 'r2',
        choices: [{ index: 0, message: { role: 'assistant', content: null, refusal: "I can't help with that." }, finish_reason: 'stop' }],
      },
    });
    const result = await chat(rig, {}, 'm');
    expect(result.refusal).toBe("I can't help with that.");
    expect(result.text).toBeNull();
  });

  it("the caller's abort mid-stream ends it with the caller's reason, not a provider error", async () => {
    rig.fake.reply({ ...sseReply(own('finish-eos.chunks.txt')), frameDelayMs: 200 });
    const controller = new AbortController();
    const parts = await rig.adapter.streamChat({
      request: { model: 'm', messages: [{ role: 'user', content: 'Hi' }], stream: true, includeUsage: false },
      model: 'm',
      signal: controller.signal,
    });
    const reason = new Error('client went away');
    let caught: unknown;
    try {
      for await (const part of parts) if (part.type === 'text') controller.abort(reason);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBe(reason);
  });

  it('reasoning sent in both `reasoning_content` and `reasoning` is read once, from the non-empty one', async () => {
    rig.fake.reply({
      sse: [
        'data: {"id":"b1","model":"m","choices":[{"index":0,"delta":{"reasoning_content":"","reasoning":"Think."}}]}\n\n',
        'data: {"id":"b1","model":"m","choices":[{"index":0,"delta":{"reasoning_content":" Hard.","reasoning":" Hard."}}]}\n\n',
        'data: {"id":"b1","model":"m","choices":[{"index":0,"delta":{"content":"Done."},"finish_reason":"stop"}]}\n\n',
        'data: [DONE]\n\n',
      ],
    });
    const out = await stream(rig, {}, 'm');
    expect(out.reasoning).toBe('Think. Hard.');
    expect(out.text).toBe('Done.');
  });

  it('a second finish chunk, and a tool-call delta repeated after the finish, change nothing', async () => {
    rig.fake.reply({
      sse: [
        'data: {"id":"d1","model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_a","function":{"name":"f","arguments":"{}"}}]}}]}\n\n',
        'data: {"id":"d1","model":"m","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}\n\n',
        'data: {"id":"d1","model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_a","function":{"name":"f","arguments":"{}"}}]},"finish_reason":"stop"}]}\n\n',
        'data: [DONE]\n\n',
      ],
    });
    const out = await stream(rig, {}, 'm');
    expect(out.toolCalls).toEqual([{ id: 'call_a', name: 'f', arguments: '{}' }]);
    expect(out.finish).toEqual({ reason: 'tool_calls', raw: 'tool_calls' });
  });
});
