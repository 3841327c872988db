import { GatewayError } from '../../spec/gateway-error.js';
import type { StreamPart } from '../../spec/stream-part.js';
import type { Usage } from '../../spec/usage.js';
import { asObject, asString } from '../toolkit/json-shapes.js';
import { mapInBandError } from '../toolkit/map-in-band-error.js';
import { parseEventJson } from '../toolkit/parse-event-json.js';
import type { ServerSentEvent, StreamDecoder } from '../toolkit/decode-event-stream.js';
import { GeminiFunctionCallAssembler } from './assemble-gemini-function-calls.js';
import { mapGeminiError } from './map-gemini-error.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import { firstCandidate, readGeminiMeta, readGeminiParts, type GeminiPiece } from './read-gemini-parts.js';
import { hasCounts, readGeminiUsage } from './read-gemini-usage.js';

/**
 * `streamGenerateContent?alt=sse` events as stream parts: one `meta` first, then reasoning, text and tool
 * calls as they arrive, then one `usage` (the last counted report: every chunk repeats the running totals)
 * and exactly one `finish`. A stream that ends before any finish reason was sent throws `stream_interrupted`;
 * an `error` object sent in the stream is thrown as the provider's error.
 */
export class GeminiStreamDecoder implements StreamDecoder {
  private readonly calls = new GeminiFunctionCallAssembler();
  private sentMeta = false;
  private rawFinish: string | undefined;
  private blocked = false;
  private usage: Usage | undefined;

  constructor(
    private readonly providerId: string,
    private readonly secrets: readonly string[],
  ) {}

  push(event: ServerSentEvent, out: StreamPart[]): void {
    const chunk = parseEventJson(this.providerId, event.data);
    if (!chunk) return;
    if (chunk.error !== undefined) throw mapInBandError(this.providerId, chunk.error, this.secrets, mapGeminiError);
    if (!this.sentMeta) {
      this.sentMeta = true;
      out.push({ type: 'meta', ...readGeminiMeta(chunk) });
    }
    const candidate = firstCandidate(chunk);
    if (candidate && this.rawFinish === undefined) {
      out.push(...toParts(readGeminiParts(candidate.content, this.calls)));
      this.rawFinish = asString(candidate.finishReason);
    }
    const blockReason = asString(asObject(chunk.promptFeedback)?.blockReason);
    if (!candidate && blockReason && this.rawFinish === undefined) {
      this.rawFinish = blockReason;
      this.blocked = true;
    }
    const report = readGeminiUsage(chunk.usageMetadata);
    if (report && hasCounts(report)) this.usage = report;
  }

  end(out: StreamPart[]): void {
    out.push(...toParts(this.calls.finish()));
    const rawFinish = this.rawFinish;
    if (rawFinish === undefined) {
      throw new GatewayError('stream_interrupted', `Provider '${this.providerId}' ended the stream without finishing the answer.`, {
        provider: this.providerId,
      });
    }
    if (this.usage) out.push({ type: 'usage', usage: this.usage });
    const reason = this.blocked ? 'content_filter' : mapGeminiFinishReason(rawFinish, this.calls.count > 0);
    out.push({ type: 'finish', reason, raw: rawFinish });
  }
}

function* toParts(pieces: GeminiPiece[]): Generator<StreamPart> {
  for (const piece of pieces) {
    if (piece.type === 'start') yield { type: 'tool-call-start', index: piece.index, id: piece.id, name: piece.name };
    else if (piece.type === 'arguments') yield { type: 'tool-call-delta', index: piece.index, arguments: piece.arguments };
    else yield piece;
  }
}
