import { textOf, type ChatRequest } from '../../spec/chat-request.js';
import type { PromptMessage } from './routing-example.js';

/** What the features look at: the request's text and its shape, independent of the wire format it came in. */
export interface PromptView {
  /** Every message's text, joined by newlines (system first when present). */
  text: string;
  /** The last user message's text. */
  lastUser: string;
  systemChars: number;
  userTurns: number;
  messages: number;
  toolsRequested: number;
  jsonRequested: boolean;
}

function partsText(content: PromptMessage['content']): string {
  if (content == null) return '';
  if (typeof content === 'string') return content;
  let out = '';
  for (const p of content) if (typeof p.text === 'string') out += p.text;
  return out;
}

/** A view of a prompt given as a plain string (one user turn) or as OpenAI-style messages. */
export function viewOfPrompt(prompt: string | readonly PromptMessage[]): PromptView {
  if (typeof prompt === 'string') {
    return { text: prompt, lastUser: prompt, systemChars: 0, userTurns: 1, messages: 1, toolsRequested: 0, jsonRequested: false };
  }
  const texts: string[] = [];
  let lastUser = '';
  let systemChars = 0;
  let userTurns = 0;
  for (const m of prompt) {
    const t = partsText(m.content);
    texts.push(t);
    if (m.role === 'system' || m.role === 'developer') systemChars += t.length;
    else if (m.role === 'user') {
      userTurns++;
      lastUser = t;
    }
  }
  return { text: texts.join('\n'), lastUser, systemChars, userTurns, messages: prompt.length, toolsRequested: 0, jsonRequested: false };
}

/** A view of the gateway's canonical request. */
export function viewOfChatRequest(req: ChatRequest): PromptView {
  const texts: string[] = [];
  let lastUser = '';
  let systemChars = 0;
  let userTurns = 0;
  for (const m of req.messages) {
    const t = textOf(m.content);
    texts.push(t);
    if (m.role === 'system') systemChars += t.length;
    else if (m.role === 'user') {
      userTurns++;
      lastUser = t;
    }
  }
  const rf = req.responseFormat?.type;
  return {
    text: texts.join('\n'),
    lastUser,
    systemChars,
    userTurns,
    messages: req.messages.length,
    toolsRequested: req.toolChoice === 'none' ? 0 : (req.tools?.length ?? 0),
    jsonRequested: rf === 'json_object' || rf === 'json_schema',
  };
}
