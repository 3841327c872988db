import type { PricedUsage } from '../../ledger/price-usage.js';
import type { ToolCall } from '../../spec/chat-request.js';
import type { FinishReason } from '../../spec/finish-reason.js';
import type { Usage } from '../../spec/usage.js';
import type { AnswerIdentity } from '../chat-door.js';
import { withCost } from '../openai/encode-usage.js';

/**
 * The Responses API's wire shapes, shared by the whole answer and the stream: the `response` object, its
 * output items and its usage. Only what the gateway knows goes in; nothing is invented.
 */

export type ResponseStatus = 'in_progress' | 'completed' | 'incomplete' | 'failed';

export interface Outcome {
  status: ResponseStatus;
  incomplete_details: { reason: 'max_output_tokens' | 'content_filter' } | null;
}

/** How an answer that stopped for this reason reads on the wire: a cut-off answer is `incomplete`, with why. */
export function outcomeOf(reason: FinishReason): Outcome {
  if (reason === 'length') return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
  if (reason === 'content_filter') return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
  return { status: 'completed', incomplete_details: null };
}

/** An output item's id: its kind's prefix (`msg`, `fc`, `rs`), the response's own id, and its place in the output. */
export function itemId(kind: 'msg' | 'fc' | 'rs', identity: AnswerIdentity, outputIndex: number): string {
  return `${kind}_${identity.id.replace(/^resp_/, '').replaceAll('-', '')}_${outputIndex}`;
}

export type ItemStatus = 'in_progress' | 'completed' | 'incomplete';

export type MessagePart = { type: 'output_text'; text: string; annotations: [] } | { type: 'refusal'; refusal: string };

export interface MessageItem {
  id: string;
  type: 'message';
  status: ItemStatus;
  role: 'assistant';
  content: MessagePart[];
}

export interface ReasoningItem {
  id: string;
  type: 'reasoning';
  summary: Array<{ type: 'summary_text'; text: string }>;
}

export interface FunctionCallItem {
  id: string;
  type: 'function_call';
  status: ItemStatus;
  call_id: string;
  name: string;
  arguments: string;
}

export type OutputItem = MessageItem | ReasoningItem | FunctionCallItem;

export function outputText(text: string): MessagePart {
  return { type: 'output_text', text, annotations: [] };
}

export function functionCallItem(id: string, call: ToolCall, status: ItemStatus): FunctionCallItem {
  return { id, type: 'function_call', status, call_id: call.id, name: call.name, arguments: call.arguments };
}

export interface ResponsesUsage {
  input_tokens?: number;
  input_tokens_details?: { cached_tokens: number };
  output_tokens?: number;
  output_tokens_details?: { reasoning_tokens: number };
  total_tokens?: number;
  /** USD; null when the price is unknown (the gateway's addition, as on chat completions). */
  cost?: number | null;
  cost_estimated?: boolean;
}

/** Canonical usage in the Responses API's shape, with the gateway's cost; only counts the provider reported. */
export function encodeResponsesUsage(usage: Usage | undefined, priced: PricedUsage): ResponsesUsage {
  const out: ResponsesUsage = {};
  if (usage?.inputTokens !== undefined) out.input_tokens = usage.inputTokens;
  if (usage?.cachedInputTokens !== undefined) out.input_tokens_details = { cached_tokens: usage.cachedInputTokens };
  if (usage?.outputTokens !== undefined) out.output_tokens = usage.outputTokens;
  if (usage?.reasoningTokens !== undefined) out.output_tokens_details = { reasoning_tokens: usage.reasoningTokens };
  if (usage?.inputTokens !== undefined && usage.outputTokens !== undefined) out.total_tokens = usage.inputTokens + usage.outputTokens;
  return withCost(out, priced);
}

/** The `response` object around an output. */
export function responseObject(
  identity: AnswerIdentity,
  outcome: Outcome,
  output: OutputItem[],
  usage: ResponsesUsage | null,
  error: { code: string; message: string } | null = null,
): Record<string, unknown> {
  return {
    id: identity.id,
    object: 'response',
    created_at: identity.created,
    status: outcome.status,
    error,
    incomplete_details: outcome.incomplete_details,
    model: identity.model,
    output,
    usage,
  };
}
