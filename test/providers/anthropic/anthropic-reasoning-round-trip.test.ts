import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssistantMessage, ReasoningBlock } from '../../../src/spec/chat-request.js';
import type { StreamPart } from '../../../src/spec/stream-part.js';
import { convertToAnthropicRequest } from '../../../src/providers/anthropic/convert-to-anthropic-request.js';
import { readOwnFixture } from '../../support/shared-fixtures.js';
import { call, chatRequest, collect, sse, startHarness, type Harness } from './anthropic-test-kit.js';

/**
 * Signed reasoning at the adapter level: an answer read by the adapter (whole or streamed) and put back
 * into the history as the assistant's turn converts to the blocks Anthropic needs back, thinking first.
 */
describe('anthropic reasoning round trip', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const expectedBlocks = [
    { type: 'thinking', thinking: 'The user wants the weather in Lyon and the time there.', signature: 'c2lnbmF0dXJlLW9uZQ==' },
    { type: 'redacted_thinking', data: 'b3BhcXVlLXJlYXNvbmluZw==' },
    { type: 'text', text: 'Let me check both for you.' },
    { type: 'tool_use', id: 'toolu_sy_weather', name: 'get_weather', input: { city: 'Lyon', unit: 'celsius' } },
    { type: 'tool_use', id: 'toolu_sy_clock', name: 'current_time', input: {} },
  ];

  function resend(assistant: AssistantMessage) {
    const req = chatRequest({
      messages: [
        { role: 'user', content: 'Weather and time in Lyon?' },
        assistant,
        { role: 'tool', toolCallId: 'toolu_sy_weather', content: '14°C' },
        { role: 'tool', toolCallId: 'toolu_sy_clock', content: '15:42' },
      ],
    });
    return convertToAnthropicRequest(req, 'claude-sonnet-4-5', false).messages as Array<{ role: string; content: unknown[] }>;
  }

  it('a whole answer: parse, then convert back', async () => {
    h.upstream.reply({ json: JSON.parse(readOwnFixture('anthropic/thinking-tools.json')) as unknown });
    const result = await h.adapter.chat(call(chatRequest()));
    const messages = resend({ role: 'assistant', content: result.text, reasoning: result.reasoning, reasoningBlocks: result.reasoningBlocks, toolCalls: result.toolCalls });
    expect(messages[1]).toEqual({ role: 'assistant', content: expectedBlocks });
  });

  it('a stream: the parts folded into blocks, then converted back', async () => {
    h.upstream.reply({ sse: sse(readOwnFixture('anthropic/thinking-tools.chunks.txt')) });
    const got = await collect(await h.adapter.streamChat(call(chatRequest({ stream: true }))));
    const messages = resend({ role: 'assistant', content: got.text, reasoningBlocks: foldReasoning(got.parts), toolCalls: got.toolCalls });
    expect(messages[1]).toEqual({ role: 'assistant', content: expectedBlocks });
  });

  it('sends unsigned reasoning back as nothing (Anthropic takes earlier thinking only signed)', () => {
    const messages = resend({ role: 'assistant', content: 'ok', reasoning: 'r', reasoningBlocks: [{ type: 'reasoning', text: 'r' }] });
    expect(messages[1]).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'ok' }] });
  });
});

/** Reasoning parts as blocks: a signature closes the block streamed so far; redacted reasoning is a block. */
function foldReasoning(parts: StreamPart[]): ReasoningBlock[] {
  const blocks: ReasoningBlock[] = [];
  let open: Extract<ReasoningBlock, { type: 'reasoning' }> | undefined;
  for (const part of parts) {
    if (part.type === 'reasoning') {
      if (!open) blocks.push((open = { type: 'reasoning', text: '' }));
      open.text += part.text;
    } else if (part.type === 'reasoning-signature') {
      if (!open) blocks.push((open = { type: 'reasoning', text: '' }));
      open.signature = part.signature;
      open = undefined;
    } else if (part.type === 'redacted-reasoning') {
      open = undefined;
      blocks.push({ type: 'redacted-reasoning', data: part.data });
    }
  }
  return blocks;
}
