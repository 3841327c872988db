import type { NativeRequest } from './native-request.js';
import type { RoutingPreferences } from './routing-preferences.js';

/**
 * The canonical chat request. Every ingress codec produces one and every provider adapter consumes one.
 * Field meanings follow the OpenAI chat-completions API, which is the gateway's lingua franca, but the
 * shapes here are the gateway's own (camelCase, no wire quirks).
 */

export interface TextPart {
  type: 'text';
  text: string;
}

export interface ImagePart {
  type: 'image';
  /** An https URL or a `data:<mime>;base64,<data>` URL. */
  url: string;
  detail?: 'auto' | 'low' | 'high';
}

export type ContentPart = TextPart | ImagePart;

export interface ToolCall {
  id: string;
  name: string;
  /** The arguments as the model produced them: a JSON text, kept verbatim. */
  arguments: string;
}

export interface SystemMessage {
  role: 'system';
  content: string | TextPart[];
}

export interface UserMessage {
  role: 'user';
  content: string | ContentPart[];
  name?: string;
}

/**
 * One block of reasoning as the provider gave it, kept so that it can be sent back verbatim. Some
 * providers (Anthropic) sign their reasoning and take earlier reasoning back only with its signature, or
 * hand out reasoning as opaque redacted data. Both are opaque strings; providers that sign nothing ignore them.
 */
export type ReasoningBlock =
  | { type: 'reasoning'; text: string; signature?: string }
  | { type: 'redacted-reasoning'; data: string };

export interface AssistantMessage {
  role: 'assistant';
  content: string | TextPart[] | null;
  /** The reasoning's text, blocks joined: what providers that take reasoning back as text use. */
  reasoning?: string;
  /** The reasoning block by block, in order, with signatures and redacted data; it precedes the text and tool calls. */
  reasoningBlocks?: ReasoningBlock[];
  toolCalls?: ToolCall[];
  name?: string;
}

export interface ToolMessage {
  role: 'tool';
  toolCallId: string;
  content: string | TextPart[];
}

export type Message = SystemMessage | UserMessage | AssistantMessage | ToolMessage;

/** JSON Schema, passed through untouched. */
export type JsonSchema = Record<string, unknown>;

export interface ToolDefinition {
  name: string;
  description?: string;
  parameters?: JsonSchema;
  strict?: boolean;
}

export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; schema?: JsonSchema; strict?: boolean; description?: string };

export interface ChatRequest {
  /** The model name the client asked for (a configured model, an alias, or `<provider>/<upstream model>`). */
  model: string;
  messages: Message[];
  stream: boolean;
  /** Whether the client asked for usage on the final stream chunk (`stream_options.include_usage`). */
  includeUsage: boolean;
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  responseFormat?: ResponseFormat;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  stop?: string[];
  seed?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
  logprobs?: boolean;
  topLogprobs?: number;
  logitBias?: Record<string, number>;
  user?: string;
  reasoningEffort?: string;
  /**
   * An exact reasoning budget in tokens, where the client's wire has one (Anthropic's
   * `thinking.budget_tokens`): set only beside `reasoningEffort`, which providers without budgets use.
   */
  reasoningBudget?: number;
  /** Where the client would like the request served (OpenRouter's `models` and `provider` fields). */
  routing?: RoutingPreferences;
  /**
   * Vendor-specific fields the client sent that the gateway does not model (`top_k`, `enable_thinking`, ...).
   * Adapters that speak an OpenAI-like wire forward them; others reject them as unsupported.
   */
  extra?: Record<string, unknown>;
  /**
   * The client's own body, when it spoke a wire some upstreams speak too: an adapter of that wire sends it
   * (model renamed) instead of translating the canonical request. Not a parameter: no policy reads it.
   */
  native?: NativeRequest;
}

/** The optional generation parameters, by canonical name: what an adapter may declare it cannot take. */
export type ChatParam =
  | 'tools'
  | 'toolChoice'
  | 'parallelToolCalls'
  | 'responseFormat'
  | 'temperature'
  | 'topP'
  | 'maxTokens'
  | 'stop'
  | 'seed'
  | 'frequencyPenalty'
  | 'presencePenalty'
  | 'logprobs'
  | 'topLogprobs'
  | 'logitBias'
  | 'user'
  | 'reasoningEffort'
  | 'extra';

/** Text of a message's content, parts joined. */
export function textOf(content: string | readonly ContentPart[] | null | undefined): string {
  if (content == null) return '';
  if (typeof content === 'string') return content;
  let out = '';
  for (const part of content) if (part.type === 'text') out += part.text;
  return out;
}

/** How each parameter is named on the OpenAI wire, for messages that tell a client what to change. */
export const CHAT_PARAM_WIRE_NAMES: Readonly<Record<ChatParam, string>> = Object.freeze({
  tools: 'tools',
  toolChoice: 'tool_choice',
  parallelToolCalls: 'parallel_tool_calls',
  responseFormat: 'response_format',
  temperature: 'temperature',
  topP: 'top_p',
  maxTokens: 'max_tokens',
  stop: 'stop',
  seed: 'seed',
  frequencyPenalty: 'frequency_penalty',
  presencePenalty: 'presence_penalty',
  logprobs: 'logprobs',
  topLogprobs: 'top_logprobs',
  logitBias: 'logit_bias',
  user: 'user',
  reasoningEffort: 'reasoning_effort',
  extra: 'vendor-specific fields',
});

/** The optional parameters a request actually sets. */
export function paramsSetIn(req: ChatRequest): ChatParam[] {
  const set: ChatParam[] = [];
  for (const key of Object.keys(CHAT_PARAM_WIRE_NAMES) as ChatParam[]) {
    if (req[key] !== undefined) set.push(key);
  }
  return set;
}
