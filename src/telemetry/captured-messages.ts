import type { ChatRequest, ContentPart, Message, TextPart } from '../spec/chat-request.js';

/** Longest text kept in a captured-content attribute; longer JSON is cut and marked as cut. */
export const MAX_CAPTURED_CHARS = 16_384;

/** One part of a message as the GenAI semantic conventions write it (`gen_ai.input.messages`). */
type MessagePart =
  | { type: 'text'; content: string }
  | { type: 'reasoning'; content: string }
  | { type: 'tool_call'; id: string; name: string; arguments: string }
  | { type: 'tool_call_response'; id: string; response: string }
  | { type: 'uri'; modality: 'image'; uri: string };

/** What an answer said, gathered for `gen_ai.output.messages`. */
export interface CapturedAnswer {
  text: string;
  reasoning: string;
  toolCalls: Array<{ id: string; name: string; arguments: string }>;
  finishReason: string | undefined;
}

/**
 * `gen_ai.input.messages`: the request's messages as JSON in the conventions' shape
 * (`[{role, parts: [{type: 'text', content}]}]`). Images given inline are named, never copied.
 */
export function capturedInput(request: ChatRequest): string {
  return cutJson(request.messages.map(messageOf));
}

/** `gen_ai.output.messages`: the answer as one assistant message with its finish reason. */
export function capturedOutput(answer: CapturedAnswer): string {
  const parts: MessagePart[] = [];
  if (answer.reasoning) parts.push({ type: 'reasoning', content: answer.reasoning });
  if (answer.text) parts.push({ type: 'text', content: answer.text });
  for (const c of answer.toolCalls) parts.push({ type: 'tool_call', id: c.id, name: c.name, arguments: c.arguments });
  return cutJson([{ role: 'assistant', parts, ...(answer.finishReason && { finish_reason: answer.finishReason }) }]);
}

function messageOf(m: Message): { role: string; parts: MessagePart[] } {
  switch (m.role) {
    case 'system':
      return { role: 'system', parts: textParts(m.content) };
    case 'user':
      return { role: 'user', parts: typeof m.content === 'string' ? textParts(m.content) : m.content.map(partOf) };
    case 'assistant': {
      const parts: MessagePart[] = [];
      if (m.reasoning) parts.push({ type: 'reasoning', content: m.reasoning });
      if (m.content !== null) parts.push(...textParts(m.content));
      for (const c of m.toolCalls ?? []) parts.push({ type: 'tool_call', id: c.id, name: c.name, arguments: c.arguments });
      return { role: 'assistant', parts };
    }
    case 'tool':
      return { role: 'tool', parts: [{ type: 'tool_call_response', id: m.toolCallId, response: textOfParts(m.content) }] };
  }
}

function textParts(content: string | readonly TextPart[]): MessagePart[] {
  return typeof content === 'string' ? [{ type: 'text', content }] : content.map((p) => ({ type: 'text', content: p.text }));
}

function textOfParts(content: string | readonly TextPart[]): string {
  return typeof content === 'string' ? content : content.map((p) => p.text).join('');
}

function partOf(p: ContentPart): MessagePart {
  if (p.type === 'text') return { type: 'text', content: p.text };
  // an inline image is named by its media type, never copied
  const uri = p.url.startsWith('data:') ? `${p.url.slice(0, Math.max(5, p.url.search(/[;,]/)))};base64,[omitted]` : p.url;
  return { type: 'uri', modality: 'image', uri };
}

const CUT = '…[truncated]';

/**
 * JSON of the messages within MAX_CAPTURED_CHARS: when too long, each text is cut to its share of the
 * room (and marked `…[truncated]`), so the JSON stays valid; only if that is still too long is the JSON
 * itself cut.
 */
function cutJson(messages: Array<{ role: string; parts: MessagePart[]; finish_reason?: string }>): string {
  let json = JSON.stringify(messages);
  if (json.length <= MAX_CAPTURED_CHARS) return json;
  const texts = messages.reduce((n, m) => n + m.parts.length, 0);
  const share = Math.max(64, Math.floor(MAX_CAPTURED_CHARS / Math.max(1, texts) / 2));
  const cut = (t: string) => (t.length > share ? `${t.slice(0, share)}${CUT}` : t);
  json = JSON.stringify(
    messages.map((m) => ({
      ...m,
      parts: m.parts.map((p) =>
        p.type === 'text' || p.type === 'reasoning'
          ? { ...p, content: cut(p.content) }
          : p.type === 'tool_call'
            ? { ...p, arguments: cut(p.arguments) }
            : p.type === 'tool_call_response'
              ? { ...p, response: cut(p.response) }
              : { ...p, uri: cut(p.uri) },
      ),
    })),
  );
  return json.length <= MAX_CAPTURED_CHARS ? json : `${json.slice(0, MAX_CAPTURED_CHARS)}${CUT}`;
}
