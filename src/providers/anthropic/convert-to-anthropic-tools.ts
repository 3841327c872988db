import type { ToolChoice, ToolDefinition } from '../../spec/chat-request.js';
import type { WireObject } from './anthropic-wire.js';

/**
 * Function tools as Anthropic custom tools. Anthropic requires an object `input_schema`; a tool without
 * parameters (or with a schema that names no type) gets `{"type":"object"}`. `strict: true` is passed on
 * (Anthropic's strict tool use); `strict: false` is Anthropic's default and is left out.
 */
export function convertToAnthropicTools(tools: readonly ToolDefinition[]): WireObject[] {
  return tools.map((tool) => ({
    name: tool.name,
    ...(tool.description !== undefined && { description: tool.description }),
    input_schema: tool.parameters === undefined ? { type: 'object' } : { type: 'object', ...tool.parameters },
    ...(tool.strict === true && { strict: true }),
  }));
}

/**
 * OpenAI's tool choice as Anthropic's: `required` is `any`, a named function is `tool`. Turning parallel
 * calls off is a flag on the choice itself, so it needs a choice to ride on (`auto` when none was given);
 * `none` takes no flag, since no tool will be called.
 */
export function convertToAnthropicToolChoice(
  choice: ToolChoice | undefined,
  parallelToolCalls: boolean | undefined,
): WireObject | undefined {
  const disableParallel = parallelToolCalls === false;
  if (choice === undefined && !disableParallel) return undefined;
  let wire: WireObject;
  if (choice === undefined || choice === 'auto') wire = { type: 'auto' };
  else if (choice === 'none') return { type: 'none' };
  else if (choice === 'required') wire = { type: 'any' };
  else wire = { type: 'tool', name: choice.name };
  if (disableParallel) wire.disable_parallel_tool_use = true;
  return wire;
}
