import type { ToolChoice, ToolDefinition } from '../../spec/chat-request.js';
import { GatewayError } from '../../spec/gateway-error.js';
import { describeType, invalid, optionalBoolean, optionalString, requireObject, requireString } from '../openai/read-fields.js';

/**
 * Custom tools (`{name, description, input_schema}`, with or without `type: "custom"`) as canonical tool
 * definitions. Anthropic's server tools (`web_search_…`, `bash_…`, `text_editor_…`, `computer_…`, ...)
 * run inside Anthropic's platform and have no canonical counterpart: they are refused by name, not dropped.
 */
export function parseMessagesTools(value: unknown): ToolDefinition[] | undefined {
  if (value == null) return undefined;
  if (!Array.isArray(value)) throw invalid('tools', `expected an array, got ${describeType(value)}.`);
  const tools = value.map((raw, i): ToolDefinition => {
    const path = `tools[${i}]`;
    const tool = requireObject(raw, path);
    if (tool.type != null && tool.type !== 'custom') {
      const type = typeof tool.type === 'string' ? `'${tool.type}'` : describeType(tool.type);
      throw new GatewayError('unsupported_parameter', `Tool type ${type} is not supported: only custom tools (name, description, input_schema) can be served by any provider.`, {
        param: `${path}.type`,
      });
    }
    const name = requireString(tool.name, `${path}.name`);
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(name)) throw invalid(`${path}.name`, 'use letters, digits, underscores or dashes (at most 128).');
    const description = optionalString(tool, 'description', `${path}.description`);
    const parameters = requireObject(tool.input_schema, `${path}.input_schema`);
    const strict = optionalBoolean(tool, 'strict', `${path}.strict`);
    return { name, ...(description !== undefined && { description }), parameters, ...(strict !== undefined && { strict }) };
  });
  return tools.length > 0 ? tools : undefined;
}

export interface ParsedToolChoice {
  toolChoice?: ToolChoice;
  /** `disable_parallel_tool_use: true` is canonical `parallelToolCalls: false`. */
  parallelToolCalls?: false;
}

/** `tool_choice`: auto, any (canonical `required`), tool (by name) or none. */
export function parseMessagesToolChoice(value: unknown, tools: ToolDefinition[] | undefined): ParsedToolChoice {
  if (value == null) return {};
  const choice = requireObject(value, 'tool_choice');
  const parallel = optionalBoolean(choice, 'disable_parallel_tool_use', 'tool_choice.disable_parallel_tool_use') === true ? { parallelToolCalls: false as const } : {};
  switch (choice.type) {
    case 'auto':
      return { toolChoice: 'auto', ...parallel };
    case 'none':
      return { toolChoice: 'none' };
    case 'any':
      if (!tools) throw invalid('tool_choice', "'any' needs at least one tool in 'tools'.");
      return { toolChoice: 'required', ...parallel };
    case 'tool': {
      const name = requireString(choice.name, 'tool_choice.name');
      if (!tools?.some((t) => t.name === name)) throw invalid('tool_choice.name', `no tool named '${name}' is defined in 'tools'.`);
      return { toolChoice: { name }, ...parallel };
    }
    default:
      throw invalid('tool_choice.type', `expected 'auto', 'any', 'tool' or 'none', got ${JSON.stringify(choice.type)}.`);
  }
}
