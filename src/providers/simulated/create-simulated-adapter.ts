import { randomUUID } from 'node:crypto';
import type { ChatParam } from '../../spec/chat-request.js';
import type { ChatResult } from '../../spec/chat-result.js';
import type { ChatCall, EmbedCall, ProviderAdapter } from '../../spec/provider-adapter.js';
import type { StreamPart } from '../../spec/stream-part.js';
import type { Usage } from '../../spec/usage.js';
import { composeSimulatedAnswer, type SimulatedAnswer } from './compose-simulated-answer.js';
import { drawSimulatedFailure } from './draw-simulated-failure.js';
import { embedSimulated } from './embed-simulated.js';
import { hashText, seededRandom } from './seeded-random.js';
import type { SimulationSettings } from './simulation-settings.js';
import { sleep } from '../../routing/sleep.js';

/** The time an answer takes: to its first token, and per streamed piece after that, ms. */
interface Pace {
  firstTokenMs: number;
  msPerToken: number;
}

/**
 * A provider that answers in this process and reaches no network: it stands for a real catalog provider
 * (`simulation.simulates`), whose models, prices and data facts the gateway applies to it as to the real
 * one. Answers come from a small written corpus, marked `[simulated]`, at a realistic pace (time to first
 * token and tokens per second, with some spread, on real timers), with usage counted; `errorRate` of
 * requests fail with a 429 or a 5xx. Its randomness is seeded by the provider id, so a run can be replayed.
 */
export function createSimulatedAdapter(settings: { providerId: string; simulation?: SimulationSettings }): ProviderAdapter {
  const { providerId, simulation } = settings;
  if (!simulation) throw new Error(`provider '${providerId}': a simulated provider needs to know which provider type it simulates`);
  const random = seededRandom(hashText(providerId));
  const pace = (): Pace => ({
    firstTokenMs: simulation.ttftMs * (0.7 + 0.6 * random()),
    msPerToken: 1000 / (simulation.tokensPerSecond * (0.8 + 0.4 * random())),
  });
  const failFirst = async (signal: AbortSignal, firstTokenMs: number) => {
    const failure = drawSimulatedFailure(providerId, simulation.errorRate, random);
    if (!failure) return;
    // a refusal comes back quicker than an answer starts
    await sleep(firstTokenMs / 3, signal);
    throw failure;
  };

  return {
    providerId,
    kind: `simulated/${simulation.simulates}`,
    unsupportedParams: new Set<ChatParam>(),
    simulated: true,

    async chat(call: ChatCall): Promise<ChatResult> {
      const p = pace();
      await failFirst(call.signal, p.firstTokenMs);
      const answer = composeSimulatedAnswer(call.request, call.model);
      await sleep(p.firstTokenMs + answer.outputTokens * p.msPerToken, call.signal);
      const text = answer.pieces.join('');
      return {
        id: `sim-${randomUUID()}`,
        model: call.model,
        created: Math.floor(Date.now() / 1000),
        text: answer.toolCalls.length > 0 && text === '' ? null : text,
        toolCalls: answer.toolCalls,
        finishReason: answer.finishReason,
        usage: usageOf(answer),
      };
    },

    async streamChat(call: ChatCall): Promise<AsyncIterable<StreamPart>> {
      const p = pace();
      await failFirst(call.signal, p.firstTokenMs);
      const answer = composeSimulatedAnswer(call.request, call.model);
      // the answer's headers come back at once; its first token after the time to first token
      return streamAnswer(answer, call, p);
    },

    async embed(call: EmbedCall) {
      const p = pace();
      await failFirst(call.signal, p.firstTokenMs);
      await sleep(p.firstTokenMs / 4, call.signal);
      return embedSimulated(call.request, call.model);
    },
  };
}

async function* streamAnswer(answer: SimulatedAnswer, call: ChatCall, p: Pace): AsyncIterable<StreamPart> {
  yield { type: 'meta', id: `sim-${randomUUID()}`, model: call.model, created: Math.floor(Date.now() / 1000) };
  await sleep(p.firstTokenMs, call.signal);
  for (const [i, piece] of answer.pieces.entries()) {
    if (i > 0) await sleep(Math.max(1, Math.ceil(piece.length / 4)) * p.msPerToken, call.signal);
    yield { type: 'text', text: piece };
  }
  for (const [index, c] of answer.toolCalls.entries()) {
    yield { type: 'tool-call-start', index, id: c.id, name: c.name };
    yield { type: 'tool-call-delta', index, arguments: c.arguments };
  }
  yield { type: 'finish', reason: answer.finishReason };
  yield { type: 'usage', usage: usageOf(answer) };
}

function usageOf(answer: SimulatedAnswer): Usage {
  return {
    inputTokens: answer.inputTokens,
    outputTokens: answer.outputTokens,
    raw: { prompt_tokens: answer.inputTokens, completion_tokens: answer.outputTokens, simulated: true },
  };
}
