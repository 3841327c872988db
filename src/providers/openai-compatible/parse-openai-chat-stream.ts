import { normalizeFinishReason } from '../../spec/finish-reason.js';
import { GatewayError } from '../../spec/gateway-error.js';
import type { StreamPart } from '../../spec/stream-part.js';
import { generateId } from '../toolkit/generate-id.js';
import { asArray, asNumber, asObject, asString, type JsonObject } from '../toolkit/json-shapes.js';
import type { ServerSentEvent } from '../toolkit/read-event-stream.js';
import { mapUpstreamError } from '../toolkit/map-upstream-error.js';
import { readOpenAIContent } from './read-openai-content.js';
import { findOpenAIUsage, readOpenAIUsage } from './read-openai-usage.js';
import { ThinkTagSplitter } from './split-think-tags.js';

interface OpenToolCall {
  index: number;
  id: string;
}

/**
 * Chat-completion chunks as stream parts. Tolerates what vendors really send: an empty or missing role,
 * usage inside the choice, tool-call deltas that repeat an empty id or name, repeated finish chunks,
 * several tool calls reusing one index with distinct ids, and an in-band `error` object.
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
  let sentMeta = false;
  let finished = false;
  let sawToolCall = false;
  let pendingFinish: string | undefined;
  let sawDone = false;

  for await (const event of events) {
    const data = event.data;
    if (data === '[DONE]') {
      sawDone = true;
      break;
    }
    let chunk: JsonObject | undefined;
    try {
      chunk = asObject(JSON.parse(data));
    } catch (err) {
      throw new GatewayError('upstream_invalid_response', `Provider '${providerId}' sent a stream event that is not JSON.`, {
        provider: providerId,
        cause: err,
      });
    }
    if (!chunk) continue;
    if (chunk.error !== undefined) {
      throw inBandError(providerId, chunk.error, secrets);
    }
    if (!sentMeta) {
      sentMeta = true;
      yield { type: 'meta', id: asString(chunk.id), model: asString(chunk.model), created: asNumber(chunk.created) };
    }
    const choice = asObject(asArray(chunk.choices)[0]);
    const delta = asObject(choice?.delta);
    if (delta && !finished) {
      let { text, reasoning } = readOpenAIContent(delta);
      if (splitter && text !== '') {
        const split = splitter.push(text);
        text = split.text;
        reasoning += split.reasoning;
      }
      if (reasoning !== '') yield { type: 'reasoning', text: reasoning };
      if (text !== '') yield { type: 'text', text };
      const refusal = asString(delta.refusal);
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
    const finish = asString(choice?.finish_reason);
    if (finish && !finished) {
      finished = true;
      pendingFinish = finish;
    }
    const usage = readOpenAIUsage(findOpenAIUsage(chunk, choice));
    if (usage) yield { type: 'usage', usage };
  }

  if (splitter) {
    const rest = splitter.flush();
    if (rest.reasoning !== '') yield { type: 'reasoning', text: rest.reasoning };
    if (rest.text !== '') yield { type: 'text', text: rest.text };
  }
  if (pendingFinish !== undefined || sawDone) {
    // a server that ends properly with [DONE] but names no reason stopped normally
    let reason = pendingFinish === undefined ? 'stop' : normalizeFinishReason(pendingFinish);
    if (reason === 'stop' && sawToolCall) reason = 'tool_calls';
    yield { type: 'finish', reason, ...(pendingFinish !== undefined && { raw: pendingFinish }) };
  } else {
    throw new GatewayError('stream_interrupted', `Provider '${providerId}' ended the stream without finishing the answer.`, {
      provider: providerId,
    });
  }
}

function inBandError(providerId: string, error: unknown, secrets: readonly string[]): GatewayError {
  const obj = asObject(error);
  const status = asNumber(obj?.code) ?? asNumber(obj?.status) ?? 502;
  return mapUpstreamError({
    providerId,
    status: status >= 400 && status < 600 ? status : 502,
    headers: {},
    bodyText: JSON.stringify({ error }),
    secrets,
  });
}
