import type { ChatRequest } from '../spec/chat-request.js';
import type { ChatResult } from '../spec/chat-result.js';
import type { EmbeddingRequest, EmbeddingResult } from '../spec/embedding.js';
import { GatewayError, toGatewayError, type FailedAttempt } from '../spec/gateway-error.js';
import { isContentPart, type StreamPart } from '../spec/stream-part.js';
import type { ResolvedDeployment } from './model-table.js';
import { emptyPlanError, type RoutePlan } from './plan-route.js';

export interface Served<T> {
  value: T;
  /** The deployment that answered. */
  served: ResolvedDeployment;
  /** Deployments tried before it, in order. */
  failures: FailedAttempt[];
}

/**
 * Try the plan's deployments in order until one answers. A retryable failure moves on to the next;
 * a request error (the client's fault) ends the run at once. When all fail, the last error is thrown
 * carrying every attempt.
 */
async function tryInOrder<T>(
  plan: RoutePlan,
  signal: AbortSignal,
  run: (d: ResolvedDeployment, signal: AbortSignal) => Promise<T>,
): Promise<Served<T>> {
  if (plan.attempts.length === 0) throw emptyPlanError(plan);
  const failures: FailedAttempt[] = [];
  let last: GatewayError | undefined;
  for (const d of plan.attempts) {
    if (signal.aborted) throw signal.reason;
    try {
      return { value: await run(d, signal), served: d, failures };
    } catch (err) {
      if (signal.aborted) throw err;
      last = toGatewayError(err);
      failures.push({ provider: d.providerId, model: d.model, code: last.code, message: last.message });
      if (!last.retryable) break;
    }
  }
  throw (last as GatewayError).withAttempts(failures);
}

export function executeChat(plan: RoutePlan, request: ChatRequest, signal: AbortSignal): Promise<Served<ChatResult>> {
  return tryInOrder(plan, signal, (d, s) => d.adapter.chat({ request, model: d.model, signal: s }));
}

export function executeEmbedding(
  plan: RoutePlan,
  request: EmbeddingRequest,
  signal: AbortSignal,
): Promise<Served<EmbeddingResult>> {
  return tryInOrder(plan, signal, (d, s) => {
    if (!d.adapter.embed) throw new GatewayError('invalid_request', `Provider '${d.providerId}' does not serve embeddings.`);
    return d.adapter.embed({ request, model: d.model, signal: s });
  });
}

/**
 * Open a stream on the first deployment that starts answering. Failover is allowed until the first
 * content part: the parts before it are held back and replayed, so the client sees one clean stream.
 */
export function openChatStream(
  plan: RoutePlan,
  request: ChatRequest,
  signal: AbortSignal,
): Promise<Served<AsyncIterable<StreamPart>>> {
  return tryInOrder(plan, signal, async (d, parentSignal) => {
    const attempt = new AbortController();
    const onAbort = () => attempt.abort(parentSignal.reason);
    parentSignal.addEventListener('abort', onAbort, { once: true });
    try {
      const stream = await d.adapter.streamChat({ request, model: d.model, signal: attempt.signal });
      const iterator = stream[Symbol.asyncIterator]();
      const held: StreamPart[] = [];
      for (;;) {
        const next = await iterator.next();
        if (next.done) return replay(held, iterator, () => parentSignal.removeEventListener('abort', onAbort));
        held.push(next.value);
        if (isContentPart(next.value)) {
          return replay(held, iterator, () => parentSignal.removeEventListener('abort', onAbort));
        }
      }
    } catch (err) {
      parentSignal.removeEventListener('abort', onAbort);
      attempt.abort();
      throw err;
    }
  });
}

/**
 * The held parts, then the rest of the stream. A plain iterator rather than a generator: it sits on the
 * path of every part of every stream, and each generator step costs more than it does.
 */
function replay(held: StreamPart[], rest: AsyncIterator<StreamPart>, done: () => void): AsyncIterable<StreamPart> {
  let i = 0;
  let finished = false;
  const finish = () => {
    if (!finished) {
      finished = true;
      done();
    }
  };
  const iterator: AsyncIterator<StreamPart> = {
    async next() {
      if (i < held.length) return { done: false, value: held[i++] as StreamPart };
      try {
        const next = await rest.next();
        if (next.done) finish();
        return next;
      } catch (err) {
        finish();
        throw err;
      }
    },
    async return() {
      finish();
      await rest.return?.();
      return { done: true, value: undefined };
    },
  };
  return { [Symbol.asyncIterator]: () => iterator };
}
