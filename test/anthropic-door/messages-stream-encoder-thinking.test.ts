import { describe, expect, it } from 'vitest';
import { MessagesStreamEncoder } from '../../src/api/anthropic/messages-stream-encoder.js';
import type { ChatRequest } from '../../src/spec/chat-request.js';
import type { StreamPart } from '../../src/spec/stream-part.js';

/** The thinking blocks the Messages door streams for signed, unsigned, empty and redacted reasoning. */
const req: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true, includeUsage: true, maxTokens: 100 };

function encode(parts: StreamPart[]): Array<Record<string, unknown>> {
  const encoder = new MessagesStreamEncoder({ id: 'msg_1', created: 1, model: 'm' }, req);
  const sse = parts.map((p) => encoder.encode(p)).join('') + encoder.end({} as never);
  return [...sse.matchAll(/^data: (.+)$/gm)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
}

/** Block events only, deltas shown by their delta. */
function blocks(events: Array<Record<string, unknown>>): unknown[] {
  return events
    .filter((e) => String(e.type).startsWith('content_block'))
    .map((e) => (e.type === 'content_block_start' ? ['start', e.index, e.content_block] : e.type === 'content_block_delta' ? ['delta', e.index, e.delta] : ['stop', e.index]));
}

describe('Messages stream encoder: thinking blocks', () => {
  it('a signature ends its block; the reasoning after it is a new block; redacted reasoning is whole', () => {
    const got = blocks(
      encode([
        { type: 'reasoning', text: 'a' },
        { type: 'reasoning-signature', signature: 'sig-a' },
        { type: 'reasoning-signature', signature: 'sig-empty' },
        { type: 'redacted-reasoning', data: 'opaque' },
        { type: 'reasoning', text: 'b' },
        { type: 'text', text: 'done' },
        { type: 'finish', reason: 'stop' },
      ]),
    );
    expect(got).toEqual([
      ['start', 0, { type: 'thinking', thinking: '', signature: '' }],
      ['delta', 0, { type: 'thinking_delta', thinking: 'a' }],
      ['delta', 0, { type: 'signature_delta', signature: 'sig-a' }],
      ['stop', 0],
      ['start', 1, { type: 'thinking', thinking: '', signature: '' }],
      ['delta', 1, { type: 'signature_delta', signature: 'sig-empty' }],
      ['stop', 1],
      ['start', 2, { type: 'redacted_thinking', data: 'opaque' }],
      ['stop', 2],
      ['start', 3, { type: 'thinking', thinking: '', signature: '' }],
      ['delta', 3, { type: 'thinking_delta', thinking: 'b' }],
      ['stop', 3],
      ['start', 4, { type: 'text', text: '' }],
      ['delta', 4, { type: 'text_delta', text: 'done' }],
      ['stop', 4],
    ]);
  });
});
