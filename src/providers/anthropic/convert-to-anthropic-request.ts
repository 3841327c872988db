import type { ChatRequest, ResponseFormat } from '../../spec/chat-request.js';
import type { WireObject, WireTextBlock } from './anthropic-wire.js';
import { chooseThinkingBudget } from './choose-thinking-budget.js';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';
import { convertToAnthropicToolChoice, convertToAnthropicTools } from './convert-to-anthropic-tools.js';

/**
 * Anthropic requires `max_tokens`; OpenAI clients usually leave it out. 4096 is a cap, not a target: every
 * current Claude model can produce that many tokens, it covers ordinary answers, and it bounds the worst
 * case the gateway reserves budget for. With thinking on, the thinking budget is added on top, so the
 * answer keeps its 4096.
 */
export const DEFAULT_MAX_TOKENS = 4096;

/**
 * Anthropic has no JSON mode. For `json_object` (and a `json_schema` without a schema) the gateway asks
 * for JSON in the system prompt: OpenAI's JSON mode also expects the prompt to ask for JSON, so this
 * strengthens what the client already says. It is an instruction, not a guarantee.
 */
export const JSON_OBJECT_INSTRUCTION = 'Respond with a single valid JSON object and nothing else: no prose before or after it, no code fences.';

/** The canonical request as an Anthropic Messages API body. */
export function convertToAnthropicRequest(req: ChatRequest, model: string, stream: boolean): WireObject {
  const prompt = convertToAnthropicMessages(req.messages);
  // an exact budget the client gave (Messages' thinking.budget_tokens) is sent as asked; an effort is mapped
  const budget =
    req.reasoningEffort === undefined ? undefined : (req.reasoningBudget ?? chooseThinkingBudget(req.reasoningEffort, req.maxTokens));
  const body: WireObject = { model, max_tokens: req.maxTokens ?? DEFAULT_MAX_TOKENS + (budget ?? 0) };

  const system = [...prompt.system];
  const outputFormat = convertResponseFormat(req.responseFormat);
  if (outputFormat) body.output_config = { format: outputFormat };
  else if (wantsJsonInstruction(req.responseFormat)) system.push({ type: 'text', text: JSON_OBJECT_INSTRUCTION });
  if (system.length > 0) body.system = systemPrompt(system);
  body.messages = prompt.messages;

  if (req.tools && req.tools.length > 0) {
    body.tools = convertToAnthropicTools(req.tools);
    const choice = convertToAnthropicToolChoice(req.toolChoice, req.parallelToolCalls);
    if (choice) body.tool_choice = choice;
  }
  if (budget !== undefined) body.thinking = { type: 'enabled', budget_tokens: budget };
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.topP !== undefined) body.top_p = req.topP;
  if (req.stop && req.stop.length > 0) body.stop_sequences = req.stop;
  if (req.user !== undefined) body.metadata = { user_id: req.user };
  if (stream) body.stream = true;
  return body;
}

/** One block is sent as a plain string, several as text blocks in order. */
function systemPrompt(blocks: WireTextBlock[]): string | WireTextBlock[] {
  return blocks.length === 1 && blocks[0] ? blocks[0].text : blocks;
}

/**
 * A JSON schema as Anthropic's native structured output (`output_config.format`, generally available
 * since the `structured-outputs-2025-11-13` beta). Models without structured outputs answer 400, which
 * reaches the client as the provider's own message rather than an unenforced schema.
 */
function convertResponseFormat(format: ResponseFormat | undefined): WireObject | undefined {
  if (format?.type !== 'json_schema' || format.schema === undefined) return undefined;
  return { type: 'json_schema', schema: format.schema };
}

function wantsJsonInstruction(format: ResponseFormat | undefined): boolean {
  return format?.type === 'json_object' || (format?.type === 'json_schema' && format.schema === undefined);
}
