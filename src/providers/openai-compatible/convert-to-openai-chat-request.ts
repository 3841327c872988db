import { textOf, type ChatRequest, type ContentPart, type Message, type ToolChoice } from '../../spec/chat-request.js';
import type { OpenAICompatibleProfile } from './profiles.js';

type Wire = Record<string, unknown>;

/** The canonical request as an OpenAI chat-completions body for this vendor. */
export function convertToOpenAIChatRequest(
  req: ChatRequest,
  model: string,
  profile: OpenAICompatibleProfile,
  stream: boolean,
): Wire {
  // vendor extras first, so that nothing the gateway sets on purpose can be replaced by one
  const body: Wire = { ...req.extra, model, messages: req.messages.map(convertMessage) };
  delete body.stream;
  delete body.stream_options;
  if (req.tools) {
    body.tools = req.tools.map((t) => ({
      type: 'function',
      function: {
        name: t.name,
        ...(t.description !== undefined && { description: t.description }),
        ...(t.parameters !== undefined && { parameters: t.parameters }),
        ...(t.strict !== undefined && { strict: t.strict }),
      },
    }));
  }
  if (req.toolChoice !== undefined) body.tool_choice = convertToolChoice(req.toolChoice);
  if (req.parallelToolCalls !== undefined) body.parallel_tool_calls = req.parallelToolCalls;
  if (req.responseFormat) {
    const rf = req.responseFormat;
    body.response_format =
      rf.type === 'json_schema'
        ? {
            type: 'json_schema',
            json_schema: {
              name: rf.name,
              ...(rf.description !== undefined && { description: rf.description }),
              ...(rf.schema !== undefined && { schema: rf.schema }),
              ...(rf.strict !== undefined && { strict: rf.strict }),
            },
          }
        : { type: rf.type };
  }
  setIf(body, 'temperature', req.temperature);
  setIf(body, 'top_p', req.topP);
  setIf(body, profile.maxTokensField ?? 'max_tokens', req.maxTokens);
  setIf(body, 'stop', req.stop);
  setIf(body, 'seed', req.seed);
  setIf(body, 'frequency_penalty', req.frequencyPenalty);
  setIf(body, 'presence_penalty', req.presencePenalty);
  setIf(body, 'logprobs', req.logprobs);
  setIf(body, 'top_logprobs', req.topLogprobs);
  setIf(body, 'logit_bias', req.logitBias);
  setIf(body, 'user', req.user);
  setIf(body, 'reasoning_effort', req.reasoningEffort);
  if (stream) {
    body.stream = true;
    // Usage is always requested upstream: the gateway accounts for every request, whatever the client asked.
    if (profile.streamUsageOption !== false) body.stream_options = { include_usage: true };
  }
  if (profile.renameFields) {
    for (const [from, to] of Object.entries(profile.renameFields)) {
      if (from in body) {
        body[to] = body[from];
        delete body[from];
      }
    }
  }
  return body;
}

function setIf(body: Wire, key: string, value: unknown): void {
  if (value !== undefined) body[key] = value;
}

function convertToolChoice(choice: ToolChoice): unknown {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
}

function convertMessage(msg: Message): Wire {
  switch (msg.role) {
    case 'system':
      return { role: 'system', content: convertContent(msg.content) };
    case 'user':
      return { role: 'user', content: convertContent(msg.content), ...(msg.name !== undefined && { name: msg.name }) };
    case 'tool':
      return { role: 'tool', tool_call_id: msg.toolCallId, content: convertContent(msg.content) };
    case 'assistant': {
      const out: Wire = { role: 'assistant', content: msg.content === null ? null : convertContent(msg.content) };
      if (msg.name !== undefined) out.name = msg.name;
      if (msg.toolCalls && msg.toolCalls.length > 0) {
        out.tool_calls = msg.toolCalls.map((c) => ({
          id: c.id,
          type: 'function',
          function: { name: c.name, arguments: c.arguments },
        }));
      }
      return out;
    }
  }
}

/**
 * Message content on the wire. Text-only part lists are sent as one string: the meaning is the same, and
 * several vendors accept only strings outside user messages. Lists with images stay lists.
 */
function convertContent(content: string | readonly ContentPart[]): unknown {
  if (typeof content === 'string') return content;
  if (content.every((part) => part.type === 'text')) return textOf(content);
  return content.map((part) =>
    part.type === 'text'
      ? { type: 'text', text: part.text }
      : { type: 'image_url', image_url: { url: part.url, ...(part.detail !== undefined && { detail: part.detail }) } },
  );
}
