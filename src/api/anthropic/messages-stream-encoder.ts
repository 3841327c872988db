import type { PricedUsage } from '../../ledger/price-usage.js';
import type { ChatRequest } from '../../spec/chat-request.js';
import type { FinishReason } from '../../spec/finish-reason.js';
import type { GatewayError } from '../../spec/gateway-error.js';
import type { StreamPart } from '../../spec/stream-part.js';
import { mergeUsage, type Usage } from '../../spec/usage.js';
import type { AnswerIdentity, DoorStreamEncoder } from '../chat-door.js';
import { NativeFrames } from '../native-frames.js';
import { encodeAnthropicError } from './anthropic-error.js';
import { encodeAnthropicUsage } from './encode-anthropic-usage.js';
import { mapStopReason } from './map-stop-reason.js';

type BlockKind = 'thinking' | 'text' | 'tool_use' | 'redacted_thinking';

/**
 * Stream parts as Messages API events: `message_start` (held back until the first content, so that an
 * upstream's early input count is in it) and a `ping`, then per content block `content_block_start`, its
 * deltas and `content_block_stop`, and at the end `message_delta` (stop reason, every usage count) and
 * `message_stop`. A block stays open while parts of its kind follow; a new kind closes it. Tool calls are
 * blocks of their own; a tool's late argument delta (after another block began) still goes to its own
 * index, which the SDKs accumulate by. A reasoning signature is the thinking block's `signature_delta`
 * and ends it, so the reasoning after it opens a new block; redacted reasoning is a block of its own,
 * whole in its `content_block_start`, as Anthropic streams it.
 *
 * A stream passed through from an Anthropic-wire upstream is written as the upstream sent it; the parts read
 * from it only keep count.
 */
export class MessagesStreamEncoder implements DoorStreamEncoder {
  usage: Usage | undefined;
  contentChars = 0;
  private started = false;
  private open: { kind: BlockKind; index: number } | undefined;
  private blocks = 0;
  private readonly toolBlocks = new Map<number, number>();
  private finish: { reason: FinishReason; raw?: string } | undefined;
  private refusal = '';
  private readonly native = new NativeFrames();

  constructor(
    private readonly identity: AnswerIdentity,
    private readonly req: ChatRequest,
  ) {}

  encode(part: StreamPart): string {
    if (part.type === 'native') return part.wire === 'anthropic-messages' ? this.native.take(part) : '';
    const out = this.translate(part);
    return this.native.passing ? '' : out;
  }

  private translate(part: Exclude<StreamPart, { type: 'native' }>): string {
    switch (part.type) {
      case 'meta':
        return '';
      case 'usage':
        this.usage = mergeUsage(this.usage, part.usage);
        return '';
      case 'text':
        this.contentChars += part.text.length;
        return this.delta('text', { type: 'text_delta', text: part.text });
      case 'reasoning':
        this.contentChars += part.text.length;
        return this.delta('thinking', { type: 'thinking_delta', thinking: part.text });
      case 'reasoning-signature':
        return this.delta('thinking', { type: 'signature_delta', signature: part.signature }) + this.close();
      case 'redacted-reasoning':
        return this.start() + this.close() + this.wholeBlock({ type: 'redacted_thinking', data: part.data });
      case 'refusal':
        this.refusal += part.text;
        return this.start();
      case 'tool-call-start': {
        const out = this.start() + this.close();
        const index = this.blocks++;
        this.toolBlocks.set(part.index, index);
        this.open = { kind: 'tool_use', index };
        return out + event('content_block_start', { type: 'content_block_start', index, content_block: { type: 'tool_use', id: part.id, name: part.name, input: {} } });
      }
      case 'tool-call-delta': {
        this.contentChars += part.arguments.length;
        const index = this.toolBlocks.get(part.index);
        if (index === undefined || part.arguments === '') return '';
        return event('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: part.arguments } });
      }
      case 'finish':
        if (this.finish) return '';
        this.finish = { reason: part.reason, ...(part.raw !== undefined && { raw: part.raw }) };
        return this.start();
    }
  }

  /** The last open block's stop, a refusal's explanation as a text block when nothing else was said, `message_delta` and `message_stop`. */
  end(_priced: PricedUsage): string {
    if (this.native.passing) return this.native.end();
    let out = this.start();
    if (this.refusal !== '' && this.blocks === 0) out += this.delta('text', { type: 'text_delta', text: this.refusal });
    out += this.close();
    const finish = this.finish ?? { reason: 'stop' as const };
    const stop = mapStopReason(finish.reason, finish.raw, this.req);
    const usage = encodeAnthropicUsage(this.usage);
    out += event('message_delta', { type: 'message_delta', delta: stop, usage });
    return out + event('message_stop', { type: 'message_stop' });
  }

  errorFrame(error: GatewayError): string {
    return event('error', encodeAnthropicError(error).body);
  }

  get isFinished(): boolean {
    return this.finish !== undefined;
  }

  /** `message_start` and a `ping`, once, before anything else. */
  private start(): string {
    if (this.started) return '';
    this.started = true;
    const message = {
      id: this.identity.id,
      type: 'message',
      role: 'assistant',
      model: this.identity.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: encodeAnthropicUsage(this.usage),
    };
    return event('message_start', { type: 'message_start', message }) + event('ping', { type: 'ping' });
  }

  private delta(kind: 'text' | 'thinking', delta: Record<string, unknown>): string {
    let out = this.start();
    if (this.open?.kind !== kind) {
      out += this.close();
      const index = this.blocks++;
      this.open = { kind, index };
      const block = kind === 'text' ? { type: 'text', text: '' } : { type: 'thinking', thinking: '', signature: '' };
      out += event('content_block_start', { type: 'content_block_start', index, content_block: block });
    }
    return out + event('content_block_delta', { type: 'content_block_delta', index: this.open.index, delta });
  }

  /** A block whose content is all in its start event: start and stop at once. */
  private wholeBlock(block: Record<string, unknown>): string {
    const index = this.blocks++;
    return (
      event('content_block_start', { type: 'content_block_start', index, content_block: block }) +
      event('content_block_stop', { type: 'content_block_stop', index })
    );
  }

  private close(): string {
    if (!this.open) return '';
    const index = this.open.index;
    this.open = undefined;
    return event('content_block_stop', { type: 'content_block_stop', index });
  }
}

function event(type: string, data: unknown): string {
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}
