import { textOf, type AssistantMessage, type Message, type UserMessage } from '../../spec/chat-request.js';
import { GatewayError } from '../../spec/gateway-error.js';
import { convertImageToGeminiPart } from './convert-image-to-gemini-part.js';
import type { GeminiContent, GeminiPart, GeminiRequest } from './gemini-wire.js';

/**
 * Gemini 3 rejects a replayed function call whose thought signature is missing. OpenAI clients cannot carry
 * signatures back, so replayed calls carry the bypass value Google documents for history made elsewhere.
 */
export const THOUGHT_SIGNATURE_BYPASS = 'skip_thought_signature_validator';

/**
 * Canonical messages as Gemini `systemInstruction` and `contents`. System messages (wherever they are) join
 * the system instruction; assistant turns become role `model`; tool results become `functionResponse` parts
 * of a user turn, named after the assistant tool call they answer. Consecutive turns of one role are merged,
 * as Gemini expects alternating roles. Assistant reasoning is not sent back (Gemini cannot take it unsigned).
 */
export function convertToGeminiContents(messages: readonly Message[]): Pick<GeminiRequest, 'contents' | 'systemInstruction'> {
  const system: Array<{ text: string }> = [];
  const contents: GeminiContent[] = [];
  const toolNames = new Map<string, string>();

  messages.forEach((msg, i) => {
    switch (msg.role) {
      case 'system': {
        const text = textOf(msg.content);
        if (text !== '') system.push({ text });
        return;
      }
      case 'user':
        return push(contents, 'user', convertUserContent(msg, i));
      case 'assistant':
        for (const call of msg.toolCalls ?? []) toolNames.set(call.id, call.name);
        return push(contents, 'model', convertAssistant(msg, i));
      case 'tool': {
        const name = toolNames.get(msg.toolCallId);
        if (name === undefined) {
          throw new GatewayError(
            'invalid_request',
            `messages[${i}] answers tool call '${msg.toolCallId}', which no earlier assistant message made.`,
            { param: `messages[${i}].tool_call_id` },
          );
        }
        return push(contents, 'user', [
          { functionResponse: { name, response: convertToolResult(textOf(msg.content)) } },
        ]);
      }
    }
  });
  return system.length > 0 ? { systemInstruction: { parts: system }, contents } : { contents };
}

function push(contents: GeminiContent[], role: GeminiContent['role'], parts: GeminiPart[]): void {
  if (parts.length === 0) return;
  const last = contents[contents.length - 1];
  if (last && last.role === role) last.parts.push(...parts);
  else contents.push({ role, parts });
}

function convertUserContent(msg: UserMessage, i: number): GeminiPart[] {
  if (typeof msg.content === 'string') return [{ text: msg.content }];
  return msg.content.map((part, j) =>
    part.type === 'text'
      ? { text: part.text }
      : convertImageToGeminiPart(part.url, `messages[${i}].content[${j}].image_url.url`),
  );
}

function convertAssistant(msg: AssistantMessage, i: number): GeminiPart[] {
  const parts: GeminiPart[] = [];
  const text = textOf(msg.content);
  if (text !== '') parts.push({ text });
  (msg.toolCalls ?? []).forEach((call, j) => {
    const args = parseArguments(call.arguments, `messages[${i}].tool_calls[${j}].function.arguments`);
    parts.push({
      functionCall: { name: call.name, args },
      ...(j === 0 && { thoughtSignature: THOUGHT_SIGNATURE_BYPASS }),
    });
  });
  return parts;
}

/** A tool call's JSON arguments as the object Gemini expects; empty text is taken as no arguments. */
function parseArguments(text: string, param: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new GatewayError('invalid_request', `'${param}' is not valid JSON.`, { param });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new GatewayError('invalid_request', `'${param}' must be a JSON object.`, { param });
  }
  return value as Record<string, unknown>;
}

/** A tool's output as a function response: a JSON object is passed as it is, anything else as `{content}`. */
function convertToolResult(text: string): Record<string, unknown> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      const value: unknown = JSON.parse(trimmed);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // not JSON after all: sent as text
    }
  }
  return { content: text };
}
