import type { ToolCall } from '../../spec/chat-request.js';
import type { ChatResult } from '../../spec/chat-result.js';
import { GatewayError } from '../../spec/gateway-error.js';
import { asObject, asString } from '../toolkit/json-shapes.js';
import { GeminiFunctionCallAssembler } from './assemble-gemini-function-calls.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import { firstCandidate, readGeminiMeta, readGeminiParts } from './read-gemini-parts.js';
import { readGeminiUsage } from './read-gemini-usage.js';

/**
 * A `generateContent` response body as a canonical result. A prompt Gemini refused to answer
 * (`promptFeedback.blockReason`, no candidates) is a content-filtered answer with empty text.
 */
export function parseGeminiResponse(providerId: string, value: unknown): ChatResult {
  const body = asObject(value);
  const candidate = body && firstCandidate(body);
  const blockReason = asString(asObject(body?.promptFeedback)?.blockReason);
  if (!body || (!candidate && !blockReason)) {
    throw new GatewayError('upstream_invalid_response', `Provider '${providerId}' sent a response without a candidate.`, {
      provider: providerId,
    });
  }
  const usage = readGeminiUsage(body.usageMetadata);
  const meta = readGeminiMeta(body);
  if (!candidate) {
    return { ...meta, text: '', toolCalls: [], finishReason: 'content_filter', rawFinishReason: blockReason, ...(usage && { usage }) };
  }

  const calls = new GeminiFunctionCallAssembler();
  const pieces = [...readGeminiParts(candidate.content, calls), ...calls.finish()];
  let text = '';
  let reasoning = '';
  const toolCalls: ToolCall[] = [];
  for (const piece of pieces) {
    if (piece.type === 'text') text += piece.text;
    else if (piece.type === 'reasoning') reasoning += piece.text;
    else if (piece.type === 'start') toolCalls[piece.index] = { id: piece.id, name: piece.name, arguments: '{}' };
    else if (toolCalls[piece.index]) toolCalls[piece.index]!.arguments = piece.arguments;
  }
  const rawFinish = asString(candidate.finishReason);
  const hasCalls = toolCalls.length > 0;
  return {
    ...meta,
    text: text === '' && hasCalls ? null : text,
    ...(reasoning !== '' && { reasoning }),
    toolCalls,
    finishReason: rawFinish ? mapGeminiFinishReason(rawFinish, hasCalls) : hasCalls ? 'tool_calls' : 'stop',
    ...(rawFinish !== undefined && { rawFinishReason: rawFinish }),
    ...(usage && { usage }),
  };
}
