import { describe, expect, it } from 'vitest';
import { jsonMutator } from './engine/mutate-json.js';
import { expectGatewayError, expectSerializable, violation } from './support/invariants.js';
import { corpusFiles, FUZZ_TEST_TIMEOUT_MS, runFuzzTarget, scriptsUnder } from './support/run-target.js';
import { CHAT_KEYS, CHAT_STRINGS, jsonDictionary, SCHEMA_KEYS, SCHEMA_STRINGS } from './support/vocabulary.js';

/**
 * Schema and request converters: a client's JSON Schema (tool parameters, response_format) through
 * convertJsonSchemaToGemini and convertToAnthropicTools, and whole client requests through parseChatRequest
 * and each provider's request converter (Gemini, Anthropic, OpenAI-compatible). A JSON object with
 * `messages` is taken as a whole request, any other object as a schema placed in a request's tool and
 * response format. Each converter must answer a 4xx GatewayError or produce a request that serializes to
 * a bounded size: $ref inlining must not turn a small request into a huge one.
 */
const MIB = 2 ** 20;

/** The largest converted request accepted for an input of `inputBytes`: 8 MiB, plus four times the input. */
export const maxConvertedBytes = (inputBytes: number) => 8 * MIB + 4 * inputBytes;

const KEYS = [...SCHEMA_KEYS, ...CHAT_KEYS];
const STRINGS = [...SCHEMA_STRINGS, ...CHAT_STRINGS];

async function loadConverters() {
  const { parseChatRequest } = await import('../../src/api/openai/parse-chat-request.js');
  const { convertJsonSchemaToGemini } = await import('../../src/providers/gemini/convert-json-schema-to-gemini.js');
  const { convertToGeminiRequest } = await import('../../src/providers/gemini/convert-to-gemini-request.js');
  const { convertToAnthropicTools } = await import('../../src/providers/anthropic/convert-to-anthropic-tools.js');
  const { convertToAnthropicRequest } = await import('../../src/providers/anthropic/convert-to-anthropic-request.js');
  const { convertToOpenAIChatRequest } = await import('../../src/providers/openai-compatible/convert-to-openai-chat-request.js');
  const { OPENAI_COMPATIBLE_PROFILES } = await import('../../src/providers/openai-compatible/profiles.js');
  const profiles = [OPENAI_COMPATIBLE_PROFILES['openai-compatible']!, OPENAI_COMPATIBLE_PROFILES.mistral!, OPENAI_COMPATIBLE_PROFILES.qwen!];

  /** Run a converter: a 4xx GatewayError, or an output that serializes within the size bound. */
  const convert = (what: string, inputBytes: number, work: () => unknown) => {
    let out: unknown;
    try {
      out = work();
    } catch (err) {
      expectGatewayError(err, { maxStatus: 499 });
      return;
    }
    const text = expectSerializable(out, what);
    violation(text.length <= maxConvertedBytes(inputBytes), () => `${what}: ${inputBytes} bytes of request became ${text.length} bytes`);
  };

  return (body: unknown, inputBytes: number) => {
    const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
    if (!isObject) return;
    const schema = body as Record<string, unknown>;
    const wholeRequest = 'messages' in schema;
    if (!wholeRequest) {
      convert('convertJsonSchemaToGemini', inputBytes, () => convertJsonSchemaToGemini(schema));
      convert('convertToAnthropicTools', inputBytes, () => convertToAnthropicTools([{ name: 'f', parameters: schema }]));
    }
    const wire = wholeRequest
      ? body
      : {
          model: 'm',
          messages: [{ role: 'user', content: 'x' }],
          tools: [{ type: 'function', function: { name: 'f', parameters: schema } }],
          response_format: { type: 'json_schema', json_schema: { name: 's', schema } },
        };
    let req;
    try {
      req = parseChatRequest(wire);
    } catch (err) {
      expectGatewayError(err, { maxStatus: 499 });
      return;
    }
    convert('convertToGeminiRequest', inputBytes, () => convertToGeminiRequest(req, true));
    convert('convertToAnthropicRequest', inputBytes, () => convertToAnthropicRequest(req, 'claude', req.stream));
    for (const profile of profiles) convert(`convertToOpenAIChatRequest (${profile.name})`, inputBytes, () => convertToOpenAIChatRequest(req, 'm', profile, req.stream));
  };
}

describe('fuzz: schema converters', () => {
  it(
    'tool schemas and requests convert for every provider, or are refused with a 4xx',
    async () => {
      await runFuzzTarget({
        name: 'schema-converters',
        runs: 15_000,
        maxLen: 8192,
        covers: scriptsUnder('src/'),
        seeds: [...corpusFiles('schemas'), ...corpusFiles('chat-requests')],
        dictionary: jsonDictionary(KEYS, STRINGS),
        structureMutator: jsonMutator({ keys: KEYS, strings: STRINGS }),
        load: async () => {
          const run = await loadConverters();
          return (input) => {
            let body: unknown;
            try {
              body = JSON.parse(input.toString('utf8'));
            } catch {
              return;
            }
            run(body, input.length);
          };
        },
      });
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  /**
   * Found while writing these tests: each $ref is inlined as a copy of its definition, and the node budget
   * (MAX_SCHEMA_NODES) counts nodes, not their size. Definitions that each name the next one twice, ending
   * in one with a long description, stay within 10,000 nodes yet multiply that description 2,048 times.
   */
  it('a schema whose $refs fan out to a long description is refused or converted within the size bound', async () => {
    const run = await loadConverters();
    const depth = 10;
    const defs: Record<string, unknown> = { [`d${depth + 1}`]: { type: 'string', description: 'x'.repeat(20_000) } };
    for (let i = depth; i >= 0; i--) defs[`d${i}`] = { type: 'object', properties: { a: { $ref: `#/$defs/d${i + 1}` }, b: { $ref: `#/$defs/d${i + 1}` } } };
    const schema = { $defs: defs, type: 'object', properties: { root: { $ref: '#/$defs/d0' } } };
    const bytes = JSON.stringify(schema).length;
    expect(bytes).toBeLessThan(30_000);
    expect(() => run(schema, bytes)).not.toThrow();
  });
});
