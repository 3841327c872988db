import type { ChatRequest } from '../spec/chat-request.js';
import type { EmbeddingRequest } from '../spec/embedding.js';

/** The chat template's tokens around each message (role markers, separators), at their most. */
const PER_MESSAGE = 8;
/** The template's tokens around the whole conversation (the assistant's turn marker, a default system line). */
const PER_REQUEST = 16;
/** What providers add when tools are given (Anthropic's tool-use system prompt runs to about 350 tokens). */
const WITH_TOOLS = 400;
/** The most one image is billed at among the providers served (a large image in high detail). */
const PER_IMAGE = 2_500;

/**
 * The most input tokens a chat request can be billed for, for budget reservations: a byte-level tokenizer
 * never makes more tokens than the text has UTF-8 bytes, and the template and tool overheads are counted at
 * their largest. A typical text bills about a quarter of this; reserving the bound means a budget is not
 * passed because the estimate was short (the settled cost is always what the provider reports).
 */
export function boundChatInputTokens(req: ChatRequest): number {
  let tokens = PER_REQUEST;
  for (const m of req.messages) {
    tokens += PER_MESSAGE;
    if (typeof m.content === 'string') tokens += bytes(m.content);
    else if (m.content !== null) for (const part of m.content) tokens += part.type === 'text' ? bytes(part.text) : PER_IMAGE;
    if (m.role === 'assistant') {
      if (m.reasoning) tokens += bytes(m.reasoning);
      for (const c of m.toolCalls ?? []) tokens += PER_MESSAGE + bytes(c.id) + bytes(c.name) + bytes(c.arguments);
    }
    if ('name' in m && m.name) tokens += bytes(m.name);
  }
  if (req.tools && req.tools.length > 0) tokens += WITH_TOOLS + bytes(JSON.stringify(req.tools));
  if (req.responseFormat) tokens += bytes(JSON.stringify(req.responseFormat));
  return tokens;
}

/** The most input tokens an embeddings request can be billed for: text by its UTF-8 bytes, token arrays by their length. */
export function boundEmbeddingInputTokens(input: EmbeddingRequest['input']): number {
  if (typeof input === 'string') return bytes(input) + 2;
  let n = 0;
  for (const item of input) n += typeof item === 'string' ? bytes(item) + 2 : Array.isArray(item) ? item.length : 1;
  return n;
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
