import { normalizeFinishReason } from '../../spec/finish-reason.js';
import { GatewayError } from '../../spec/gateway-error.js';
import type { StreamPart } from '../../spec/stream-part.js';
import { mergeUsage, type Usage } from '../../spec/usage.js';
import { generateId } from '../toolkit/generate-id.js';
import { asArray, asNumber, asObject, asString } from '../toolkit/json-shapes.js';
import { parseEventJson } from '../toolkit/parse-event-json.js';
import type { ServerSentEvent, StreamDecoder } from '../toolkit/decode-event-stream.js';
import { mapInBandError } from '../toolkit/map-in-band-error.js';
import { finishedWithError } from './finished-with-error.js';
import { readOpenAIContent } from './read-openai-content.js';
import { readOpenAIMeta, type OpenAIMeta } from './read-openai-meta.js';
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
export class OpenAIChatStreamDecoder implements StreamDecoder {
  private readonly splitter: ThinkTagSplitter | undefined;
  private readonly toolCalls = new Map<number, OpenToolCall>();
  private nextToolIndex = 0;
  private metaDone = false;
  private sawChunk = false;
  private sawToolCall = false;
  private sawDone = false;
  private finish: string | undefined;
  private usage: Usage | undefined;

  constructor(
    private readonly providerId: string,
    thinkTags: boolean,
    private readonly secrets: readonly string[],
  ) {
    this.splitter = thinkTags ? new ThinkTagSplitter() : undefined;
  }

  push(event: ServerSentEvent, out: StreamPart[]): void {
    // after [DONE] the rest is read but not used: leaving early would close the kept-alive connection
    if (this.sawDone) return;
    const data = event.data.trim();
    if (data === '') return;
    if (data === '[DONE]') {
      this.sawDone = true;
      return;
    }
    const chunk = parseEventJson(this.providerId, data);
    if (!chunk) return;
    this.sawChunk = true;
    if (chunk.error != null) throw mapInBandError(this.providerId, chunk.error, this.secrets);
    if (!this.metaDone) {
      const meta = readOpenAIMeta(chunk);
      if (meta.id !== undefined || meta.model !== undefined) {
        this.metaDone = true;
        out.push({ type: 'meta', ...meta });
      }
    }
    const choice = asObject(asArray(chunk.choices)[0]);
    const delta = asObject(choice?.delta);
    if (delta && this.finish === undefined) this.readDelta(delta, out);
    const reason = asString(choice?.finish_reason);
    if (reason && this.finish === undefined) {
      if (reason === 'error') throw finishedWithError(this.providerId);
      this.finish = reason;
    }
    const chunkUsage = readOpenAIUsage(findOpenAIUsage(chunk, choice));
    if (chunkUsage) this.usage = mergeUsage(this.usage, chunkUsage);
  }

  /** Whether deltas are still read: no finish and no `[DONE]` yet (what comes after them is not shown). */
  get takesDeltas(): boolean {
    return !this.sawDone && this.finish === undefined;
  }

  /**
   * A chunk read elsewhere (a relayed one, shown to the client as it came): it counts toward the stream
   * having had events, and its id and model are reported (asked for only then) if none were yet, as `push`
   * reports them: before the first content, never after.
   */
  noteChunk(meta: () => OpenAIMeta, hasContent: boolean, out: StreamPart[]): void {
    this.sawChunk = true;
    if (this.metaDone) return;
    const m = meta();
    if (m.id !== undefined || m.model !== undefined) {
      this.metaDone = true;
      out.push({ type: 'meta', ...m });
    }
    if (hasContent) this.metaDone = true;
  }

  end(out: StreamPart[]): void {
    if (this.splitter) {
      const rest = this.splitter.flush();
      if (rest.reasoning !== '') out.push({ type: 'reasoning', text: rest.reasoning });
      if (rest.text !== '') out.push({ type: 'text', text: rest.text });
    }
    const providerId = this.providerId;
    if (!this.sawChunk && !this.sawDone) {
      throw new GatewayError('upstream_invalid_response', `Provider '${providerId}' sent a stream with no events.`, {
        provider: providerId,
      });
    }
    if (this.finish === undefined && !this.sawDone) {
      throw new GatewayError('stream_interrupted', `Provider '${providerId}' ended the stream without finishing the answer.`, {
        provider: providerId,
      });
    }
    if (this.usage) out.push({ type: 'usage', usage: this.usage });
    // a server that ends properly with [DONE] but names no reason stopped normally
    const finish = this.finish;
    let unified = finish === undefined ? 'stop' : normalizeFinishReason(finish);
    if (unified === 'stop' && this.sawToolCall) unified = 'tool_calls';
    out.push({ type: 'finish', reason: unified, ...(finish !== undefined && { raw: finish }) });
  }

  private readDelta(delta: Record<string, unknown>, out: StreamPart[]): void {
    let { text, reasoning } = readOpenAIContent(delta);
    if (this.splitter && text !== '') {
      const split = this.splitter.push(text);
      text = split.text;
      reasoning += split.reasoning;
    }
    const refusal = asString(delta.refusal);
    const calls = asArray(delta.tool_calls);
    if (reasoning !== '' || text !== '' || refusal || calls.length > 0) this.metaDone = true;
    if (reasoning !== '') out.push({ type: 'reasoning', text: reasoning });
    if (text !== '') out.push({ type: 'text', text });
    if (refusal) out.push({ type: 'refusal', text: refusal });
    for (const raw of calls) {
      const call = asObject(raw);
      if (!call) continue;
      const fn = asObject(call.function);
      const wireIndex = asNumber(call.index) ?? 0;
      const id = asString(call.id);
      const name = asString(fn?.name);
      let open = this.toolCalls.get(wireIndex);
      if (name && (!open || (id && id !== open.id))) {
        open = { index: this.nextToolIndex++, id: id || generateId('call') };
        this.toolCalls.set(wireIndex, open);
        this.sawToolCall = true;
        out.push({ type: 'tool-call-start', index: open.index, id: open.id, name });
      }
      const args = fn?.arguments;
      const argText = typeof args === 'string' ? args : args != null ? JSON.stringify(args) : '';
      if (open && argText !== '') out.push({ type: 'tool-call-delta', index: open.index, arguments: argText });
    }
  }
}
