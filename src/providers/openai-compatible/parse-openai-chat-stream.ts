import { normalizeFinishReason } from '../../spec/finish-reason.js';
import { GatewayError } from '../../spec/gateway-error.js';
import type { StreamPart } from '../../spec/stream-part.js';
import { mergeUsage, type Usage } from '../../spec/usage.js';
import { generateId } from '../toolkit/generate-id.js';
import { asArray, asNumber, asObject, asString } from '../toolkit/json-shapes.js';
import { parseEventJson } from '../toolkit/parse-event-json.js';
import type { ServerSentEvent } from '../toolkit/read-event-stream.js';
import { finishedWithError, mapInBandError } from './map-in-band-error.js';
import { readOpenAIContent } from './read-openai-content.js';
import { readOpenAIMeta } from './read-openai-meta.js';
import { findOpenAIUsage, readOpenAIUsage } from './read-openai-usage.js';
import { ThinkTagSplitter } from './split-think-tags.js';

interface OpenToolCall {
  index: number;
  id: string;
}

/**
 * Chat-completion chunks as stream parts. Tolerates what vendors really send: an empty or missing role,
 * chunks without an id (Azure's prompt-filter chunk), usage inside the choice or on several chunks,
 * tool-call deltas that repeat an empty id or name, repeated finish chunks, several tool calls reusing one
 * index with distinct ids, keep-alive lines, and an in-band `error` object.
 *
 * Usage is reported once, merged, just before the finish part.
 */
export async function* parseOpenAIChatStream(
  providerId: string,
  events: AsyncIterable<ServerSentEvent>,
  thinkTags: boolean,
  secrets: readonly string[],
): AsyncGenerator<StreamPart> {
  const splitter = thinkTags ? new ThinkTagSplitter() : undefined;
  const toolCalls = new Map<number, OpenToolCall>();
  let nextToolIndex = 0;
  let metaDone = false;
  let sawChunk = false;
  let sawToolCall = false;
  let sawDone = false;
  let finish: string | undefined;
  let usage: Usage | undefined;

  for await (const event of events) {
    const data = event.data.trim();
    if (data === '') continue;
    if (data === '[DONE]') {
      sawDone = true;
      break;
    }
    const chunk = parseEventJson(providerId, data);
    if (!chunk) continue;
    sawChunk = true;
    if (chunk.error != null) throw mapInBandError(providerId, chunk.error, secrets);
    if (!metaDone) {
      const meta = readOpenAIMeta(chunk);
      if (meta.id !== undefined || meta.model !== undefined) {
        metaDone = true;
        yield { type: 'meta', ...meta };
      }
    }
    const choice = asObject(asArray(chunk.choices)[0]);
    const delta = asObject(choice?.delta);
    if (delta && finish === undefined) {
      let { text, reasoning } = readOpenAIContent(delta);
      if (splitter && text !== '') {
        const split = splitter.push(text);
        text = split.text;
        reasoning += split.reasoning;
      }
      const refusal = asString(delta.refusal);
      if (reasoning !== '' || text !== '' || refusal || asArray(delta.tool_calls).length > 0) metaDone = true;
      if (reasoning !== '') yield { type: 'reasoning', text: reasoning };
      if (text !== '') yield { type: 'text', text };
      if (refusal) yield { type: 'refusal', text: refusal };
      for (const raw of asArray(delta.tool_calls)) {
        const call = asObject(raw);
        if (!call) continue;
        const fn = asObject(call.function);
        const wireIndex = asNumber(call.index) ?? 0;
        const id = asString(call.id);
        const name = asString(fn?.name);
        let open = toolCalls.get(wireIndex);
        if (name && (!open || (id && id !== open.id))) {
          open = { index: nextToolIndex++, id: id || generateId('call') };
          toolCalls.set(wireIndex, open);
          sawToolCall = true;
          yield { type: 'tool-call-start', index: open.index, id: open.id, name };
        }
        const args = fn?.arguments;
        const argText = typeof args === 'string' ? args : args != null ? JSON.stringify(args) : '';
        if (open && argText !== '') yield { type: 'tool-call-delta', index: open.index, arguments: argText };
      }
    }
    const reason = asString(choice?.finish_reason);
    if (reason && finish === undefined) {
      if (reason === 'error') throw finishedWithError(providerId);
      finish = reason;
    }
    const chunkUsage = readOpenAIUsage(findOpenAIUsage(chunk, choice));
    if (chunkUsage) usage = mergeUsage(usage, chunkUsage);
  }

  if (splitter) {
    const rest = splitter.flush();
    if (rest.reasoning !== '') yield { type: 'reasoning', text: rest.reasoning };
    if (rest.text !== '') yield { type: 'text', text: rest.text };
  }
  if (!sawChunk && !sawDone) {
    throw new GatewayError('upstream_invalid_response', `Provider '${providerId}' sent a stream with no events.`, {
      provider: providerId,
    });
  }
  if (finish === undefined && !sawDone) {
    throw new GatewayError('stream_interrupted', `Provider '${providerId}' ended the stream without finishing the answer.`, {
      provider: providerId,
    });
  }
  if (usage) yield { type: 'usage', usage };
  // a server that ends properly with [DONE] but names no reason stopped normally
  let unified = finish === undefined ? 'stop' : normalizeFinishReason(finish);
  if (unified === 'stop' && sawToolCall) unified = 'tool_calls';
  yield { type: 'finish', reason: unified, ...(finish !== undefined && { raw: finish }) };
}



