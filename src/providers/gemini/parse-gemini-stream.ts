import { GatewayError } from '../../spec/gateway-error.js';
import type { StreamPart } from '../../spec/stream-part.js';
import type { Usage } from '../../spec/usage.js';
import { asNumber, asObject, asString } from '../toolkit/json-shapes.js';
import { parseEventJson } from '../toolkit/parse-event-json.js';
import type { ServerSentEvent } from '../toolkit/read-event-stream.js';
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
export async function* parseGeminiStream(
  providerId: string,
  events: AsyncIterable<ServerSentEvent>,
  secrets: readonly string[],
): AsyncGenerator<StreamPart> {
  const calls = new GeminiFunctionCallAssembler();
  let sentMeta = false;
  let rawFinish: string | undefined;
  let blocked = false;
  let usage: Usage | undefined;

  for await (const event of events) {
    const chunk = parseEventJson(providerId, event.data);
    if (!chunk) continue;
    if (chunk.error !== undefined) throw inBandError(providerId, chunk.error, secrets);
    if (!sentMeta) {
      sentMeta = true;
      yield { type: 'meta', ...readGeminiMeta(chunk) };
    }
    const candidate = firstCandidate(chunk);
    if (candidate && rawFinish === undefined) {
      yield* toParts(readGeminiParts(candidate.content, calls));
      rawFinish = asString(candidate.finishReason);
    }
    const blockReason = asString(asObject(chunk.promptFeedback)?.blockReason);
    if (!candidate && blockReason && rawFinish === undefined) {
      rawFinish = blockReason;
      blocked = true;
    }
    const report = readGeminiUsage(chunk.usageMetadata);
    if (report && hasCounts(report)) usage = report;
  }

  yield* toParts(calls.finish());
  if (rawFinish === undefined) {
    throw new GatewayError('stream_interrupted', `Provider '${providerId}' ended the stream without finishing the answer.`, {
      provider: providerId,
    });
  }
  if (usage) yield { type: 'usage', usage };
  const reason = blocked ? 'content_filter' : mapGeminiFinishReason(rawFinish, calls.count > 0);
  yield { type: 'finish', reason, raw: rawFinish };
}

function* toParts(pieces: GeminiPiece[]): Generator<StreamPart> {
  for (const piece of pieces) {
    if (piece.type === 'start') yield { type: 'tool-call-start', index: piece.index, id: piece.id, name: piece.name };
    else if (piece.type === 'arguments') yield { type: 'tool-call-delta', index: piece.index, arguments: piece.arguments };
    else yield piece;
  }
}



function inBandError(providerId: string, error: unknown, secrets: readonly string[]): GatewayError {
  const status = asNumber(asObject(error)?.code) ?? 502;
  return mapGeminiError({
    providerId,
    status: status >= 400 && status < 600 ? status : 502,
    headers: {},
    bodyText: JSON.stringify({ error }),
    secrets,
  });
}
