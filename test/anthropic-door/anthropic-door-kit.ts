import Anthropic from '@anthropic-ai/sdk';
import type { TestGateway } from '../support/test-gateway.js';

/** The official Anthropic SDK pointed at a running gateway (it posts to `${baseURL}/v1/messages`). */
export function anthropicClient(gateway: TestGateway, apiKey = 'no-key'): Anthropic {
  return new Anthropic({ baseURL: gateway.url, apiKey, maxRetries: 0, timeout: 15_000 });
}

/** SSE frames from an OpenAI-style chunk list, each chunk a `data:` frame, ending with `[DONE]`. */
export function openAIFrames(chunks: object[]): string[] {
  return [...chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`), 'data: [DONE]\n\n'];
}

/** One OpenAI `chat.completion.chunk` with the given delta and finish reason. */
export function chunk(delta: object, finish: string | null = null, extra: object = {}): object {
  return { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'up-model', choices: [{ index: 0, delta, finish_reason: finish }], ...extra };
}

/** The event types of a raw Messages SSE body, in order. */
export function eventTypes(sse: string): string[] {
  return [...sse.matchAll(/^event: (.+)$/gm)].map((m) => m[1]!);
}
