import { describe, it } from 'vitest';
import { jsonMutator } from './engine/mutate-json.js';
import { expectGatewayError, expectSerializable, violation } from './support/invariants.js';
import { FUZZ_TEST_TIMEOUT_MS, runFuzzTarget, scriptsUnder } from './support/run-target.js';
import { CHAT_KEYS, CHAT_STRINGS, jsonDictionary } from './support/vocabulary.js';

/**
 * The request decoders of the Anthropic Messages and OpenAI Responses doors, on any parsed JSON body
 * (the body reader before them is fuzzed in request-decoders): a client's bad input must end as a 4xx
 * GatewayError, and what they accept is a well-formed canonical request the token estimate can read.
 */
const KEYS = [
  ...CHAT_KEYS,
  'max_tokens', 'system', 'thinking', 'budget_tokens', 'signature', 'data', 'input_schema', 'tool_use_id', 'is_error',
  'input', 'source', 'media_type', 'stop_sequences', 'metadata', 'user_id', 'top_k', 'disable_parallel_tool_use',
  'instructions', 'max_output_tokens', 'reasoning', 'effort', 'format', 'schema', 'call_id', 'output', 'store',
  'previous_response_id', 'conversation', 'include', 'summary',
];
const STRINGS = [
  ...CHAT_STRINGS,
  'tool_use', 'tool_result', 'thinking', 'redacted_thinking', 'image', 'base64', 'url', 'enabled', 'disabled', 'adaptive',
  'any', 'tool', 'input_text', 'input_image', 'output_text', 'message', 'function_call', 'function_call_output',
  'reasoning', 'web_search', 'medium', '__proto__',
];
const SEEDS = [
  { model: 'm', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] },
  {
    model: 'm',
    max_tokens: 4000,
    system: [{ type: 'text', text: 'be brief' }],
    thinking: { type: 'enabled', budget_tokens: 1024 },
    tools: [{ name: 'f', input_schema: { type: 'object', properties: { a: { type: 'string' } } } }],
    tool_choice: { type: 'auto' },
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'q' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } }] },
      { role: 'assistant', content: [{ type: 'thinking', thinking: 't', signature: 's' }, { type: 'tool_use', id: 'c1', name: 'f', input: { a: 'x' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'c1', content: 'r' }] },
    ],
  },
  { model: 'm', input: 'hi' },
  {
    model: 'm',
    instructions: 'be brief',
    reasoning: { effort: 'low' },
    text: { format: { type: 'json_schema', name: 'x', schema: { type: 'object' } } },
    tools: [{ type: 'function', name: 'f', parameters: { type: 'object' } }],
    input: [
      { role: 'user', content: [{ type: 'input_text', text: 'q' }] },
      { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{}' },
      { type: 'function_call_output', call_id: 'c1', output: 'r' },
    ],
  },
].map((s) => JSON.stringify(s));

describe('fuzz: the Messages and Responses doors', () => {
  it(
    'parseMessagesRequest / parseResponsesRequest: a 4xx GatewayError or a well-formed canonical request',
    async () => {
      await runFuzzTarget({
        name: 'door-decoders',
        runs: 10_000,
        maxLen: 4096,
        covers: scriptsUnder('src/api/'),
        seeds: [...SEEDS, '', '{}', '[]', 'null'],
        dictionary: jsonDictionary(KEYS, STRINGS),
        structureMutator: jsonMutator({ keys: KEYS, strings: STRINGS }),
        load: async () => {
          const { parseMessagesRequest } = await import('../../src/api/anthropic/parse-messages-request.js');
          const { parseResponsesRequest } = await import('../../src/api/responses/parse-responses-request.js');
          const { estimateRequestTokens } = await import('../../src/accounting/estimate-request-tokens.js');
          return (input) => {
            let body: unknown;
            try {
              body = JSON.parse(input.toString('utf8'));
            } catch {
              return;
            }
            for (const [door, parse] of [
              ['messages', parseMessagesRequest],
              ['responses', parseResponsesRequest],
            ] as const) {
              try {
                const chat = parse(body);
                violation(typeof chat.model === 'string' && chat.model.length > 0, () => `${door}: model ${JSON.stringify(chat.model)}`);
                violation(Array.isArray(chat.messages) && chat.messages.length > 0, () => `${door}: no messages`);
                const tokens = estimateRequestTokens(chat);
                violation(Number.isFinite(tokens) && tokens >= 0, () => `${door}: estimate ${tokens}`);
                expectSerializable(chat, `the ${door} request`);
              } catch (err) {
                expectGatewayError(err, { maxStatus: 499 });
              }
            }
          };
        },
      });
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
