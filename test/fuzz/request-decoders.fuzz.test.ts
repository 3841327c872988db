import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { describe, it } from 'vitest';
import { jsonMutator } from './engine/mutate-json.js';
import { expectGatewayError, expectSerializable, violation } from './support/invariants.js';
import { corpusFiles, FUZZ_TEST_TIMEOUT_MS, runFuzzTarget, scriptsUnder } from './support/run-target.js';
import { CHAT_KEYS, CHAT_STRINGS, jsonDictionary } from './support/vocabulary.js';

/**
 * The doors' request decoders, as the server runs them: the body bytes through readJsonBody (size limit,
 * JSON, the 64-level depth rule), then parseChatRequest and parseEmbeddingRequest, then what reads the
 * parsed request before routing (token estimates and bounds, the cost-quality router's score). A client's
 * bad input must end as a 4xx GatewayError, nothing else.
 */
const LIMIT = 64 * 1024;

/** A request body arriving in a few network chunks (split points taken from the input, so a run replays). */
class FakeRequest extends EventEmitter {
  readonly headers: Record<string, string>;
  constructor(length: number) {
    super();
    this.headers = { 'content-length': String(length) };
  }
}

function chunksOf(body: Buffer): Buffer[] {
  const chunks: Buffer[] = [];
  let h = body.length * 2654435761;
  for (let at = 0; at < body.length; ) {
    h = (Math.imul(h ^ (h >>> 15), 2246822519) + 1) >>> 0;
    const size = 1 + (h % 97);
    chunks.push(body.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

describe('fuzz: request decoders', () => {
  it(
    'readJsonBody → parseChatRequest / parseEmbeddingRequest: a 4xx GatewayError or a valid request',
    async () => {
      await runFuzzTarget({
        name: 'request-decoders',
        runs: 20_000,
        async: true,
        maxLen: 8192,
        covers: scriptsUnder('src/'),
        seeds: [...corpusFiles('chat-requests'), ...corpusFiles('embedding-requests'), '', '{}', '[]', 'null'],
        dictionary: jsonDictionary(CHAT_KEYS, CHAT_STRINGS),
        structureMutator: jsonMutator({ keys: CHAT_KEYS, strings: CHAT_STRINGS }),
        load: async () => {
          const { readJsonBody } = await import('../../src/http/read-json-body.js');
          const { parseChatRequest } = await import('../../src/api/openai/parse-chat-request.js');
          const { parseEmbeddingRequest } = await import('../../src/api/openai/embeddings-route.js');
          const { estimateRequestTokens } = await import('../../src/accounting/estimate-request-tokens.js');
          const { boundChatInputTokens, boundEmbeddingInputTokens } = await import('../../src/accounting/bound-request-tokens.js');
          const { loadRouterModel } = await import('../../src/routing/router/load-router-model.js');
          const { scoreRequest } = await import('../../src/routing/router/router-model.js');
          const router = loadRouterModel();
          const count = (n: number, what: string) => violation(Number.isFinite(n) && n >= 0, () => `${what} is ${n}`);

          return async (input) => {
            const req = new FakeRequest(input.length);
            const reading = readJsonBody(req as unknown as IncomingMessage, LIMIT);
            for (const chunk of chunksOf(input)) req.emit('data', chunk);
            req.emit('end');
            let body: unknown;
            try {
              body = await reading;
            } catch (err) {
              expectGatewayError(err, { maxStatus: 499 });
              return;
            }
            try {
              const chat = parseChatRequest(body);
              violation(typeof chat.model === 'string' && chat.model.length > 0 && chat.model.length <= 256, () => `model ${JSON.stringify(chat.model)}`);
              violation(Array.isArray(chat.messages) && chat.messages.length > 0, () => 'no messages');
              count(estimateRequestTokens(chat), 'estimateRequestTokens');
              count(boundChatInputTokens(chat), 'boundChatInputTokens');
              const score = scoreRequest(router, chat);
              violation(score >= 0 && score <= 1, () => `router score ${score}`);
              expectSerializable(chat, 'the parsed chat request');
            } catch (err) {
              expectGatewayError(err, { maxStatus: 499 });
            }
            try {
              const embedding = parseEmbeddingRequest(body);
              count(boundEmbeddingInputTokens(embedding.input), 'boundEmbeddingInputTokens');
              expectSerializable(embedding, 'the parsed embedding request');
            } catch (err) {
              expectGatewayError(err, { maxStatus: 499 });
            }
          };
        },
      });
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
