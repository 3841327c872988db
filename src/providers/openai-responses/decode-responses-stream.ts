import { GatewayError } from '../../spec/gateway-error.js';
import type { StreamPart } from '../../spec/stream-part.js';
import type { ServerSentEvent, StreamDecoder } from '../toolkit/decode-event-stream.js';
import { generateId } from '../toolkit/generate-id.js';
import { asNumber, asObject, asString, type JsonObject } from '../toolkit/json-shapes.js';
import { parseEventJson } from '../toolkit/parse-event-json.js';
import { failedWithoutError, mapResponsesError, readResponsesFinish, readResponsesUsage } from './parse-responses-result.js';

interface OpenCall {
  index: number;
  /** The arguments sent so far as `tool-call-delta`s. */
  sent: string;
}

/**
 * Responses API stream events as stream parts: one `meta` first (from `response.created`), then text,
 * refusal and reasoning deltas (summary or raw reasoning text; its pieces apart by a blank line, as in a
 * whole answer) and function calls as they arrive, and at `response.completed` or `.incomplete` the usage
 * and exactly one `finish`; whatever follows is ignored. Function calls are numbered from 0 in the order they
 * start; arguments a call gets only whole (in `.done` events) are sent as one delta. `response.failed` and
 * `error` events are thrown as GatewayErrors; a stream that ends without a terminal event as `stream_interrupted`.
 */
export class ResponsesStreamDecoder implements StreamDecoder {
  /** Open function calls by item id and by output index (deltas carry both; either may be missing). */
  private readonly calls = new Map<string, OpenCall>();
  private callCount = 0;
  private sentMeta = false;
  private lastReasoning: string | undefined;
  private stopped = false;

  constructor(
    private readonly providerId: string,
    private readonly secrets: readonly string[],
  ) {}

  push(sse: ServerSentEvent, out: StreamPart[]): void {
    if (this.stopped) return;
    const event = parseEventJson(this.providerId, sse.data);
    if (!event) return;
    const type = asString(event.type) ?? sse.event;
    if (type === 'error') throw mapResponsesError(this.providerId, event.error ?? event, this.secrets);
    const response = asObject(event.response);
    if (type === 'response.failed') {
      throw response?.error != null ? mapResponsesError(this.providerId, response.error, this.secrets) : failedWithoutError(this.providerId);
    }
    if (!this.sentMeta) {
      this.sentMeta = true;
      out.push({ type: 'meta', id: asString(response?.id), model: asString(response?.model), created: asNumber(response?.created_at) });
    }
    switch (type) {
      case 'response.output_text.delta':
        return pushText(out, 'text', event.delta);
      case 'response.refusal.delta':
        return pushText(out, 'refusal', event.delta);
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        return this.reasoning(event, type, out);
      case 'response.output_item.added':
      case 'response.output_item.done':
        return this.item(event, out);
      case 'response.function_call_arguments.delta': {
        const call = this.find(event);
        const delta = asString(event.delta);
        if (call && delta) {
          out.push({ type: 'tool-call-delta', index: call.index, arguments: delta });
          call.sent += delta;
        }
        return;
      }
      case 'response.function_call_arguments.done': {
        const call = this.find(event);
        if (call) this.sendArguments(call, asString(event.arguments), out);
        return;
      }
      case 'response.completed':
      case 'response.incomplete': {
        this.stopped = true;
        const usage = readResponsesUsage(response?.usage);
        if (usage) out.push({ type: 'usage', usage });
        const status = asString(response?.status) ?? (type === 'response.incomplete' ? 'incomplete' : 'completed');
        const finish = readResponsesFinish(response, this.callCount > 0, status);
        out.push({ type: 'finish', reason: finish.reason, ...(finish.raw !== undefined && { raw: finish.raw }) });
        return;
      }
    }
  }

  end(_out: StreamPart[]): void {
    if (!this.stopped) {
      throw new GatewayError('stream_interrupted', `Provider '${this.providerId}' ended the stream without finishing the answer.`, {
        provider: this.providerId,
      });
    }
  }

  /** A reasoning delta; the first of a new summary part or reasoning item is set apart by a blank line. */
  private reasoning(event: JsonObject, type: string, out: StreamPart[]): void {
    const delta = asString(event.delta);
    if (!delta) return;
    const key = `${asString(event.item_id) ?? asNumber(event.output_index)}/${type}/${asNumber(event.summary_index) ?? asNumber(event.content_index)}`;
    const gap = this.lastReasoning !== undefined && this.lastReasoning !== key ? '\n\n' : '';
    this.lastReasoning = key;
    out.push({ type: 'reasoning', text: gap + delta });
  }

  /** An output item opened or closed: function calls start when first seen, and get any arguments not yet sent. */
  private item(event: JsonObject, out: StreamPart[]): void {
    const item = asObject(event.item);
    if (item?.type !== 'function_call') return;
    let call = this.find(event);
    if (!call) {
      const name = asString(item.name);
      if (!name) return; // nothing a client could call, as in a whole answer
      call = { index: this.callCount++, sent: '' };
      const id = asString(item.id);
      const outputIndex = asNumber(event.output_index);
      if (id) this.calls.set(`id:${id}`, call);
      if (outputIndex !== undefined) this.calls.set(`at:${outputIndex}`, call);
      out.push({ type: 'tool-call-start', index: call.index, id: asString(item.call_id) || generateId('call'), name });
    }
    this.sendArguments(call, asString(item.arguments), out);
  }

  private find(event: JsonObject): OpenCall | undefined {
    const id = asString(event.item_id) ?? asString(asObject(event.item)?.id);
    const outputIndex = asNumber(event.output_index);
    return (id !== undefined ? this.calls.get(`id:${id}`) : undefined) ?? (outputIndex !== undefined ? this.calls.get(`at:${outputIndex}`) : undefined);
  }

  /** Send what `full` (the arguments so far) adds to what was sent; a text that does not extend it is ignored. */
  private sendArguments(call: OpenCall, full: string | undefined, out: StreamPart[]): void {
    if (full === undefined || full.length <= call.sent.length || !full.startsWith(call.sent)) return;
    out.push({ type: 'tool-call-delta', index: call.index, arguments: full.slice(call.sent.length) });
    call.sent = full;
  }
}

function pushText(out: StreamPart[], type: 'text' | 'refusal', delta: unknown): void {
  const text = asString(delta);
  if (text) out.push({ type, text });
}
