import type { ToolCall } from '../../spec/chat-request.js';
import type { ChatResult } from '../../spec/chat-result.js';
import { normalizeFinishReason } from '../../spec/finish-reason.js';
import { GatewayError } from '../../spec/gateway-error.js';
import { generateId } from '../toolkit/generate-id.js';
import { asArray, asObject, asString } from '../toolkit/json-shapes.js';
import { mapInBandError } from '../toolkit/map-in-band-error.js';
import { finishedWithError } from './finished-with-error.js';
import { readOpenAIContent } from './read-openai-content.js';
import { readOpenAIMeta } from './read-openai-meta.js';
import { findOpenAIUsage, readOpenAIUsage } from './read-openai-usage.js';
import { splitThinkTags } from './split-think-tags.js';

/**
 * A chat-completions response body as a canonical result. A 200 body that is an `error` object, or whose
 * finish reason is `error`, is thrown as the error it is.
 */
export function parseOpenAIChatResponse(
  providerId: string,
  value: unknown,
  thinkTags: boolean,
  secrets: readonly string[],
): ChatResult {
  const body = asObject(value);
  if (body?.error != null) throw mapInBandError(providerId, body.error, secrets);
  const choice = asObject(asArray(body?.choices)[0]);
  const message = asObject(choice?.message);
  if (!body || !choice || !message) {
    throw new GatewayError('upstream_invalid_response', `Provider '${providerId}' sent a response without a message.`, {
      provider: providerId,
    });
  }
  let { text, reasoning } = readOpenAIContent(message);
  if (thinkTags) {
    const split = splitThinkTags(text);
    text = split.text;
    reasoning += split.reasoning;
  }
  const toolCalls: ToolCall[] = [];
  for (const raw of asArray(message.tool_calls)) {
    const call = asObject(raw);
    const fn = asObject(call?.function);
    const name = asString(fn?.name);
    if (!name) continue;
    const args = fn?.arguments;
    toolCalls.push({
      id: asString(call?.id) || generateId('call'),
      name,
      arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}),
    });
  }
  const rawFinish = asString(choice.finish_reason) || undefined;
  if (rawFinish === 'error') throw finishedWithError(providerId);
  let finishReason = rawFinish ? normalizeFinishReason(rawFinish) : toolCalls.length > 0 ? 'tool_calls' : 'stop';
  if (finishReason === 'stop' && toolCalls.length > 0) finishReason = 'tool_calls';
  const refusal = asString(message.refusal);
  const usage = readOpenAIUsage(findOpenAIUsage(body, choice));
  return {
    ...readOpenAIMeta(body),
    text: text === '' && (toolCalls.length > 0 || message.content == null) ? null : text,
    ...(reasoning !== '' && { reasoning }),
    ...(refusal && { refusal }),
    toolCalls,
    finishReason,
    ...(rawFinish !== undefined && { rawFinishReason: rawFinish }),
    ...(usage && { usage }),
  };
}
