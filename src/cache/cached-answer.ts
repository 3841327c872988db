import type { ReasoningBlock, ToolCall } from '../spec/chat-request.js';
import type { ChatResult } from '../spec/chat-result.js';
import type { EmbeddingResult } from '../spec/embedding.js';
import type { FinishReason } from '../spec/finish-reason.js';
import type { StreamPart } from '../spec/stream-part.js';
import type { Usage } from '../spec/usage.js';

/** Which deployment gave a cached answer, and when: a hit is served only while that deployment may still serve. */
export interface CachedFrom {
  /** Unix ms when the answer was stored. */
  storedAt: number;
  providerId: string;
  /** The upstream model name. */
  model: string;
}

/** A chat answer as the cache keeps it: canonical, so any door can give it back in its own wire. */
export interface CachedChat extends CachedFrom {
  kind: 'chat';
  result: Omit<ChatResult, 'native' | 'id' | 'created'>;
}

export interface CachedEmbedding extends CachedFrom {
  kind: 'embeddings';
  result: EmbeddingResult;
}

export type CachedAnswer = CachedChat | CachedEmbedding;

/** Characters of text per chunk when a cached answer is streamed. */
const REPLAY_CHUNK_CHARS = 64;

/** A whole answer worth keeping: any that finished, but one a content filter stopped. */
export function isCacheable(finish: FinishReason): boolean {
  return finish !== 'content_filter';
}

/** The canonical answer without what is particular to one response (ids, the provider's raw usage, a native body). */
export function cachedChat(result: ChatResult, from: CachedFrom): CachedChat {
  const { native: _n, id: _i, created: _c, usage, ...rest } = result;
  return { kind: 'chat', ...from, result: { ...rest, ...(usage && { usage: withoutRaw(usage) }) } };
}

export function cachedEmbedding(result: EmbeddingResult, from: CachedFrom): CachedEmbedding {
  const { usage, ...rest } = result;
  return { kind: 'embeddings', ...from, result: { ...rest, ...(usage && { usage: withoutRaw(usage) }) } };
}

function withoutRaw(usage: Usage): Usage {
  const { raw: _r, ...rest } = usage;
  return rest;
}

/**
 * Gathers a streamed answer's parts into the whole answer the cache keeps. `result` is undefined until a
 * finish arrives; parts passed through as the upstream framed them (`native`) carry nothing to gather (the
 * parts decoded from them follow).
 */
export class AnswerGatherer {
  private text = '';
  private reasoning = '';
  private refusal = '';
  private blocks: ReasoningBlock[] = [];
  private blockText = '';
  private readonly tools: ToolCall[] = [];
  private finish: { reason: FinishReason; raw?: string } | undefined;
  private usage: Usage | undefined;
  private sawText = false;

  add(part: StreamPart): void {
    switch (part.type) {
      case 'text':
        this.text += part.text;
        this.sawText = true;
        break;
      case 'reasoning':
        this.reasoning += part.text;
        this.blockText += part.text;
        break;
      case 'reasoning-signature':
        this.blocks.push({ type: 'reasoning', text: this.blockText, signature: part.signature });
        this.blockText = '';
        break;
      case 'redacted-reasoning':
        this.blocks.push({ type: 'redacted-reasoning', data: part.data });
        break;
      case 'refusal':
        this.refusal += part.text;
        break;
      case 'tool-call-start':
        this.tools[part.index] = { id: part.id, name: part.name, arguments: '' };
        break;
      case 'tool-call-delta': {
        const call = this.tools[part.index];
        if (call) call.arguments += part.arguments;
        break;
      }
      case 'finish':
        this.finish = { reason: part.reason, ...(part.raw !== undefined && { raw: part.raw }) };
        break;
      case 'usage':
        this.usage = part.usage;
        break;
      default:
        break;
    }
  }

  /** The whole answer, once the stream finished; undefined before. */
  result(): ChatResult | undefined {
    if (!this.finish) return undefined;
    const blocks = this.blockText ? [...this.blocks, { type: 'reasoning' as const, text: this.blockText }] : this.blocks;
    return {
      text: this.sawText ? this.text : null,
      ...(this.reasoning && { reasoning: this.reasoning }),
      ...(this.blocks.length > 0 && { reasoningBlocks: blocks }),
      ...(this.refusal && { refusal: this.refusal }),
      toolCalls: this.tools.filter((t) => t !== undefined),
      finishReason: this.finish.reason,
      ...(this.finish.raw !== undefined && { rawFinishReason: this.finish.raw }),
      ...(this.usage && { usage: this.usage }),
    };
  }
}

/** A cached answer as stream parts, its text re-chunked, for a client that asked for a stream. */
export function* replayParts(result: CachedChat['result']): Generator<StreamPart> {
  if (result.reasoningBlocks && result.reasoningBlocks.length > 0) {
    for (const block of result.reasoningBlocks) {
      if (block.type === 'redacted-reasoning') {
        yield { type: 'redacted-reasoning', data: block.data };
        continue;
      }
      for (const piece of chunks(block.text)) yield { type: 'reasoning', text: piece };
      if (block.signature !== undefined) yield { type: 'reasoning-signature', signature: block.signature };
    }
  } else if (result.reasoning) {
    for (const piece of chunks(result.reasoning)) yield { type: 'reasoning', text: piece };
  }
  if (result.refusal) yield { type: 'refusal', text: result.refusal };
  if (result.text !== null) for (const piece of chunks(result.text)) yield { type: 'text', text: piece };
  for (const [index, call] of result.toolCalls.entries()) {
    yield { type: 'tool-call-start', index, id: call.id, name: call.name };
    if (call.arguments) yield { type: 'tool-call-delta', index, arguments: call.arguments };
  }
  yield { type: 'finish', reason: result.finishReason, ...(result.rawFinishReason !== undefined && { raw: result.rawFinishReason }) };
  if (result.usage) yield { type: 'usage', usage: result.usage };
}

function* chunks(text: string): Generator<string> {
  if (text.length === 0) {
    yield '';
    return;
  }
  for (let i = 0; i < text.length; i += REPLAY_CHUNK_CHARS) yield text.slice(i, i + REPLAY_CHUNK_CHARS);
}
