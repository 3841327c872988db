import type { ChatResult } from '../../spec/chat-result.js';
import type { StreamPart } from '../../spec/stream-part.js';

/** A complete answer as the stream parts it would have been streamed as. */
export async function* streamFromResult(result: ChatResult): AsyncGenerator<StreamPart> {
  if (result.id !== undefined || result.model !== undefined) {
    yield { type: 'meta', id: result.id, model: result.model, created: result.created };
  }
  if (result.reasoning) yield { type: 'reasoning', text: result.reasoning };
  if (result.text) yield { type: 'text', text: result.text };
  if (result.refusal) yield { type: 'refusal', text: result.refusal };
  for (const [index, call] of result.toolCalls.entries()) {
    yield { type: 'tool-call-start', index, id: call.id, name: call.name };
    if (call.arguments !== '') yield { type: 'tool-call-delta', index, arguments: call.arguments };
  }
  if (result.usage) yield { type: 'usage', usage: result.usage };
  yield {
    type: 'finish',
    reason: result.finishReason,
    ...(result.rawFinishReason !== undefined && { raw: result.rawFinishReason }),
  };
}
