import type { PricedUsage } from '../../ledger/price-usage.js';
import type { ChatResult } from '../../spec/chat-result.js';
import { encodeUsage } from './encode-usage.js';

export interface CompletionIdentity {
  id: string;
  created: number;
  model: string;
}

/** A canonical result as an OpenAI `chat.completion` object. */
export function encodeChatCompletion(result: ChatResult, identity: CompletionIdentity, priced: PricedUsage): Record<string, unknown> {
  const message: Record<string, unknown> = { role: 'assistant', content: result.text };
  if (result.reasoning !== undefined) message.reasoning_content = result.reasoning;
  if (result.refusal !== undefined) message.refusal = result.refusal;
  if (result.toolCalls.length > 0) {
    message.tool_calls = result.toolCalls.map((c) => ({
      id: c.id,
      type: 'function',
      function: { name: c.name, arguments: c.arguments },
    }));
  }
  const body: Record<string, unknown> = {
    id: identity.id,
    object: 'chat.completion',
    created: identity.created,
    model: identity.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: result.finishReason }],
  };
  body.usage = encodeUsage(result.usage, priced);
  return body;
}
