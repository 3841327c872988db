import type { ResponseFormat, ToolChoice, ToolDefinition } from '../../spec/chat-request.js';
import { GatewayError } from '../../spec/gateway-error.js';
import { parseJsonSchemaFormat } from '../openai/parse-chat-tools.js';
import { describeType, invalid, isObject, optionalBoolean, optionalString, requireObject, requireString } from '../openai/read-fields.js';

/**
 * The Responses API's function `tools`, `tool_choice` and `text.format`. Its tools are flat
 * (`{type: "function", name, parameters}`), not nested under `function` as in chat completions. Built-in
 * tools (web search, file search, code interpreter, ...) run on OpenAI's servers: no other upstream has
 * them, so they are refused by name rather than dropped.
 */
export function parseResponsesTools(value: unknown): ToolDefinition[] | undefined {
  if (value == null) return undefined;
  if (!Array.isArray(value)) throw invalid('tools', `expected an array, got ${describeType(value)}.`);
  const tools = value.map((raw, i) => {
    const path = `tools[${i}]`;
    const tool = requireObject(raw, path);
    if (tool.type !== 'function') {
      if (typeof tool.type !== 'string') throw invalid(`${path}.type`, "expected 'function'.");
      throw new GatewayError('unsupported_parameter', `Invalid '${path}.type': the built-in tool '${tool.type}' runs on OpenAI's servers and is not available through this gateway; only 'function' tools are supported.`, { param: `${path}.type` });
    }
    const name = requireString(tool.name, `${path}.name`);
    if (!/^[A-Za-z0-9_.:-]{1,128}$/.test(name)) throw invalid(`${path}.name`, 'use letters, digits, underscores, dashes, dots or colons (at most 128).');
    const description = optionalString(tool, 'description', `${path}.description`);
    const parameters = tool.parameters == null ? undefined : requireObject(tool.parameters, `${path}.parameters`);
    const strict = optionalBoolean(tool, 'strict', `${path}.strict`);
    return {
      name,
      ...(description !== undefined && { description }),
      ...(parameters !== undefined && { parameters }),
      ...(strict !== undefined && { strict }),
    };
  });
  // an empty list is no tools: some providers refuse `tools: []`
  return tools.length > 0 ? tools : undefined;
}

export function parseResponsesToolChoice(value: unknown, tools: ToolDefinition[] | undefined): ToolChoice | undefined {
  if (value == null) return undefined;
  if (value === 'auto' || value === 'none') return value;
  if (value === 'required') {
    if (!tools) throw invalid('tool_choice', "'required' needs at least one function in 'tools'.");
    return value;
  }
  if (isObject(value) && value.type === 'function') {
    const name = requireString(value.name, 'tool_choice.name');
    if (!tools?.some((t) => t.name === name)) throw invalid('tool_choice.name', `no function named '${name}' is defined in 'tools'.`);
    return { name };
  }
  if (isObject(value) && typeof value.type === 'string') {
    throw new GatewayError('unsupported_parameter', `Invalid 'tool_choice.type': '${value.type}' is not supported; use 'auto', 'none', 'required' or {type: 'function', name}.`, { param: 'tool_choice.type' });
  }
  throw invalid('tool_choice', "expected 'auto', 'none', 'required' or {type: 'function', name}.");
}

/** `text: {format, verbosity}`: the format as the canonical response format (verbosity has no canonical home). */
export function parseResponsesTextFormat(value: unknown): ResponseFormat | undefined {
  if (value == null) return undefined;
  const text = requireObject(value, 'text');
  if (text.verbosity != null && text.verbosity !== 'low' && text.verbosity !== 'medium' && text.verbosity !== 'high') {
    throw invalid('text.verbosity', "expected 'low', 'medium' or 'high'.");
  }
  if (text.format == null) return undefined;
  const f = requireObject(text.format, 'text.format');
  if (f.type === 'text' || f.type === 'json_object') return { type: f.type };
  // the same fields as chat completions' json_schema, one level up
  if (f.type === 'json_schema') return parseJsonSchemaFormat(f, 'text.format');
  throw invalid('text.format.type', "expected 'text', 'json_object' or 'json_schema'.");
}
