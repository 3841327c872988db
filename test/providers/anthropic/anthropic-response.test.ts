import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOwnFixture } from '../../support/shared-fixtures.js';
import { call, chatRequest, collect, sse, startHarness, type Harness } from './anthropic-test-kit.js';

/** Anthropic answers (our own hand-written fixtures) as canonical results and stream parts, exactly. */
describe('anthropic responses', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const ownJson = (name: string) => JSON.parse(readOwnFixture(`anthropic/${name}`)) as Record<string, unknown>;

  it('reads thinking (with its signature), redacted thinking, text and tool calls, skipping server tool blocks', async () => {
    const body = ownJson('thinking-tools.json');
    h.upstream.reply({ json: body });
    const result = await h.adapter.chat(call(chatRequest()));
    expect(result).toEqual({
      id: 'msg_sy_thinking_tools_01',
      model: 'claude-opus-4-1',
      text: 'Let me check both for you.',
      reasoning: 'The user wants the weather in Lyon and the time there.',
      reasoningBlocks: [
        { type: 'reasoning', text: 'The user wants the weather in Lyon and the time there.', signature: 'c2lnbmF0dXJlLW9uZQ==' },
        { type: 'redacted-reasoning', data: 'b3BhcXVlLXJlYXNvbmluZw==' },
      ],
      toolCalls: [
        { id: 'toolu_sy_weather', name: 'get_weather', arguments: '{"city":"Lyon","unit":"celsius"}' },
        { id: 'toolu_sy_clock', name: 'current_time', arguments: '{}' },
      ],
      finishReason: 'tool_calls',
      rawFinishReason: 'tool_use',
      usage: {
        inputTokens: 410,
        cachedInputTokens: 0,
        cacheWriteTokens: 0,
        outputTokens: 96,
        reasoningTokens: 24,
        raw: body.usage,
      },
    });
  });

  it('streams the same answer as parts: meta first, tool calls numbered from 0, exactly one finish', async () => {
    h.upstream.reply({ sse: sse(readOwnFixture('anthropic/thinking-tools.chunks.txt')) });
    const got = await collect(await h.adapter.streamChat(call(chatRequest({ stream: true }))));
    const parts = got.parts.filter((p) => p.type !== 'usage');
    expect(parts).toEqual([
      { type: 'meta', id: 'msg_sy_thinking_tools_02', model: 'claude-opus-4-1' },
      { type: 'reasoning', text: 'The user wants the weather' },
      { type: 'reasoning', text: ' in Lyon and the time there.' },
      { type: 'reasoning-signature', signature: 'c2lnbmF0dXJlLW9uZQ==' },
      { type: 'redacted-reasoning', data: 'b3BhcXVlLXJlYXNvbmluZw==' },
      { type: 'text', text: 'Let me check' },
      { type: 'text', text: ' both for you.' },
      { type: 'tool-call-start', index: 0, id: 'toolu_sy_weather', name: 'get_weather' },
      { type: 'tool-call-delta', index: 0, arguments: '{"city": "Ly' },
      { type: 'tool-call-delta', index: 0, arguments: 'on", "unit": "celsius"}' },
      { type: 'tool-call-start', index: 1, id: 'toolu_sy_clock', name: 'current_time' },
      { type: 'tool-call-delta', index: 1, arguments: '{}' },
      { type: 'finish', reason: 'tool_calls', raw: 'tool_use' },
    ]);
    expect(got.usage).toMatchObject({ inputTokens: 410, cachedInputTokens: 0, outputTokens: 96, reasoningTokens: 24 });
  });

  it('counts cache reads and writes as input in OpenAI meaning, without a zero for what is unknown', async () => {
    const body = ownJson('text-cached.json');
    h.upstream.reply({ json: body });
    const result = await h.adapter.chat(call(chatRequest()));
    expect(result.text).toBe('The Rhine rises in the Swiss Alps and reaches the North Sea in the Netherlands.');
    expect(result.finishReason).toBe('stop');
    expect(result.rawFinishReason).toBe('end_turn');
    expect(result.usage).toEqual({
      inputTokens: 21 + 350 + 2048,
      cachedInputTokens: 2048,
      cacheWriteTokens: 350,
      outputTokens: 17,
      reasoningTokens: undefined,
      raw: body.usage,
    });
  });

  it('reports input usage at message_start and keeps it when message_delta only brings the output count', async () => {
    h.upstream.reply({ sse: sse(readOwnFixture('anthropic/text-cached.chunks.txt')) });
    const got = await collect(await h.adapter.streamChat(call(chatRequest({ stream: true }))));
    const usages = got.parts.flatMap((p) => (p.type === 'usage' ? [p.usage] : []));
    expect(usages).toHaveLength(2);
    // message_start's output_tokens is a running count of the first tokens, not the answer's: left unknown
    expect(usages[0]).toMatchObject({ inputTokens: 2419, cachedInputTokens: 2048, cacheWriteTokens: 350, outputTokens: undefined });
    expect(usages[1]).toMatchObject({ inputTokens: 2419, cachedInputTokens: 2048, cacheWriteTokens: 350, outputTokens: 17 });
    expect(usages[1]?.raw).toEqual({ output_tokens: 17 });
    expect(got.text).toBe('The Rhine rises in the Swiss Alps and reaches the North Sea in the Netherlands.');
    expect(got.parts.at(-1)).toEqual({ type: 'finish', reason: 'stop', raw: 'end_turn' });
  });

  it('turns a refusal into content_filter with the explanation as refusal text', async () => {
    h.upstream.reply({ sse: sse(readOwnFixture('anthropic/refusal.chunks.txt')) });
    const got = await collect(await h.adapter.streamChat(call(chatRequest({ stream: true }))));
    expect(got.text).toBe('I can');
    expect(got.refusal).toBe("The request was declined by the model's safety policy.");
    expect(got.finish).toEqual([{ type: 'finish', reason: 'content_filter', raw: 'refusal' }]);
    expect(got.usage).toMatchObject({ inputTokens: 30, outputTokens: 4 });

    h.upstream.reply({
      json: {
        id: 'msg_sy_refusal_02',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-5',
        content: [],
        stop_reason: 'refusal',
        stop_details: { type: 'refusal', explanation: 'Declined.' },
        usage: { input_tokens: 30, output_tokens: 2 },
      },
    });
    const result = await h.adapter.chat(call(chatRequest()));
    expect(result).toMatchObject({ text: null, refusal: 'Declined.', toolCalls: [], finishReason: 'content_filter', rawFinishReason: 'refusal' });
    expect(result.usage).toMatchObject({ inputTokens: 30, cachedInputTokens: undefined, outputTokens: 2 });
  });

  it('skips a tool_use block without a name, streamed or not', async () => {
    const block = { type: 'tool_use', id: 'toolu_x', input: {} };
    h.upstream.reply({ json: { type: 'message', content: [{ type: 'text', text: 'ok' }, block], stop_reason: 'end_turn' } });
    expect((await h.adapter.chat(call(chatRequest()))).toolCalls).toEqual([]);
    const events = [
      { type: 'message_start', message: { id: 'm', model: 'c', usage: { input_tokens: 1 } } },
      { type: 'content_block_start', index: 0, content_block: block },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"a":1}' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 3 } },
      { type: 'message_stop' },
    ];
    h.upstream.reply({ sse: sse(events.map((e) => JSON.stringify(e)).join('\n')) });
    const got = await collect(await h.adapter.streamChat(call(chatRequest({ stream: true }))));
    expect(got.toolCalls).toEqual([]);
    expect(got.finish).toEqual([{ type: 'finish', reason: 'stop', raw: 'end_turn' }]);
  });

  it('maps every stop reason, keeping the raw one', async () => {
    const cases: Array<[string, string]> = [
      ['end_turn', 'stop'],
      ['stop_sequence', 'stop'],
      ['max_tokens', 'length'],
      ['refusal', 'content_filter'],
      ['pause_turn', 'stop'],
      ['tool_use', 'stop'], // a stop for a server tool: no client tool call to run
      ['something_new', 'stop'],
    ];
    for (const [raw, reason] of cases) {
      h.upstream.reply({ json: { type: 'message', content: [{ type: 'text', text: 'x' }], stop_reason: raw } });
      const result = await h.adapter.chat(call(chatRequest()));
      expect([raw, result.finishReason, result.rawFinishReason]).toEqual([raw, reason, raw]);
      expect(result.usage).toBeUndefined();
    }
  });
});
