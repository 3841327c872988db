import { GatewayError } from '../../spec/gateway-error.js';
import type { StreamPart } from '../../spec/stream-part.js';
import { asObject, asString } from '../toolkit/json-shapes.js';
import { parseEventJson } from '../toolkit/parse-event-json.js';
import type { ServerSentEvent } from '../toolkit/read-event-stream.js';
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
export async function* parseAnthropicStream(
  providerId: string,
  events: AsyncIterable<ServerSentEvent>,
  secrets: readonly string[],
): AsyncGenerator<StreamPart> {
  const blocks = new AnthropicBlockTracker();
  let sentMeta = false;
  let counts: AnthropicTokenCounts | undefined;
  let stopReason: string | undefined;
  let stopped = false;

  for await (const sse of events) {
    // whatever follows message_stop is read (so the connection can be reused) but not used
    if (stopped) continue;
    const event = parseEventJson(providerId, sse.data);
    if (!event) continue;
    const type = asString(event.type) ?? sse.event;
    if (type === 'error') throw mapAnthropicErrorEvent(providerId, event, secrets);
    if (type === 'ping') continue;
    if (!sentMeta) {
      sentMeta = true;
      const message = type === 'message_start' ? asObject(event.message) : undefined;
      yield { type: 'meta', id: asString(message?.id), model: asString(message?.model) };
    }
    let usage: unknown;
    switch (type) {
      case 'message_start':
        usage = asObject(event.message)?.usage;
        counts = mergeUsageCounts(counts, readAnthropicTokenCounts(usage, false));
        break;
      case 'content_block_start':
        yield* blocks.start(event);
        break;
      case 'content_block_delta':
        yield* blocks.delta(event);
        break;
      case 'content_block_stop':
        yield* blocks.stop(event);
        break;
      case 'message_delta': {
        const delta = asObject(event.delta);
        stopReason = asString(delta?.stop_reason) ?? stopReason;
        const refusal = stopReason === 'refusal' ? readRefusalExplanation(delta?.stop_details) : undefined;
        if (refusal) yield { type: 'refusal', text: refusal };
        usage = event.usage;
        counts = mergeUsageCounts(counts, readAnthropicTokenCounts(usage));
        break;
      }
      case 'message_stop':
        stopped = true;
        yield* blocks.flush();
        yield {
          type: 'finish',
          reason: mapAnthropicStopReason(stopReason, blocks.toolCallCount > 0),
          ...(stopReason !== undefined && { raw: stopReason }),
        };
        break;
    }
    if (asObject(usage) && counts) yield { type: 'usage', usage: toCanonicalUsage(counts, usage) };
  }
  if (!stopped) {
    throw new GatewayError('stream_interrupted', `Provider '${providerId}' ended the stream without finishing the answer.`, {
      provider: providerId,
    });
  }
}

function mergeUsageCounts(base: AnthropicTokenCounts | undefined, next: AnthropicTokenCounts | undefined) {
  return next ? mergeTokenCounts(base, next) : base;
}



