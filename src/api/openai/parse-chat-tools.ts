import type { ResponseFormat, ToolChoice, ToolDefinition } from '../../spec/chat-request.js';
import { describeType, invalid, isObject, optionalBoolean, optionalString, requireObject, requireString, type Obj } from './read-fields.js';

export function parseTools(value: unknown): ToolDefinition[] | undefined {
  if (value == null) return undefined;
  if (!Array.isArray(value)) throw invalid('tools', `expected an array, got ${describeType(value)}.`);
  return value.map((raw, i) => {
    const path = `tools[${i}]`;
    const tool = requireObject(raw, path);
    if (tool.type !== 'function') throw invalid(`${path}.type`, `only 'function' tools are supported, got ${JSON.stringify(tool.type)}.`);
    const fn = requireObject(tool.function, `${path}.function`);
    const name = requireString(fn.name, `${path}.function.name`);
    if (!/^[A-Za-z0-9_.:-]{1,128}$/.test(name)) {
      throw invalid(`${path}.function.name`, 'use letters, digits, underscores, dashes, dots or colons (at most 128).');
    }
    const description = optionalString(fn, 'description', `${path}.function.description`);
    const parameters = fn.parameters == null ? undefined : requireObject(fn.parameters, `${path}.function.parameters`);
    const strict = optionalBoolean(fn, 'strict', `${path}.function.strict`);
    return {
      name,
      ...(description !== undefined && { description }),
      ...(parameters !== undefined && { parameters }),
      ...(strict !== undefined && { strict }),
    };
  });
}

export function parseToolChoice(value: unknown, tools: ToolDefinition[] | undefined): ToolChoice | undefined {
  if (value == null) return undefined;
  if (value === 'auto' || value === 'none') return value;
  if (value === 'required') {
    if (!tools) throw invalid('tool_choice', "'required' needs at least one tool in 'tools'.");
    return value;
  }
  if (isObject(value) && value.type === 'function' && isObject(value.function)) {
    const name = requireString(value.function.name, 'tool_choice.function.name');
    if (!tools?.some((t) => t.name === name)) throw invalid('tool_choice.function.name', `no tool named '${name}' is defined in 'tools'.`);
    return { name };
  }
  throw invalid('tool_choice', "expected 'auto', 'none', 'required' or {type: 'function', function: {name}}.");
}

export function parseResponseFormat(value: unknown): ResponseFormat | undefined {
  if (value == null) return undefined;
  const rf = requireObject(value, 'response_format');
  if (rf.type === 'text' || rf.type === 'json_object') return { type: rf.type };
  if (rf.type === 'json_schema') return parseJsonSchemaFormat(requireObject(rf.json_schema, 'response_format.json_schema'), 'response_format.json_schema');
  throw invalid('response_format.type', "expected 'text', 'json_object' or 'json_schema'.");
}

/** A JSON-schema output format (`name`, `schema`, `strict`, `description`), its fields named under `path`. */
export function parseJsonSchemaFormat(js: Obj, path: string): ResponseFormat {
  const name = requireString(js.name, `${path}.name`);
  const schema = js.schema == null ? undefined : requireObject(js.schema, `${path}.schema`);
  const strict = optionalBoolean(js, 'strict', `${path}.strict`);
  const description = optionalString(js, 'description', `${path}.description`);
  return {
    type: 'json_schema',
    name,
    ...(schema !== undefined && { schema }),
    ...(strict !== undefined && { strict }),
    ...(description !== undefined && { description }),
  };
}
