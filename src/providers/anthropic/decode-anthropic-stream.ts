import { GatewayError } from '../../spec/gateway-error.js';
import type { StreamPart } from '../../spec/stream-part.js';
import { asObject, asString } from '../toolkit/json-shapes.js';
import { parseEventJson } from '../toolkit/parse-event-json.js';
import type { ServerSentEvent, StreamDecoder } from '../toolkit/decode-event-stream.js';
import { mapAnthropicErrorEvent } from './map-anthropic-error-event.js';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';
import { mergeTokenCounts, readAnthropicTokenCounts, toCanonicalUsage, type AnthropicTokenCounts } from './read-anthropic-usage.js';
import { readRefusalExplanation } from './read-refusal-explanation.js';
import { AnthropicBlockTracker } from './track-anthropic-blocks.js';

/**
 * Messages API stream events as stream parts: one `meta` first, content as it arrives, `usage` whenever
 * Anthropic reports counts (input at `message_start`; output, and on some endpoints corrected input, at
 * `message_delta`; each report carries every count known so far), and exactly one `finish` at
 * `message_stop`. An `error` event is thrown as a GatewayError; a stream that ends or is cut before
 * `message_stop` is thrown as `stream_interrupted`, never passed off as a finished answer.
 */
export class AnthropicStreamDecoder implements StreamDecoder {
  private readonly blocks = new AnthropicBlockTracker();
  private sentMeta = false;
  private counts: AnthropicTokenCounts | undefined;
  private stopReason: string | undefined;
  private stopped = false;

  constructor(
    private readonly providerId: string,
    private readonly secrets: readonly string[],
  ) {}

  push(sse: ServerSentEvent, out: StreamPart[]): void {
    // whatever follows message_stop is read (so the connection can be reused) but not used
    if (this.stopped) return;
    const event = parseEventJson(this.providerId, sse.data);
    if (!event) return;
    const type = asString(event.type) ?? sse.event;
    if (type === 'error') throw mapAnthropicErrorEvent(this.providerId, event, this.secrets);
    if (type === 'ping') return;
    if (!this.sentMeta) {
      this.sentMeta = true;
      const message = type === 'message_start' ? asObject(event.message) : undefined;
      out.push({ type: 'meta', id: asString(message?.id), model: asString(message?.model) });
    }
    let usage: unknown;
    switch (type) {
      case 'message_start':
        usage = asObject(event.message)?.usage;
        this.counts = mergeUsageCounts(this.counts, readAnthropicTokenCounts(usage, false));
        break;
      case 'content_block_start':
        out.push(...this.blocks.start(event));
        break;
      case 'content_block_delta':
        out.push(...this.blocks.delta(event));
        break;
      case 'content_block_stop':
        out.push(...this.blocks.stop(event));
        break;
      case 'message_delta': {
        const delta = asObject(event.delta);
        this.stopReason = asString(delta?.stop_reason) ?? this.stopReason;
        const refusal = this.stopReason === 'refusal' ? readRefusalExplanation(delta?.stop_details) : undefined;
        if (refusal) out.push({ type: 'refusal', text: refusal });
        usage = event.usage;
        this.counts = mergeUsageCounts(this.counts, readAnthropicTokenCounts(usage));
        break;
      }
      case 'message_stop':
        this.stopped = true;
        out.push(...this.blocks.flush());
        out.push({
          type: 'finish',
          reason: mapAnthropicStopReason(this.stopReason, this.blocks.toolCallCount > 0),
          ...(this.stopReason !== undefined && { raw: this.stopReason }),
        });
        break;
    }
    if (asObject(usage) && this.counts) out.push({ type: 'usage', usage: toCanonicalUsage(this.counts, usage) });
  }

  end(): void {
    if (!this.stopped) {
      throw new GatewayError('stream_interrupted', `Provider '${this.providerId}' ended the stream without finishing the answer.`, {
        provider: this.providerId,
      });
    }
  }
}

function mergeUsageCounts(base: AnthropicTokenCounts | undefined, next: AnthropicTokenCounts | undefined) {
  return next ? mergeTokenCounts(base, next) : base;
}



