import type { ChatResult } from '../../../src/spec/chat-result.js';
import type { StreamPart } from '../../../src/spec/stream-part.js';
import type { Usage } from '../../../src/spec/usage.js';
import { expectSerializable, violation } from './invariants.js';

/** What an adapter hands the core must be well-formed whatever the provider sent: the checks on it. */

const FINISH_REASONS = new Set(['stop', 'length', 'tool_calls', 'content_filter']);
const optionalString = (v: unknown) => v === undefined || typeof v === 'string';

export function checkUsage(usage: Usage | undefined, where: string): void {
  if (usage === undefined) return;
  for (const key of ['inputTokens', 'cachedInputTokens', 'cacheWriteTokens', 'outputTokens', 'reasoningTokens'] as const) {
    const v = usage[key];
    violation(v === undefined || (typeof v === 'number' && Number.isFinite(v) && v >= 0), () => `${where}: usage.${key} is ${String(v)}`);
  }
}

export function checkChatResult(result: ChatResult): void {
  violation(result.text === null || typeof result.text === 'string', () => `text is ${typeof result.text}`);
  violation(optionalString(result.reasoning) && optionalString(result.refusal), () => 'reasoning or refusal is not a string');
  violation(optionalString(result.id) && optionalString(result.model), () => 'id or model is not a string');
  violation(result.created === undefined || Number.isFinite(result.created), () => `created is ${result.created}`);
  violation(FINISH_REASONS.has(result.finishReason), () => `finish reason ${JSON.stringify(result.finishReason)}`);
  violation(Array.isArray(result.toolCalls), () => 'toolCalls is not an array');
  result.toolCalls.forEach((c, i) => {
    violation(typeof c.id === 'string' && c.id !== '', () => `toolCalls[${i}].id is ${JSON.stringify(c.id)}`);
    violation(typeof c.name === 'string' && c.name !== '', () => `toolCalls[${i}].name is ${JSON.stringify(c.name)}`);
    violation(typeof c.arguments === 'string', () => `toolCalls[${i}].arguments is ${typeof c.arguments}`);
  });
  checkUsage(result.usage, 'result');
  expectSerializable(result, 'the chat result');
}

/**
 * A stream's parts, in order: every part well-formed; tool calls numbered from 0 in order of their start,
 * each start before its deltas (src/spec/stream-part.ts); at most one finish.
 */
export function checkStreamParts(parts: readonly StreamPart[]): void {
  let toolCalls = 0;
  let finishes = 0;
  parts.forEach((part, i) => {
    const where = `part ${i} (${part.type})`;
    switch (part.type) {
      case 'meta':
        violation(optionalString(part.id) && optionalString(part.model), () => `${where}: id or model is not a string`);
        violation(part.created === undefined || Number.isFinite(part.created), () => `${where}: created is ${part.created}`);
        break;
      case 'text':
      case 'reasoning':
      case 'refusal':
        violation(typeof part.text === 'string', () => `${where}: text is ${typeof part.text}`);
        break;
      case 'reasoning-signature':
        violation(typeof part.signature === 'string', () => `${where}: signature is ${typeof part.signature}`);
        break;
      case 'redacted-reasoning':
        violation(typeof part.data === 'string', () => `${where}: data is ${typeof part.data}`);
        break;
      case 'tool-call-start':
        violation(part.index === toolCalls, () => `${where}: index ${part.index}, expected ${toolCalls}`);
        violation(typeof part.id === 'string' && part.id !== '', () => `${where}: id ${JSON.stringify(part.id)}`);
        violation(typeof part.name === 'string', () => `${where}: name is ${typeof part.name}`);
        toolCalls++;
        break;
      case 'tool-call-delta':
        violation(Number.isInteger(part.index) && part.index >= 0 && part.index < toolCalls, () => `${where}: index ${part.index} before its start`);
        violation(typeof part.arguments === 'string', () => `${where}: arguments is ${typeof part.arguments}`);
        break;
      case 'finish':
        finishes++;
        violation(FINISH_REASONS.has(part.reason), () => `${where}: reason ${JSON.stringify(part.reason)}`);
        violation(optionalString(part.raw), () => `${where}: raw is not a string`);
        break;
      case 'usage':
        checkUsage(part.usage, where);
        break;
      default:
        violation(false, () => `${where}: unknown part type`);
    }
  });
  violation(finishes <= 1, () => `${finishes} finish parts`);
}

/** Every `data:` line of the SSE text the client would get must be JSON (or [DONE]). */
export function checkSseFrames(text: string): void {
  for (const line of text.split('\n')) {
    if (!line.startsWith('data: ')) continue;
    const payload = line.slice(6);
    if (payload === '[DONE]') continue;
    try {
      JSON.parse(payload);
    } catch {
      violation(false, () => `an SSE frame for the client is not JSON: ${payload.slice(0, 200)}`);
    }
  }
}
