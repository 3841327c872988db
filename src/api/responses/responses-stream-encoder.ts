import type { PricedUsage } from '../../ledger/price-usage.js';
import type { GatewayError } from '../../spec/gateway-error.js';
import type { StreamPart } from '../../spec/stream-part.js';
import { mergeUsage, type Usage } from '../../spec/usage.js';
import type { AnswerIdentity, DoorStreamEncoder } from '../chat-door.js';
import { NativeFrames } from '../native-frames.js';
import {
  encodeResponsesUsage,
  itemId,
  outcomeOf,
  outputText,
  responseObject,
  type FunctionCallItem,
  type MessageItem,
  type Outcome,
  type OutputItem,
  type ReasoningItem,
} from './response-object.js';

/**
 * Turns stream parts into the Responses API's event stream: `response.created` and `.in_progress` first;
 * then each output item opened (`output_item.added`), filled (text, refusal, reasoning summary or function
 * arguments deltas) and closed (`.done` events, `output_item.done`); finally `response.completed` (or
 * `.incomplete`) with the whole response and its usage. Every event carries the next `sequence_number`.
 *
 * Reasoning and message items are open one at a time: a part of another kind closes the open one. Function
 * calls stay open until the answer finishes, since a provider may interleave the arguments of several.
 */
export class ResponsesStreamEncoder implements DoorStreamEncoder {
  private seq = 0;
  private started = false;
  private finished = false;
  private outcome: Outcome = { status: 'completed', incomplete_details: null };
  private readonly output: OutputItem[] = [];
  /** The open reasoning or message item, by its output index. */
  private current: { index: number; item: ReasoningItem | MessageItem } | undefined;
  /** Open function calls by the canonical tool-call index. */
  private readonly calls = new Map<number, { index: number; item: FunctionCallItem }>();
  usage: Usage | undefined;
  contentChars = 0;
  private readonly native = new NativeFrames();

  constructor(private readonly identity: AnswerIdentity) {}

  /** A stream passed through from an upstream that speaks Responses is written as it came; its parts only keep count. */
  encode(part: StreamPart): string {
    if (part.type === 'native') return part.wire === 'openai-responses' ? this.native.take(part) : '';
    const out = this.translate(part);
    return this.native.passing ? '' : out;
  }

  private translate(part: Exclude<StreamPart, { type: 'native' }>): string {
    if (part.type === 'usage') {
      this.usage = mergeUsage(this.usage, part.usage);
      return '';
    }
    if (part.type === 'meta' || this.finished) return this.start();
    let out = this.start();
    switch (part.type) {
      case 'reasoning':
        this.contentChars += part.text.length;
        return out + this.reasoningDelta(part.text);
      case 'reasoning-signature':
      case 'redacted-reasoning':
        return out; // the door keeps no reasoning item a client could send back, so nothing to sign
      case 'text':
        this.contentChars += part.text.length;
        return out + this.messageDelta('output_text', part.text);
      case 'refusal':
        return out + this.messageDelta('refusal', part.text);
      case 'tool-call-start': {
        out += this.closeCurrent();
        const index = this.output.length;
        const item: FunctionCallItem = { id: itemId('fc', this.identity, index), type: 'function_call', status: 'in_progress', call_id: part.id, name: part.name, arguments: '' };
        this.output.push(item);
        this.calls.set(part.index, { index, item });
        return out + this.event('response.output_item.added', { output_index: index, item });
      }
      case 'tool-call-delta': {
        const call = this.calls.get(part.index);
        if (!call || part.arguments === '') return out;
        this.contentChars += part.arguments.length;
        call.item.arguments += part.arguments;
        return out + this.event('response.function_call_arguments.delta', { item_id: call.item.id, output_index: call.index, delta: part.arguments });
      }
      case 'finish': {
        this.finished = true;
        this.outcome = outcomeOf(part.reason);
        return out + this.closeAll();
      }
    }
  }

  end(priced: PricedUsage): string {
    if (this.native.passing) return this.native.end();
    const type = this.outcome.status === 'incomplete' ? 'response.incomplete' : 'response.completed';
    return this.start() + this.event(type, { response: this.response(this.outcome, encodeResponsesUsage(this.usage, priced)) });
  }

  /**
   * A stream that cannot finish ends as OpenAI's own do: an `error` event (which the openai SDK raises as
   * an APIError), then `response.failed` with what was produced so far.
   */
  errorFrame(error: GatewayError): string {
    const failed: Outcome = { status: 'failed', incomplete_details: null };
    return (
      this.start() +
      this.event('error', { error: { type: error.type, code: error.code, message: error.message, param: error.param ?? null } }) +
      this.event('response.failed', { response: this.response(failed, null, { code: error.code, message: error.message }) })
    );
  }

  get isFinished(): boolean {
    return this.finished;
  }

  private start(): string {
    if (this.started) return '';
    this.started = true;
    const response = this.response({ status: 'in_progress', incomplete_details: null }, null);
    return this.event('response.created', { response }) + this.event('response.in_progress', { response });
  }

  private reasoningDelta(text: string): string {
    let out = '';
    if (this.current?.item.type !== 'reasoning') {
      out += this.closeCurrent();
      const index = this.output.length;
      const item: ReasoningItem = { id: itemId('rs', this.identity, index), type: 'reasoning', summary: [] };
      this.output.push(item);
      this.current = { index, item };
      out += this.event('response.output_item.added', { output_index: index, item: { ...item, summary: [] } });
      item.summary.push({ type: 'summary_text', text: '' });
      out += this.event('response.reasoning_summary_part.added', { item_id: item.id, output_index: index, summary_index: 0, part: { type: 'summary_text', text: '' } });
    }
    const { index, item } = this.current as { index: number; item: ReasoningItem };
    item.summary[0]!.text += text;
    return out + this.event('response.reasoning_summary_text.delta', { item_id: item.id, output_index: index, summary_index: 0, delta: text });
  }

  private messageDelta(kind: 'output_text' | 'refusal', text: string): string {
    let out = '';
    if (this.current?.item.type !== 'message') {
      out += this.closeCurrent();
      const index = this.output.length;
      const item: MessageItem = { id: itemId('msg', this.identity, index), type: 'message', status: 'in_progress', role: 'assistant', content: [] };
      this.output.push(item);
      this.current = { index, item };
      out += this.event('response.output_item.added', { output_index: index, item: { ...item, content: [] } });
    }
    const { index, item } = this.current as { index: number; item: MessageItem };
    let contentIndex = item.content.length - 1;
    const last = item.content[contentIndex];
    if (last?.type !== kind) {
      if (last) out += this.closePart(item, index, contentIndex);
      item.content.push(kind === 'output_text' ? outputText('') : { type: 'refusal', refusal: '' });
      contentIndex++;
      out += this.event('response.content_part.added', { item_id: item.id, output_index: index, content_index: contentIndex, part: { ...item.content[contentIndex]! } });
    }
    const part = item.content[contentIndex]!;
    if (part.type === 'output_text') part.text += text;
    else part.refusal += text;
    const type = kind === 'output_text' ? 'response.output_text.delta' : 'response.refusal.delta';
    return out + this.event(type, { item_id: item.id, output_index: index, content_index: contentIndex, delta: text });
  }

  /** The `.done` events of a message's content part. */
  private closePart(item: MessageItem, index: number, contentIndex: number): string {
    const part = item.content[contentIndex]!;
    const where = { item_id: item.id, output_index: index, content_index: contentIndex };
    const done =
      part.type === 'output_text'
        ? this.event('response.output_text.done', { ...where, text: part.text })
        : this.event('response.refusal.done', { ...where, refusal: part.refusal });
    return done + this.event('response.content_part.done', { ...where, part: { ...part } });
  }

  private closeCurrent(): string {
    const open = this.current;
    if (!open) return '';
    this.current = undefined;
    let out = '';
    const { index, item } = open;
    if (item.type === 'reasoning') {
      const text = item.summary[0]?.text ?? '';
      const where = { item_id: item.id, output_index: index, summary_index: 0 };
      out += this.event('response.reasoning_summary_text.done', { ...where, text });
      out += this.event('response.reasoning_summary_part.done', { ...where, part: { type: 'summary_text', text } });
    } else {
      if (item.content.length > 0) out += this.closePart(item, index, item.content.length - 1);
      item.status = this.itemStatus();
    }
    return out + this.event('response.output_item.done', { output_index: index, item });
  }

  /** Close every open item, in output order: the answer is finished. */
  private closeAll(): string {
    let out = this.closeCurrent();
    for (const { index, item } of this.calls.values()) {
      item.status = this.itemStatus();
      out += this.event('response.function_call_arguments.done', { item_id: item.id, output_index: index, name: item.name, arguments: item.arguments });
      out += this.event('response.output_item.done', { output_index: index, item });
    }
    this.calls.clear();
    return out;
  }

  private itemStatus(): 'completed' | 'incomplete' {
    return this.outcome.status === 'incomplete' ? 'incomplete' : 'completed';
  }

  private response(outcome: Outcome, usage: ReturnType<typeof encodeResponsesUsage> | null, error: { code: string; message: string } | null = null) {
    return responseObject(this.identity, outcome, this.output, usage, error);
  }

  private event(type: string, fields: Record<string, unknown>): string {
    return `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: this.seq++, ...fields })}\n\n`;
  }
}
