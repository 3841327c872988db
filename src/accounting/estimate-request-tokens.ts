import { textOf, type ChatRequest } from '../spec/chat-request.js';
import { estimateTokens } from '../ledger/estimate-tokens.js';

/** Rough tokens an image costs on the providers that publish it (a 1024² image in OpenAI's high detail). */
const IMAGE_TOKENS = 1_000;

/** Estimated input tokens of a chat request: its messages' text, tool definitions and images. */
export function estimateRequestTokens(req: ChatRequest): number {
  let tokens = 0;
  for (const m of req.messages) {
    tokens += 4;
    if (m.content !== null && typeof m.content !== 'string') {
      for (const part of m.content) tokens += part.type === 'text' ? estimateTokens(part.text) : IMAGE_TOKENS;
    } else {
      tokens += estimateTokens(textOf(m.content));
    }
    if (m.role === 'assistant') for (const c of m.toolCalls ?? []) tokens += estimateTokens(c.name + c.arguments);
  }
  if (req.tools) tokens += estimateTokens(JSON.stringify(req.tools));
  return tokens;
}
