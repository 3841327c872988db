/** Field names and values of the formats the fuzz targets read: dictionary tokens and JSON-mutator vocabulary. */

export const CHAT_KEYS = [
  'model', 'messages', 'role', 'content', 'name', 'type', 'text', 'image_url', 'url', 'detail', 'tool_calls', 'id',
  'function', 'arguments', 'tool_call_id', 'reasoning_content', 'refusal', 'stream', 'stream_options', 'include_usage',
  'tools', 'description', 'parameters', 'strict', 'tool_choice', 'parallel_tool_calls', 'response_format',
  'json_schema', 'schema', 'temperature', 'top_p', 'max_tokens', 'max_completion_tokens', 'stop', 'seed', 'n',
  'frequency_penalty', 'presence_penalty', 'logprobs', 'top_logprobs', 'logit_bias', 'user', 'reasoning_effort',
  'models', 'provider', 'router', 'order', 'only', 'ignore', 'allow_fallbacks', 'sort', 'max_price', 'prompt',
  'completion', 'data_collection', 'zdr', 'require_parameters', 'threshold', 'strong_share', 'quality', 'input',
  'encoding_format', 'dimensions',
];

export const CHAT_STRINGS = [
  'user', 'system', 'developer', 'assistant', 'tool', 'text', 'image_url', 'function', 'refusal', 'auto', 'none',
  'required', 'json_object', 'json_schema', 'low', 'high', 'price', 'latency', 'throughput', 'allow', 'deny',
  'float', 'base64', 'https://example.com/a.png', 'data:image/png;base64,AAAA', 'data:text/plain,hi', 'javascript:x',
  'deepseek/deepseek-chat', 'auto', 'a/b/c', 'model\u0000', 'model\n', 'm\u2028', '\u0085', 'x'.repeat(257),
];

export const SCHEMA_KEYS = [
  'type', 'properties', 'required', 'items', '$ref', '$defs', 'definitions', 'allOf', 'anyOf', 'oneOf', 'enum',
  'const', 'nullable', 'format', 'title', 'description', 'default', 'example', 'minimum', 'maximum',
  'exclusiveMinimum', 'exclusiveMaximum', 'minItems', 'maxItems', 'minLength', 'maxLength', 'pattern',
  'additionalProperties', 'propertyOrdering', '$schema', 'not', 'minProperties', 'maxProperties',
];

export const SCHEMA_STRINGS = [
  'object', 'string', 'integer', 'number', 'boolean', 'array', 'null', '#/$defs/a', '#/$defs/b', '#/definitions/a',
  '#/$defs/__proto__', '#/$defs/constructor', '#/$defs/toString', '#', 'a', 'b', 'date-time', 'email',
];

/** Every key and string above as JSON tokens, with JSON's own punctuation and a few edge values. */
export function jsonDictionary(keys: readonly string[], strings: readonly string[]): string[] {
  return [
    ...keys.map((k) => `"${k}":`),
    ...strings.map((s) => JSON.stringify(s)),
    '{', '}', '[', ']', ',', ':', '"', 'null', 'true', 'false', '0', '-1', '1e999', '0.5', '[[[[[[[[', ']]]]]]]]',
    '{"a":{"a":{"a":', '"__proto__":', '"constructor":', '"toString":', '\\u0000', '\\ud800', '\\"',
  ];
}
