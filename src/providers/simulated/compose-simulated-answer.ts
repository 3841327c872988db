import type { ChatRequest, Message, ToolCall, ToolDefinition } from '../../spec/chat-request.js';
import type { FinishReason } from '../../spec/finish-reason.js';
import { hashText } from './seeded-random.js';
import { SIMULATED_CORPUS } from './simulated-corpus.js';

/** Every simulated answer's text starts with this, so nobody mistakes it for a model's. */
export const SIMULATED_MARK = '[simulated] ';

/** One answer of a simulated provider, ready to be returned whole or streamed piece by piece. */
export interface SimulatedAnswer {
  /** The pieces the text is streamed in (about a token or two each); joined, the whole text. */
  pieces: string[];
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  inputTokens: number;
  outputTokens: number;
}

/** About four characters a token: the rule of thumb of BPE tokenizers on English text. */
export function countTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * The answer to a request: one of the corpus's answers, chosen by the last user turn's topic and hash,
 * marked as simulated; a JSON object where the request asks for JSON; a call of the named (or first) tool
 * where the request requires one. `max_tokens` cuts it short, with finish reason `length`.
 */
export function composeSimulatedAnswer(req: ChatRequest, model: string): SimulatedAnswer {
  const prompt = lastUserText(req.messages);
  const inputTokens = req.messages.reduce((n, m) => n + 4 + countTokens(messageText(m)), 2) + countTokens(JSON.stringify(req.tools ?? []));
  const tool = requiredTool(req);
  if (tool) {
    const call = { id: `call_sim_${hashText(prompt + model).toString(16)}`, name: tool.name, arguments: JSON.stringify(placeholderArguments(tool)) };
    return { pieces: [], toolCalls: [call], finishReason: 'tool_calls', inputTokens, outputTokens: countTokens(call.name + call.arguments) + 8 };
  }
  const answer = pickAnswer(prompt);
  const wantsJson = req.responseFormat !== undefined && req.responseFormat.type !== 'text';
  const text = wantsJson ? JSON.stringify({ simulated: true, model, answer }) : `${SIMULATED_MARK}${answer}`;
  let pieces = splitPieces(text);
  let finishReason: FinishReason = 'stop';
  const limit = req.maxTokens;
  if (limit !== undefined && !wantsJson) {
    let used = 0;
    const kept: string[] = [];
    for (const piece of pieces) {
      if (used + countTokens(piece) > limit) {
        finishReason = 'length';
        break;
      }
      used += countTokens(piece);
      kept.push(piece);
    }
    pieces = kept;
  }
  return { pieces, toolCalls: [], finishReason, inputTokens, outputTokens: countTokens(pieces.join('')) };
}

/** The topic's answer sharing the most longer words with the prompt; among equals, the prompt's hash decides. */
function pickAnswer(prompt: string): string {
  const words = new Set(prompt.toLowerCase().split(/[^a-z0-9]+/));
  const topic = SIMULATED_CORPUS.find((t) => t.words.some((w) => words.has(w))) ?? SIMULATED_CORPUS[SIMULATED_CORPUS.length - 1]!;
  const longer = [...words].filter((w) => w.length >= 5);
  const overlap = topic.answers.map((a) => longer.filter((w) => a.toLowerCase().includes(w)).length);
  const best = Math.max(...overlap);
  const candidates = topic.answers.filter((_, i) => overlap[i] === best);
  return candidates[hashText(prompt) % candidates.length]!;
}

/** Words with their following space, two at a time: the size of the pieces providers stream. */
function splitPieces(text: string): string[] {
  const words = text.match(/\S+\s*|\s+/g) ?? [];
  const pieces: string[] = [];
  for (let i = 0; i < words.length; i += 2) pieces.push(words.slice(i, i + 2).join(''));
  return pieces;
}

function requiredTool(req: ChatRequest): ToolDefinition | undefined {
  const tools = req.tools ?? [];
  const choice = req.toolChoice;
  if (tools.length === 0 || choice === undefined || choice === 'auto' || choice === 'none') return undefined;
  return choice === 'required' ? tools[0] : tools.find((t) => t.name === choice.name);
}

/** Arguments that fit the tool's required properties: a placeholder of each one's type. */
function placeholderArguments(tool: ToolDefinition): Record<string, unknown> {
  const schema = tool.parameters ?? {};
  const properties = (schema.properties ?? {}) as Record<string, { type?: unknown; enum?: unknown[] }>;
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : Object.keys(properties);
  const args: Record<string, unknown> = {};
  for (const name of required) {
    const p = properties[name] ?? {};
    args[name] = p.enum?.[0] ?? placeholderOf(p.type);
  }
  return args;
}

function placeholderOf(type: unknown): unknown {
  switch (type) {
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return 'simulated';
  }
}

function lastUserText(messages: readonly Message[]): string {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.role === 'user') return messageText(messages[i]!);
  return '';
}

function messageText(m: Message): string {
  const content = m.content;
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  return content.map((p) => (p.type === 'text' ? p.text : '')).join('');
}
