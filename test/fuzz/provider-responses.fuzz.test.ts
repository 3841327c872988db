import { describe, expect, it } from 'vitest';
import { jsonMutator } from './engine/mutate-json.js';
import { expectGatewayError, expectSerializable, violation } from './support/invariants.js';
import { minifyJson } from './support/minify-json.js';
import { checkChatResult } from './support/results.js';
import { FUZZ_TEST_TIMEOUT_MS, ownFixtures, runFuzzTarget, scriptsUnder } from './support/run-target.js';
import { SECRETS, secretTokens } from './support/secrets.js';
import { jsonDictionary } from './support/vocabulary.js';

/**
 * Every provider's JSON response readers, through the adapters' own read path (the answer's text →
 * parseUpstreamJson → parseOpenAIChatResponse / parseAnthropicResponse / parseGeminiResponse, the
 * embeddings readers, the model lists), then the encoder that turns a result into the client's answer.
 * A provider can send anything: the adapters must return a well-formed result or throw a GatewayError
 * (a 5xx is right here: it is the provider's fault), never leak the credentials, never crash.
 */
const KEYS = [
  'id', 'object', 'created', 'model', 'choices', 'index', 'message', 'role', 'content', 'reasoning_content', 'reasoning',
  'refusal', 'tool_calls', 'function', 'name', 'arguments', 'finish_reason', 'usage', 'prompt_tokens', 'completion_tokens',
  'total_tokens', 'prompt_tokens_details', 'cached_tokens', 'completion_tokens_details', 'reasoning_tokens', 'error', 'code',
  'status', 'data', 'embedding', 'type', 'text', 'thinking', 'tool_use', 'input', 'stop_reason', 'stop_details', 'explanation',
  'input_tokens', 'output_tokens', 'cache_read_input_tokens', 'cache_creation_input_tokens', 'candidates', 'parts', 'thought',
  'functionCall', 'args', 'finishReason', 'promptFeedback', 'blockReason', 'usageMetadata', 'promptTokenCount',
  'candidatesTokenCount', 'thoughtsTokenCount', 'cachedContentTokenCount', 'totalTokenCount', 'modelVersion', 'responseId',
  'createTime', 'embeddings', 'values', 'models', 'nextPageToken', 'message', 'details',
];
const STRINGS = [
  'assistant', 'stop', 'length', 'tool_calls', 'content_filter', 'function_call', 'error', 'eos', 'end_turn', 'max_tokens',
  'tool_use', 'refusal', 'pause_turn', 'STOP', 'MAX_TOKENS', 'SAFETY', 'RECITATION', 'MALFORMED_FUNCTION_CALL', 'text',
  'thinking', 'redacted_thinking', 'message', '<think>', '</think>', '<think>a</think>b', 'function', '{"a":1}', '{',
  'models/gemini-2.5-flash', '2025-01-01T00:00:00Z', 'not a date', ...secretTokens(),
];

const fixtureSeeds = ['openai-compatible', 'anthropic', 'gemini'].flatMap((p) => ownFixtures(p, '.json').map(minifyJson));

describe('fuzz: provider responses', () => {
  it(
    'each adapter reads any 200 answer into a well-formed result or a GatewayError',
    async () => {
      await runFuzzTarget({
        name: 'provider-responses',
        runs: 12_000,
        async: true,
        maxLen: 8192,
        covers: scriptsUnder('src/'),
        seeds: [...fixtureSeeds, '', 'null', '[]', '{}', '<html>oops</html>'],
        dictionary: jsonDictionary(KEYS, STRINGS),
        structureMutator: jsonMutator({ keys: KEYS, strings: STRINGS }),
        load: async () => {
          const { CannedHttp, makeAdapters } = await import('./support/fake-adapters.js');
          const { encodeChatCompletion } = await import('../../src/api/openai/encode-chat-completion.js');
          const http = new CannedHttp();
          const adapters = makeAdapters(http);
          const signal = new AbortController().signal;
          const request = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }], stream: false, includeUsage: false };
          const rules = { secrets: SECRETS };
          const settle = async <T>(work: () => Promise<T>, check: (value: T) => void) => {
            let value: T;
            try {
              value = await work();
            } catch (err) {
              expectGatewayError(err, rules);
              return;
            }
            check(value);
          };
          const checkList = (names: string[]) => violation(names.every((n) => typeof n === 'string'), () => 'a model name is not a string');
          const checkEmbeddings = (n: number) => (r: { data: Array<number[] | string> }) => {
            violation(r.data.length > 0 && r.data.every((v) => typeof v === 'string' || Array.isArray(v)), () => 'embedding data malformed');
            if (n > 0) violation(r.data.length === n, () => `${r.data.length} vectors for ${n} inputs`);
          };

          return async (input) => {
            http.answer = { status: 200, headers: { 'content-type': 'application/json' }, chunks: [input], maxEventBytes: 1 << 20 };
            for (const adapter of Object.values(adapters)) {
              await settle(
                () => adapter.chat({ request, model: 'm', signal }),
                (result) => {
                  checkChatResult(result);
                  expectSerializable(encodeChatCompletion(result, { id: 'x', created: 1, model: 'm' }, { cost: 0.1, costEstimated: false }), 'the encoded answer');
                },
              );
              if (adapter.listModels) await settle(() => adapter.listModels!(signal), checkList);
            }
            await settle(() => adapters.openai.embed!({ request: { model: 'e', input: ['a', 'b'] }, model: 'e', signal }), checkEmbeddings(0));
            await settle(() => adapters.gemini.embed!({ request: { model: 'e', input: ['a', 'b'], encodingFormat: 'base64' }, model: 'e', signal }), checkEmbeddings(2));
          };
        },
      });
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  /** Found by this fuzzer (seed 1, FUZZ_RUNS_SCALE=10): the embeddings reader sorts by `Number(index)`. */
  it('an embeddings answer whose index is an object without a usable toString is refused with a GatewayError', async () => {
    const { CannedHttp, makeAdapters } = await import('./support/fake-adapters.js');
    const { GatewayError } = await import('../../src/spec/gateway-error.js');
    const http = new CannedHttp();
    http.answer = { status: 200, headers: { 'content-type': 'application/json' }, chunks: [Buffer.from('{"data":[{"index":{"toString":0}},{}]}')], maxEventBytes: 1 << 20 };
    const request = { model: 'e', input: ['a', 'b'] };
    const outcome = await makeAdapters(http).openai.embed!({ request, model: 'e', signal: new AbortController().signal }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(outcome).toBeInstanceOf(GatewayError);
  });
});
