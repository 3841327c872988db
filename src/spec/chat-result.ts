import type { ReasoningBlock, ToolCall } from './chat-request.js';
import type { FinishReason } from './finish-reason.js';
import type { NativeWire } from './native-request.js';
import type { Usage } from './usage.js';

/** A complete (non-streamed) answer, as an adapter returns it. */
export interface ChatResult {
  /** The provider's response id, when it sent one. */
  id?: string;
  /** The model name the provider reported. */
  model?: string;
  /** Unix seconds, when the provider sent it. */
  created?: number;
  text: string | null;
  reasoning?: string;
  /** The reasoning block by block with its signatures and redacted data, from providers that give them. */
  reasoningBlocks?: ReasoningBlock[];
  refusal?: string;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  /** The provider's own finish or stop reason, kept beside the unified one. */
  rawFinishReason?: string;
  usage?: Usage;
  /**
   * The upstream's own body, when the request was passed through on the client's wire: the door returns it
   * as it came. The fields above are read from it for the ledger.
   */
  native?: { wire: NativeWire; body: unknown; cuts?: RelayCuts };
}

/**
 * A relayed chat completion (the `openai-chat` wire, whose `body` is then the upstream's text): where the
 * door splices it. The spans (start and end offsets) of its `id`, `created` and `model` values, which the
 * door replaces with its own, and of its `usage` value, replaced with the usage and cost the door reports;
 * where the body has no usage, `usage` is the offset of its closing brace, before which the door adds it.
 */
export interface RelayCuts {
  id: readonly [number, number];
  created: readonly [number, number];
  model: readonly [number, number];
  usage: readonly [number, number] | number;
}
