import fc from 'fast-check';

/**
 * fast-check arbitraries for chat-completions bodies: valid ones, ones with exactly one field made wrong
 * (with the parameter name the error must carry), and hostile JSON for anywhere in a body.
 */
export type Body = Record<string, unknown>;

const text = fc.string({ maxLength: 40, unit: 'grapheme' });
export const modelName = fc.stringMatching(/^[a-z0-9][a-z0-9./_-]{0,40}$/);
const toolName = fc.stringMatching(/^[A-Za-z0-9_.:-]{1,20}$/);

const textParts = fc.array(fc.record({ type: fc.constant('text'), text }), { minLength: 1, maxLength: 3 });
const image = fc.record({
  type: fc.constant('image_url'),
  image_url: fc.oneof(
    fc.record({ url: fc.constantFrom('https://example.com/a.png', 'data:image/png;base64,iVBORw0KGgo='), detail: fc.constantFrom('auto', 'low', 'high') }),
    fc.constant('https://example.com/b.jpg'),
  ),
});
const toolCall = fc.record({ id: fc.stringMatching(/^call_[a-z0-9]{1,8}$/), type: fc.constant('function'), function: fc.record({ name: toolName, arguments: fc.constant('{"a":1}') }) });

export const validMessage = fc.oneof(
  fc.record({ role: fc.constantFrom('system', 'developer'), content: fc.oneof(text, textParts) }),
  fc.record({ role: fc.constant('user'), content: fc.oneof(text, fc.array(fc.oneof(fc.record({ type: fc.constant('text'), text }), image), { minLength: 1, maxLength: 3 })) }),
  fc.record({ role: fc.constant('assistant'), content: fc.oneof(text, textParts) }),
  fc.record({ role: fc.constant('assistant'), content: fc.constant(null), tool_calls: fc.array(toolCall, { minLength: 1, maxLength: 2 }) }),
  fc.record({ role: fc.constant('tool'), tool_call_id: fc.string({ maxLength: 10 }), content: text }),
);

const schema = fc.constantFrom(
  { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
  { type: 'object', properties: { n: { type: 'integer', minimum: 0 }, t: { $ref: '#/$defs/t' } }, $defs: { t: { type: 'array', items: { type: 'string' } } } },
  {},
);
const tool = fc.record({ type: fc.constant('function'), function: fc.record({ name: toolName, description: text, parameters: schema }, { requiredKeys: ['name'] }) });

/** Optional fields, each valid. */
const optional = fc.record(
  {
    stream: fc.boolean(),
    stream_options: fc.record({ include_usage: fc.boolean() }),
    temperature: fc.double({ min: 0, max: 2, noNaN: true }),
    top_p: fc.double({ min: 0, max: 1, noNaN: true }),
    max_tokens: fc.integer({ min: 1, max: 100_000 }),
    stop: fc.oneof(text, fc.array(text, { maxLength: 4 })),
    seed: fc.integer(),
    frequency_penalty: fc.double({ min: -2, max: 2, noNaN: true }),
    presence_penalty: fc.double({ min: -2, max: 2, noNaN: true }),
    logprobs: fc.boolean(),
    top_logprobs: fc.integer({ min: 0, max: 20 }),
    logit_bias: fc.dictionary(fc.stringMatching(/^[0-9]{1,5}$/), fc.integer({ min: -100, max: 100 }), { maxKeys: 3 }),
    user: text,
    reasoning_effort: fc.constantFrom('low', 'medium', 'high'),
    response_format: fc.oneof(
      fc.constant({ type: 'text' }),
      fc.constant({ type: 'json_object' }),
      schema.map((s) => ({ type: 'json_schema', json_schema: { name: 'out', schema: s, strict: true } })),
    ),
    models: fc.array(modelName, { maxLength: 3 }),
    provider: fc.record({ sort: fc.constantFrom('price', 'latency', 'throughput'), order: fc.array(toolName, { maxLength: 3 }), allow_fallbacks: fc.boolean() }, { requiredKeys: [] }),
    router: fc.oneof(fc.record({ threshold: fc.double({ min: 0, max: 1, noNaN: true }) }), fc.record({ quality: fc.double({ min: 0, max: 1, noNaN: true }) })),
  },
  { requiredKeys: [] },
);

export const validBody: fc.Arbitrary<Body> = fc
  .tuple(modelName, fc.array(validMessage, { minLength: 1, maxLength: 4 }), optional, fc.option(fc.array(tool, { minLength: 1, maxLength: 2 }), { nil: undefined }))
  .map(([model, messages, extra, tools]) => ({ model, messages, ...extra, ...(tools && { tools, tool_choice: 'auto' }) }));

/** JSON values that are never valid where a value of another kind is expected. */
const notString = fc.oneof(fc.integer(), fc.boolean(), fc.constant([]), fc.constant({}), fc.constant([1]));
const notBoolean = fc.oneof(fc.integer(), fc.string({ maxLength: 5 }), fc.constant([]), fc.constant({}));
const notNumber = fc.oneof(fc.string({ maxLength: 5 }), fc.boolean(), fc.constant([]), fc.constant({}));
const notObject = fc.oneof(fc.integer(), fc.string({ maxLength: 5 }), fc.boolean(), fc.constant([]), fc.constant([{}]));
const outside = (min: number, max: number) =>
  fc
    .oneof(fc.double({ max: min, maxExcluded: true, noNaN: true, noDefaultInfinity: true }), fc.double({ min: max, minExcluded: true, noNaN: true, noDefaultInfinity: true }))
    .filter((v) => v < min || v > max);
const controlChar = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));

/** For each field: values that make the request invalid, and the parameter the error must name. */
export const WRONG: Record<string, { value: fc.Arbitrary<unknown>; param: string }> = {
  model: { value: fc.oneof(notString, fc.constant(''), fc.tuple(modelName, controlChar, modelName).map((p) => p.join('')), fc.string({ minLength: 257, maxLength: 300 }), modelName.map((m) => `${m}\u2028`)), param: 'model' },
  messages: { value: fc.oneof(notObject.filter((v) => !Array.isArray(v) || v.length > 0), fc.constant([]), fc.constant([{ role: 'robot', content: 'x' }]), fc.constant([{ role: 'user' }]), fc.constant([{ role: 'assistant', content: null }]), fc.constant([{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'file:///etc/passwd' } }] }])), param: 'messages' },
  stream: { value: notBoolean, param: 'stream' },
  stream_options: { value: fc.oneof(fc.integer(), fc.string({ maxLength: 3 }), fc.boolean(), fc.constant([])), param: 'stream_options' },
  n: { value: fc.oneof(fc.integer({ min: 2, max: 1000 }), fc.integer({ max: 0 }), fc.double({ min: 1.1, max: 9, noNaN: true }), notNumber), param: 'n' },
  temperature: { value: fc.oneof(outside(0, 2), notNumber), param: 'temperature' },
  top_p: { value: fc.oneof(outside(0, 1), notNumber), param: 'top_p' },
  max_tokens: { value: fc.oneof(fc.integer({ max: 0 }), fc.double({ min: 1.01, max: 99.5, noNaN: true }).filter((v) => !Number.isInteger(v)), notNumber), param: 'max_tokens' },
  max_completion_tokens: { value: fc.oneof(fc.integer({ max: 0 }), notNumber), param: 'max_completion_tokens' },
  stop: { value: fc.oneof(fc.integer(), fc.boolean(), fc.constant({}), fc.constant([1]), fc.constant(['a', null])), param: 'stop' },
  seed: { value: fc.oneof(fc.double({ min: 0.1, max: 0.9, noNaN: true }), notNumber), param: 'seed' },
  frequency_penalty: { value: fc.oneof(outside(-2, 2), notNumber), param: 'frequency_penalty' },
  presence_penalty: { value: fc.oneof(outside(-2, 2), notNumber), param: 'presence_penalty' },
  logprobs: { value: notBoolean, param: 'logprobs' },
  top_logprobs: { value: fc.oneof(fc.integer({ min: 21 }), fc.integer({ max: -1 }), notNumber), param: 'top_logprobs' },
  logit_bias: { value: fc.oneof(fc.integer(), fc.string({ maxLength: 3 }), fc.constant([]), fc.constant({ '1': 'x' }), fc.constant({ '1': null })), param: 'logit_bias' },
  user: { value: notString, param: 'user' },
  reasoning_effort: { value: notString, param: 'reasoning_effort' },
  tools: { value: fc.oneof(notObject.filter((v) => !Array.isArray(v)), fc.constant([1]), fc.constant([{ type: 'retrieval' }]), fc.constant([{ type: 'function', function: { name: 'bad name!' } }]), fc.constant([{ type: 'function', function: { name: 'f', parameters: [] } }])), param: 'tools' },
  tool_choice: { value: fc.oneof(fc.constant('required'), fc.constant('always'), fc.integer(), fc.constant({ type: 'function', function: { name: 'nope' } }), fc.constant({ type: 'x' })), param: 'tool_choice' },
  parallel_tool_calls: { value: notBoolean, param: 'parallel_tool_calls' },
  response_format: { value: fc.oneof(notObject, fc.constant({ type: 'xml' }), fc.constant({ type: 'json_schema' }), fc.constant({ type: 'json_schema', json_schema: { schema: {} } }), fc.constant({ type: 'json_schema', json_schema: { name: 'x', schema: 3 } })), param: 'response_format' },
  models: { value: fc.oneof(fc.string({ maxLength: 3 }), fc.constant([1]), fc.constant(['']), fc.array(modelName, { minLength: 11, maxLength: 14 }), fc.tuple(modelName, controlChar).map(([m, c]) => [m + c])), param: 'models' },
  provider: { value: fc.oneof(notObject, fc.constant({ sort: 'fast' }), fc.constant({ order: 'x' }), fc.constant({ max_price: { prompt: -1 } }), fc.constant({ data_collection: 'maybe' }), fc.constant({ orderr: ['x'] }), fc.constant({ max_price: { promt: 1 } })), param: 'provider' },
  router: { value: fc.oneof(notObject, fc.constant({ threshold: 2 }), fc.constant({ threshold: 0.5, quality: 0.5 }), fc.constant({ mode: 'x' })), param: 'router' },
};

/** A valid body with one field replaced by a wrong value; the parameter the error must name. */
export const bodyWithOneWrongField: fc.Arbitrary<{ body: Body; field: string; param: string }> = fc
  .tuple(validBody, fc.constantFrom(...Object.keys(WRONG)))
  .chain(([body, field]) => {
    const wrong = WRONG[field]!;
    return wrong.value.map((value) => {
      const copy: Body = { ...body, [field]: value };
      // tool_choice needs no tools to be wrong in the 'required' way; drop them so the case stays wrong
      if (field === 'tool_choice') delete copy.tools;
      return { body: copy, field, param: wrong.param };
    });
  });

/** Arrays or objects nested `depth` levels around a leaf. */
export function nested(depth: number, leaf: unknown, asArray: boolean): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { k: v };
  return v;
}

/** Awkward JSON: huge and tiny numbers, lone surrogates, control characters, prototype keys, deep nesting (< 64). */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom(1e308, -1e308, 5e-324, -0, 2 ** 53 + 1, 1e21, '\ud800', '\udfff\ud800', '\u0000\u001f\u007f', '\u2028\u2029', '\uFEFF', '%s%d'),
  fc.constantFrom({ __proto__: null, constructor: { prototype: 1 } }, JSON.parse('{"__proto__":{"polluted":true}}') as unknown, { toString: 1, valueOf: 'x' }),
  fc.tuple(fc.integer({ min: 1, max: 60 }), fc.boolean(), fc.jsonValue({ maxDepth: 1 })).map(([d, a, leaf]) => nested(d, leaf, a)),
  fc.string({ unit: 'binary', maxLength: 30 }),
);
