import type { ChatResult, RelayCuts } from '../../spec/chat-result.js';
import type { JsonObject } from '../toolkit/json-shapes.js';
import { locateCompletionMembers } from './locate-completion-members.js';

/**
 * Where a relayed chat completion can be spliced, when it is plain: a body the translated answer would show
 * the client the same, its id, creation time, model and usage aside (the door puts its own there). Plain:
 * `object` is `chat.completion`; beside `choices` and `usage`, only scalar fields; one choice, of index 0,
 * whose finish reason is the unified one the translation gives and whose other fields (but `message`) are
 * scalars, `logprobs` null; a message from the assistant whose content, reasoning (`reasoning_content`),
 * refusal and tool calls are exactly what the translation writes, and whose other fields are null or empty
 * lists (`annotations: []`). Undefined otherwise: the door then encodes the result as it does any.
 *
 * `json` is `text` parsed, and `result` what parseOpenAIChatResponse read from it.
 */
export function cutPlainCompletion(text: string, json: JsonObject, result: ChatResult): RelayCuts | undefined {
  if (json.object !== 'chat.completion' || typeof json.id !== 'string' || typeof json.model !== 'string' || typeof json.created !== 'number') return undefined;
  for (const key in json) {
    const value = json[key];
    if (key !== 'choices' && key !== 'usage' && !isScalar(value)) return undefined;
  }
  if (json.usage !== undefined && json.usage !== null && !isObject(json.usage)) return undefined;
  const choices = json.choices;
  if (!Array.isArray(choices) || choices.length !== 1 || !plainChoice(choices[0], result)) return undefined;
  const at = locateCompletionMembers(text);
  if (!at) return undefined;
  return { id: at.id, created: at.created, model: at.model, usage: at.usage ?? text.lastIndexOf('}') };
}

function plainChoice(value: unknown, result: ChatResult): boolean {
  if (!isObject(value) || value.index !== 0 || value.finish_reason !== result.finishReason) return false;
  for (const key in value) {
    const field = value[key];
    if (key === 'message') {
      if (!plainMessage(field, result)) return false;
    } else if (key === 'logprobs') {
      if (field !== null) return false;
    } else if (!isScalar(field)) return false;
  }
  return 'message' in value;
}

function plainMessage(value: unknown, result: ChatResult): boolean {
  if (!isObject(value) || value.role !== 'assistant' || !('content' in value) || value.content !== result.text) return false;
  for (const key in value) {
    const field = value[key];
    switch (key) {
      case 'role':
      case 'content':
        break;
      case 'reasoning_content':
        if (field !== (result.reasoning ?? null)) return false;
        break;
      case 'refusal':
        if (field !== (result.refusal ?? null)) return false;
        break;
      case 'tool_calls':
        if (!plainToolCalls(field, result)) return false;
        break;
      default:
        // `reasoning`, `audio`, `function_call`, annotations: shown only when there is nothing in them
        if (field !== null && !(Array.isArray(field) && field.length === 0)) return false;
    }
  }
  // reasoning the translation shows is shown under its own name
  return result.reasoning === undefined || value.reasoning_content === result.reasoning;
}

function plainToolCalls(value: unknown, result: ChatResult): boolean {
  const calls = result.toolCalls;
  if (value === null) return calls.length === 0;
  if (!Array.isArray(value) || value.length !== calls.length || calls.length === 0) return false;
  return value.every((raw, i) => {
    const call = calls[i]!;
    if (!isObject(raw) || raw.id !== call.id || raw.type !== 'function' || Object.keys(raw).length !== 3) return false;
    const fn = raw.function;
    return isObject(fn) && fn.name === call.name && fn.arguments === call.arguments && Object.keys(fn).length === 2;
  });
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}
