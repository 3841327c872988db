import { createHash } from 'node:crypto';
import type { ChatRequest } from '../spec/chat-request.js';
import type { EmbeddingRequest } from '../spec/embedding.js';
import { stableJson } from './stable-json.js';

/** Bumped when what an entry holds, or how keys are made, changes: older entries are then never read. */
const KEY_VERSION = 1;

/**
 * The key of a chat request's answer: a SHA-256 of everything that changes the answer (the model asked
 * for, messages, tools and tool choice, response format, sampling and reasoning settings, seed, routing
 * preferences, vendor fields) and of the caller's namespace. How the answer is delivered (streamed or not,
 * usage in the stream) and who the end user is (`user`) are not part of it. A request passed through on
 * its own wire (Messages, Responses) keys on the client's whole body and wire headers as well, since the
 * upstream reads all of them.
 */
export function chatCacheKey(namespace: string, req: ChatRequest): string {
  const { model, messages, tools, toolChoice, parallelToolCalls, responseFormat, temperature, topP, maxTokens, stop, seed } = req;
  const { frequencyPenalty, presencePenalty, logprobs, topLogprobs, logitBias, reasoningEffort, reasoningBudget, routing, extra, native } = req;
  const asked = {
    model, messages, tools, toolChoice, parallelToolCalls, responseFormat, temperature, topP, maxTokens, stop, seed,
    frequencyPenalty, presencePenalty, logprobs, topLogprobs, logitBias, reasoningEffort, reasoningBudget, routing, extra,
  };
  const wire = native && { wire: native.wire, body: withoutDelivery(native.body), headers: native.headers };
  return digest(['chat', namespace, asked, wire]);
}

/** The key of an embeddings request's answer. */
export function embeddingCacheKey(namespace: string, req: EmbeddingRequest): string {
  return digest(['embeddings', namespace, { model: req.model, input: req.input, encodingFormat: req.encodingFormat, dimensions: req.dimensions }]);
}

function digest(parts: unknown[]): string {
  return createHash('sha256').update(stableJson([KEY_VERSION, ...parts])).digest('base64url');
}

/** A client's body less how the answer is delivered (and who the end user is). */
function withoutDelivery(body: Record<string, unknown>): Record<string, unknown> {
  const { stream: _s, stream_options: _o, user: _u, metadata: _m, ...rest } = body;
  return rest;
}
