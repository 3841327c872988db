/** The few Anthropic request shapes the converters build; everything else is plain JSON. */

export type WireObject = Record<string, unknown>;

/** A content block: `text`, `image`, `tool_use`, `tool_result`. */
export interface WireBlock extends WireObject {
  type: string;
}

export interface WireTextBlock extends WireBlock {
  type: 'text';
  text: string;
}

export interface AnthropicMessage {
  role: 'user' | 'assistant';
  content: WireBlock[];
}
