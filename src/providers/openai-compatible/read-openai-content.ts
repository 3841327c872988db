import { asArray, asObject, asString } from '../toolkit/json-shapes.js';

export interface ContentPieces {
  text: string;
  reasoning: string;
}

/**
 * Text and reasoning from an OpenAI-style `message` or `delta`. Content is usually a string; Mistral sends
 * an array of parts where reasoning is a `thinking` part. Reasoning fields are `reasoning_content`
 * (DeepSeek, Qwen, GLM, Kimi, xAI, vLLM) or `reasoning` (Groq, OpenRouter, Ollama, newer vLLM).
 */
export function readOpenAIContent(message: Record<string, unknown>): ContentPieces {
  let text = '';
  // some servers send both fields (one of them empty, or both the same text): one is read, the non-empty one
  let reasoning = asString(message.reasoning_content) || asString(message.reasoning) || '';
  const content = message.content;
  if (typeof content === 'string') {
    text = content;
  } else {
    for (const rawPart of asArray(content)) {
      const part = asObject(rawPart);
      if (!part) continue;
      if (part.type === 'text') text += asString(part.text) ?? '';
      else if (part.type === 'thinking') reasoning += joinThinking(part.thinking);
    }
  }
  return { text, reasoning };
}

function joinThinking(value: unknown): string {
  if (typeof value === 'string') return value;
  let out = '';
  for (const p of asArray(value)) out += asString(asObject(p)?.text) ?? '';
  return out;
}
