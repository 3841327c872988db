import type { ChatRequest } from '../spec/chat-request.js';
import type { ChatResult } from '../spec/chat-result.js';
import type { EmbeddingRequest, EmbeddingResult } from '../spec/embedding.js';
import { GatewayError, toGatewayError, type FailedAttempt } from '../spec/gateway-error.js';
import { isContentPart, type StreamPart } from '../spec/stream-part.js';
import { deploymentKey } from './deployment-info.js';
import type { DeploymentHealth } from './health/deployment-health.js';
import { healthEffect, worthRetrying } from './health/health-effect.js';
import { pausedError } from './paused-error.js';
import { emptyPlanError, type Attempt, type RoutePlan } from './plan-route.js';
import type { PlanWatch } from './plan-watch.js';

export interface ExecuteDeps {
  health: DeploymentHealth;
  now: () => number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  random: () => number;
  /** Retries on the same deployment when no other is left, and the longest one attempt may take. */
  limitsFor: (providerId: string) => { retries: number; totalTimeoutMs: number };
  /**
   * Why a deployment may no longer be sent anything (a kill switch pulled since the request was planned),
   * checked before every attempt, hedge and retry.
   */
  blocked?: (attempt: Attempt) => string | undefined;
}

export interface Served<T> {
  value: T;
  /** The deployment that answered. */
  served: Attempt;
  /** Attempts that failed before it, in order. */
  failures: FailedAttempt[];
  /** Hedged attempts started, then cancelled because another answered first. */
  cancelled: Attempt[];
  /**
   * Streams: tell the served deployment's health how the stream ended (no failure: a success), once it
   * has; an answer that is not a stream was recorded when it came.
   */
  settle?: Settle;
}

type Settle = (failure?: GatewayError) => void;

/**
 * Opens one attempt: resolves with its value once it has content to show. `done` must be called when the
 * attempt is over — at once for a whole answer, at the end of the stream for a stream — so its timer stops.
 */
type Opener<T> = (attempt: Attempt, signal: AbortSignal, done: () => void) => Promise<{ value: T; ttftMs: number }>;

const MAX_RETRY_WAIT_MS = 5_000;
const SWITCH_JITTER_MS = 25;

/**
 * Runs a plan. Deployments are tried in order (or hedged: a second one started beside the first when it is
 * slow to answer), skipping those whose circuit will not take a request, and every outcome goes to the
 * health tracker. A retryable failure moves on to the next deployment after a short jitter; on the last
 * one it is retried with jittered exponential backoff, or after the provider's Retry-After when that is
 * short. A request error (the client's fault) ends the run at once. When all fail, the last error is thrown
 * carrying every attempt.
 */
class PlanRunner<T> {
  private readonly failures: FailedAttempt[] = [];
  private readonly cancelled: Attempt[] = [];
  private readonly controllers = new Map<Attempt, AbortController>();
  private last: GatewayError | undefined;
  private skipped = false;
  /** The last attempt was sent past its breaker (the panic rule). */
  private forced = false;
  /** Streams: the served attempt's health, recorded when the stream ends (see `settle`). */
  private settle: Settle | undefined;
  private next = 0;

  constructor(
    private readonly deps: ExecuteDeps,
    private readonly plan: RoutePlan,
    private readonly signal: AbortSignal,
    private readonly open: Opener<T>,
    private readonly streaming = false,
    private readonly watch?: PlanWatch,
  ) {}

  async run(): Promise<Served<T>> {
    if (this.plan.attempts.length === 0) {
      // a deployment that only health keeps out could have served: say so, with its last real failure
      throw pausedError(this.plan.requestedModel, this.plan.excluded, this.deps.health, this.deps.now()) ?? emptyPlanError(this.plan);
    }
    const hedge = this.plan.hedgeAfterMs;
    const won = hedge !== undefined && this.plan.attempts.length > 1 ? await this.hedged(hedge) : await this.sequential();
    if (won) return { value: won.value, served: won.attempt, failures: this.failures, cancelled: this.cancelled, ...(this.settle && { settle: this.settle }) };
    throw (this.last ?? emptyPlanError(this.plan)).withAttempts(this.failures);
  }

  private async sequential(): Promise<{ attempt: Attempt; value: T } | undefined> {
    while (this.next < this.plan.attempts.length) {
      const attempt = this.plan.attempts[this.next++]!;
      const isLast = this.next === this.plan.attempts.length;
      let retriesLeft = isLast ? this.deps.limitsFor(attempt.providerId).retries : 0;
      for (let n = 0; ; n++) {
        const value = await this.attempt(attempt, isLast, n);
        if (value) return { attempt, value: value.value };
        const error = this.last!;
        if (!error.retryable) throw error.withAttempts(this.failures);
        if (!isLast) {
          await this.deps.sleep(this.deps.random() * SWITCH_JITTER_MS, this.signal);
          break;
        }
        // a missing model or a refused key answers the same again: only transient failures are retried
        // nor is an attempt sent past its breaker: one try, not a string of them at a deployment found unwell
        if (this.skipped || this.forced || !worthRetrying(error) || retriesLeft-- <= 0) return undefined;
        const wait = error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : backoff(n, this.deps.random);
        if (wait > MAX_RETRY_WAIT_MS) return undefined;
        await this.deps.sleep(wait, this.signal);
      }
    }
    return undefined;
  }

  /** The first attempt, then after `delayMs` without an answer the next one beside it; the first answer wins. */
  private async hedged(delayMs: number): Promise<{ attempt: Attempt; value: T } | undefined> {
    type Finished = { attempt: Attempt; value?: T };
    const running = new Map<Attempt, Promise<Finished>>();
    const start = (hedge: boolean) => {
      const attempt = this.plan.attempts[this.next++];
      // a hedge runs beside another attempt: never a last resort, so it waits for its breaker like any other
      if (attempt) running.set(attempt, this.attempt(attempt, false, 0, hedge).then((r) => ({ attempt, ...(r && { value: r.value }) })));
    };
    let timer: NodeJS.Timeout | undefined;
    const hedgeDue = new Promise<'hedge'>((resolve) => (timer = setTimeout(() => resolve('hedge'), delayMs)));
    let hedging = false;
    start(false);
    try {
      while (running.size > 0) {
        const first = await Promise.race<Finished | 'hedge'>([...running.values(), ...(hedging ? [] : [hedgeDue])]);
        if (first === 'hedge') {
          hedging = true;
          start(true);
          continue;
        }
        running.delete(first.attempt);
        if (first.value !== undefined) {
          for (const loser of running.keys()) {
            this.cancelled.push(loser);
            this.controllers.get(loser)?.abort(new GatewayError('client_closed', 'Another deployment answered first.'));
          }
          return { attempt: first.attempt, value: first.value };
        }
        if (this.last && !this.last.retryable) throw this.last.withAttempts(this.failures);
        if (running.size === 0) start(false);
      }
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * One attempt under its own timer; undefined when it failed or was skipped (the reason is recorded).
   * `lastResort`: nothing else is left to try for this request (sequential plans only); `retry`: tries on
   * this deployment before this one; `hedge`: started beside a slower attempt.
   */
  private async attempt(attempt: Attempt, lastResort: boolean, retry = 0, hedge = false): Promise<{ value: T } | undefined> {
    const key = deploymentKey(attempt);
    if (this.signal.aborted) throw this.signal.reason;
    this.skipped = false;
    const blocked = this.deps.blocked?.(attempt);
    if (blocked) {
      this.skipped = true;
      this.failures.push({ provider: attempt.providerId, model: attempt.model, code: 'policy_denied', message: `${blocked}: not tried` });
      // retryable here: the next deployment in the plan may still be allowed
      this.last = new GatewayError('policy_denied', `Deployment ${key} was stopped by ${blocked} after the request was planned.`, {
        provider: attempt.providerId,
        retryable: true,
        rules: [blocked],
      });
      return undefined;
    }
    // The breaker never refuses a request's last resort: with nowhere else to go, refusing only fails the
    // request (the panic rule; `health.panic: false` turns it off). A success there closes the circuit.
    const mayForce = this.deps.health.panic && (attempt.panic === true || lastResort);
    const acquired = this.deps.health.tryAcquire(key);
    this.forced = false;
    if (!acquired && !mayForce) {
      this.skipped = true;
      this.failures.push({ provider: attempt.providerId, model: attempt.model, code: 'upstream_unavailable', message: 'circuit open: not tried' });
      // the client hears of a real upstream failure rather than of the pause, when there was one
      this.last ??= new GatewayError('upstream_unavailable', `Deployment ${key} is paused after repeated failures.`, { provider: attempt.providerId });
      return undefined;
    }
    // sent past an open circuit (or a probe another request holds): one try, no retries
    this.forced = !acquired;
    const forced = !acquired || attempt.panic === true;
    const end = this.watch?.attempt(attempt, { retry, failover: this.failures.length > 0, hedge, forced });
    const controller = new AbortController();
    this.controllers.set(attempt, controller);
    const onAbort = () => controller.abort(this.signal.reason);
    this.signal.addEventListener('abort', onAbort, { once: true });
    const { totalTimeoutMs } = this.deps.limitsFor(attempt.providerId);
    const timer = setTimeout(() => {
      controller.abort(new GatewayError('upstream_timeout', `Provider '${attempt.providerId}' took longer than ${totalTimeoutMs} ms.`, { provider: attempt.providerId }));
    }, totalTimeoutMs);
    let finished = false;
    const done = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      this.signal.removeEventListener('abort', onAbort);
    };
    try {
      const opened = await this.open(attempt, controller.signal, done);
      const success = { ok: true, ttftMs: opened.ttftMs, ...(forced && { panic: true }) };
      if (!this.streaming) {
        this.deps.health.record(key, success);
        end?.();
      } else {
        // a stream is a success only once it ended well: a cut after the first content is this
        // deployment's failure, not a success followed by a failure
        let settled = false;
        this.settle = (failure) => {
          if (settled) return;
          settled = true;
          if (failure) recordFailure(this.deps.health, key, failure);
          else this.deps.health.record(key, success);
          end?.(failure);
        };
      }
      return { value: opened.value };
    } catch (err) {
      done();
      if (this.signal.aborted) {
        end?.(toGatewayError(this.signal.reason ?? err));
        throw this.signal.reason ?? err;
      }
      const reason = controller.signal.aborted ? controller.signal.reason : undefined;
      const error = toGatewayError(reason instanceof GatewayError ? reason : err);
      end?.(error);
      if (error.code === 'client_closed') return undefined; // a hedging loser, cancelled on purpose
      recordFailure(this.deps.health, key, error);
      this.failures.push({ provider: attempt.providerId, model: attempt.model, code: error.code, message: error.message });
      this.last = error;
      return undefined;
    }
  }
}

/** What a failed attempt tells the deployment's health (health-effect.ts), with the error kept as its last. */
export function recordFailure(health: DeploymentHealth, key: string, error: GatewayError): void {
  health.record(key, {
    ok: false,
    effect: healthEffect(error),
    error: {
      code: error.code,
      message: error.message,
      ...(error.upstreamStatus !== undefined && { status: error.upstreamStatus }),
      ...(error.retryAfterSeconds !== undefined && { retryAfterSeconds: error.retryAfterSeconds }),
    },
    ...(error.retryAfterSeconds !== undefined && { retryAfterSeconds: error.retryAfterSeconds }),
  });
}

/** 200 ms, 400 ms, 800 ms… up to 2 s, each between half and one and a half times that. */
function backoff(n: number, random: () => number): number {
  return Math.min(2_000, 200 * 2 ** n) * (0.5 + random());
}

/**
 * Whether an attempt is given the client's own body (`request.native`): its provider speaks the client's
 * wire (pass-through), or relays it and no parameter is left out for it (a body with one left out is not
 * the client's any more).
 */
export function keepsNative(request: ChatRequest, attempt: Attempt): boolean {
  const native = request.native;
  if (native === undefined) return false;
  if (attempt.adapter.nativeWire === native.wire) return true;
  return attempt.adapter.relayWire === native.wire && !attempt.drop?.length;
}

/**
 * The request as one deployment takes it: the client's own body only where the deployment speaks its wire
 * (it is passed through) or relays it, parameters it cannot take left out where the client allowed it.
 */
function requestFor(request: ChatRequest, attempt: Attempt): ChatRequest {
  const foreign = request.native !== undefined && !keepsNative(request, attempt);
  if (!attempt.drop && !foreign) return request;
  const copy = { ...request };
  if (foreign) delete copy.native;
  for (const p of attempt.drop ?? []) delete copy[p];
  return copy;
}

/** `watch`: telemetry, when it is on. */
export async function executeChat(deps: ExecuteDeps, plan: RoutePlan, request: ChatRequest, signal: AbortSignal, watch?: PlanWatch): Promise<Served<ChatResult>> {
  watch?.request?.(request);
  const served = await new PlanRunner<ChatResult>(deps, plan, signal, async (a, s, done) => {
    const started = deps.now();
    try {
      const value = await a.adapter.chat({ request: requestFor(request, a), model: a.model, signal: s });
      return { value, ttftMs: deps.now() - started };
    } finally {
      done();
    }
  }, false, watch).run();
  watch?.answer?.(served.value);
  return served;
}

/** `watch`: telemetry, when it is on. */
export function executeEmbedding(deps: ExecuteDeps, plan: RoutePlan, request: EmbeddingRequest, signal: AbortSignal, watch?: PlanWatch): Promise<Served<EmbeddingResult>> {
  const { hedgeAfterMs: _ignored, ...sequential } = plan;
  return new PlanRunner<EmbeddingResult>(deps, sequential, signal, async (a, s, done) => {
    try {
      if (!a.adapter.embed) throw new GatewayError('invalid_request', `Provider '${a.providerId}' does not serve embeddings.`);
      const started = deps.now();
      const value = await a.adapter.embed({ request, model: a.model, signal: s });
      return { value, ttftMs: deps.now() - started };
    } finally {
      done();
    }
  }, false, watch).run();
}

/**
 * Open a stream on the first deployment that starts answering. Failover is allowed until the first
 * content part: the parts before it are held back and replayed, so the client sees one clean stream. The
 * attempt's timer keeps running until the stream ends. `watch`: telemetry, when it is on.
 */
export function openChatStream(
  deps: ExecuteDeps,
  plan: RoutePlan,
  request: ChatRequest,
  signal: AbortSignal,
  watch?: PlanWatch,
): Promise<Served<AsyncIterable<StreamPart>>> {
  watch?.request?.(request);
  return new PlanRunner<AsyncIterable<StreamPart>>(
    deps,
    plan,
    signal,
    async (a, s, done) => {
      const started = deps.now();
      const stream = await a.adapter.streamChat({ request: requestFor(request, a), model: a.model, signal: s });
      const iterator = stream[Symbol.asyncIterator]();
      const held: StreamPart[] = [];
      try {
        for (;;) {
          const next = await iterator.next();
          if (next.done) break;
          held.push(next.value);
          if (isContentPart(next.value)) break;
        }
      } catch (err) {
        await iterator.return?.().catch(() => undefined);
        throw err;
      }
      return { value: replay(held, iterator, done, watch), ttftMs: deps.now() - started };
    },
    true,
    watch,
  ).run();
}

/**
 * The held parts, then the rest of the stream, each shown to the watcher (if any) as it goes on. A plain
 * iterator rather than a generator: it sits on the path of every part of every stream, and each generator
 * step costs more than it does.
 */
function replay(held: StreamPart[], rest: AsyncIterator<StreamPart>, done: () => void, watch: PlanWatch | undefined): AsyncIterable<StreamPart> {
  let i = 0;
  const iterator: AsyncIterator<StreamPart> = {
    async next() {
      if (i < held.length) {
        const value = held[i++] as StreamPart;
        watch?.part?.(value);
        return { done: false, value };
      }
      try {
        const next = await rest.next();
        if (next.done) done();
        else watch?.part?.(next.value);
        return next;
      } catch (err) {
        done();
        throw err;
      }
    },
    async return() {
      done();
      await rest.return?.();
      return { done: true, value: undefined };
    },
  };
  return { [Symbol.asyncIterator]: () => iterator };
}
