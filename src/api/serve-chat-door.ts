import { randomUUID } from 'node:crypto';
import { boundChatInputTokens } from '../accounting/bound-request-tokens.js';
import { estimateRequestTokens } from '../accounting/estimate-request-tokens.js';
import type { RequestAccount } from '../accounting/request-account.js';
import type { RequestContext, RouteHandler } from '../http/request-context.js';
import { SseWriter } from '../http/sse-writer.js';
import { executeChat, keepsNative, openChatStream, type Served } from '../routing/execute-plan.js';
import { JsonText } from '../http/send-response.js';
import type { NativeRequest } from '../spec/native-request.js';
import { describeRoute } from '../routing/describe-route.js';
import type { RoutePlan } from '../routing/plan-route.js';
import { planChatRequest } from '../routing/plan-request.js';
import { GatewayError, toGatewayError } from '../spec/gateway-error.js';
import type { ChatRequest } from '../spec/chat-request.js';
import type { StreamPart } from '../spec/stream-part.js';
import type { ChatResult } from '../spec/chat-result.js';
import type { PricedUsage } from '../ledger/price-usage.js';
import type { ChatDoor, AnswerIdentity } from './chat-door.js';
import type { GatewayContext } from './gateway-context.js';
import { costHeader } from './openai/encode-usage.js';
import { consultCache, noteCache, type CacheFill } from './consult-cache.js';
import { chatCacheKey } from '../cache/cache-key.js';
import { isDeterministic } from '../cache/cache-decision.js';
import { AnswerGatherer, cachedChat, isCacheable, replayParts, type CachedChat } from '../cache/cached-answer.js';
import type { Attempt } from '../routing/plan-route.js';

/**
 * A chat door's handler: the client's wire in (the door decodes it), canonical through admission and the
 * router, the door's wire (JSON or SSE) out, and one ledger row, durable before the response completes,
 * whatever happened. Every door shares this, so authentication, policy, budgets, the ledger, the route
 * explanation and the cost header are the same whatever the client speaks.
 */
export function serveChatDoor(ctx: GatewayContext, door: ChatDoor): RouteHandler {
  return async (rc: RequestContext) => {
    const id = `${door.idPrefix}${randomUUID()}`;
    const account = ctx.openAccount(id, rc.principal, 'chat');
    rc.headers['x-switchyard-request-id'] = id;
    try {
      return await serve(rc, ctx, door, account, id);
    } catch (err) {
      const error = toGatewayError(err);
      if (error.attempts) account.attempts = [...error.attempts];
      if (account.plan) account.route = describeRoute(account.plan, undefined, account.attempts);
      if (account.route) rc.headers['x-switchyard-route'] = account.route;
      if (failedOnSimulated(account)) rc.headers['x-switchyard-simulated'] = 'true';
      await account.close(error.status, error);
      throw error;
    }
  };
}

async function serve(rc: RequestContext, ctx: GatewayContext, door: ChatDoor, account: RequestAccount, id: string): Promise<unknown> {
  const chat = door.parse(rc.body);
  const created = Math.floor(ctx.now() / 1000);
  const native: NativeRequest | undefined = door.wire && { wire: door.wire, body: rc.body as Record<string, unknown>, headers: pickHeaders(rc, door.nativeHeaders), answer: { id, created } };
  if (native) chat.native = native;
  account.requestedModel = chat.model;
  account.stream = chat.stream;
  if (account.storesBodies) account.requestBody = JSON.stringify(rc.body);
  rc.outcome.model = chat.model;
  rc.outcome.stream = chat.stream;
  const inputTokens = estimateRequestTokens(chat);
  const plan = planChatRequest(chat, ctx.planner, rc.principal, inputTokens);
  account.plan = plan;
  const cached = await consultCache<CachedChat>(ctx, rc, account, plan, { model: chat.model, deterministic: isDeterministic(chat.temperature, chat.seed) }, 'chat', (ns) =>
    chatCacheKey(ns, chat),
  );
  if (cached.hit) return serveHit(rc, ctx, door, chat, account, cached.hit.entry, cached.hit.attempt, { id, created, model: chat.model }, inputTokens);
  const fill = cached.fill;
  await account.admit({
    model: chat.model,
    plan,
    inputEstimate: inputTokens,
    inputBound: boundChatInputTokens(chat),
    maxOutput: chat.maxTokens,
    ...(chat.routing?.models && { fallbacks: chat.routing.models }),
  });
  const shadowed = ctx.shadow.shouldSample(plan);
  // a relayed stream's text is not read: where something needs it, the stream is decoded
  if (native && (shadowed || account.storesBodies || account.trace?.readsContent || (fill?.decision.write && chat.stream))) native.readsText = true;
  // counted toward concentration caps once admitted and sent, so requests in flight count, refused ones not
  if (plan.attempts[0]) ctx.policy.noteSent(plan.attempts[0]);
  const { signal, release } = ctx.inflight.open(rc.res);
  const identity: AnswerIdentity = { id, created, model: chat.model };
  try {
    if (!chat.stream) {
      const served = await executeChat(ctx.execute, plan, chat, signal, account.trace);
      noteServed(rc, account, plan, served, chat);
      identity.model = served.served.model;
      const result = served.value;
      account.usage = result.usage;
      account.outputChars = (result.text?.length ?? 0) + (result.reasoning?.length ?? 0);
      for (const c of result.toolCalls) account.outputChars += c.arguments.length;
      account.ttftMs = ctx.now() - account.startedAt;
      const body = wholeAnswer(rc, door, result, identity, account.price(), chat);
      if (account.storesBodies) account.responseBody = body instanceof JsonText ? body.text : JSON.stringify(body);
      if (fill && isCacheable(result.finishReason)) keepAnswer(ctx, fill, result, served.served);
      const priced = await account.close(200);
      noteSettled(ctx, account, priced.cost);
      if (shadowed) ctx.shadow.start({ requestId: id, plan, req: chat, principal: rc.principal, answer: result.text ?? '', served: served.served, cost: priced.cost });
      rc.headers['x-switchyard-cost'] = costHeader(priced);
      rc.outcome.usage = result.usage;
      return body;
    }
    const served = await openChatStream(ctx.execute, plan, chat, signal, account.trace);
    noteServed(rc, account, plan, served, chat);
    identity.model = served.served.model;
    const answer = await streamAnswer(rc, ctx, door, chat, account, served, identity, shadowed, fill);
    if (answer !== undefined) ctx.shadow.start({ requestId: id, plan, req: chat, principal: rc.principal, answer, served: served.served, cost: account.price().cost });
    return undefined;
  } finally {
    release();
  }
}

async function streamAnswer(
  rc: RequestContext,
  ctx: GatewayContext,
  door: ChatDoor,
  chat: ChatRequest,
  account: RequestAccount,
  served: Served<AsyncIterable<StreamPart>>,
  identity: AnswerIdentity,
  keepText: boolean,
  fill: CacheFill | undefined,
): Promise<string | undefined> {
  const sse = new SseWriter(rc.res, rc.headers);
  const encoder = door.streamEncoder(identity, chat);
  const gatherer = fill?.decision.write ? new AnswerGatherer() : undefined;
  let text = account.storesBodies ? '' : undefined;
  // the answer alone (no reasoning), for the shadow run to compare
  let answer = keepText ? '' : undefined;
  let failure: GatewayError | undefined;
  try {
    for await (const part of served.value) {
      if (account.ttftMs === undefined && part.type !== 'meta' && part.type !== 'usage') account.ttftMs = ctx.now() - account.startedAt;
      if (text !== undefined && (part.type === 'text' || part.type === 'reasoning')) text += part.text;
      if (answer !== undefined && part.type === 'text') answer += part.text;
      gatherer?.add(part);
      const written = sse.write(encoder.encode(part));
      if (written !== true && !(await written)) break;
    }
    if (!encoder.isFinished && !rc.res.destroyed) {
      const p = served.served.providerId;
      throw new GatewayError('stream_interrupted', `Provider '${p}' ended the stream without finishing the answer.`, { provider: p });
    }
  } catch (err) {
    failure = toGatewayError(err);
    rc.logFields.error = failure.code;
    if (failure.code === 'internal_error') rc.log.error({ reqId: rc.id, err }, 'stream failed after it started');
    else rc.log.warn({ reqId: rc.id, code: failure.code, provider: served.served.providerId }, 'stream failed after it started');
  }
  if (rc.res.destroyed && !failure) failure = new GatewayError('client_closed', 'The client closed the connection.');
  // the deployment's health hears how the stream ended: a cut or malformed stream says it is unwell, a
  // finished one that it is well, a client that left nothing
  served.settle?.(failure);
  account.usage = encoder.usage;
  account.outputChars = encoder.contentChars;
  account.partial = failure !== undefined;
  if (text !== undefined) account.responseBody = text;
  rc.outcome.usage = encoder.usage;
  const whole = !failure ? gatherer?.result() : undefined;
  if (fill && whole && isCacheable(whole.finishReason)) keepAnswer(ctx, fill, whole, served.served);
  // The row is durable before the last frames go out: a client that saw [DONE] has its row.
  const priced = await account.close(200, failure);
  noteSettled(ctx, account, priced.cost);
  // A stream that failed ends with an error event and no [DONE], never looking like a success.
  sse.end(failure ? encoder.errorFrame(failure) : encoder.end(priced));
  return failure ? undefined : answer;
}

/** Store a fresh answer for the next identical request. */
function keepAnswer(ctx: GatewayContext, fill: CacheFill, result: ChatResult, served: Attempt): void {
  ctx.cache?.keep(fill.key, cachedChat(result, { storedAt: ctx.now(), providerId: served.providerId, model: served.model }), fill.decision);
}

/**
 * An answer from the response cache, in the door's wire, whole or streamed (re-chunked): nothing is sent
 * upstream. The key's rate limits count it; its budget is charged what it would have cost only where the
 * operator says so. Its usage is the cached answer's, every input token marked as cached; its cost is 0.
 */
async function serveHit(
  rc: RequestContext,
  ctx: GatewayContext,
  door: ChatDoor,
  chat: ChatRequest,
  account: RequestAccount,
  entry: CachedChat,
  attempt: Attempt,
  identity: AnswerIdentity,
  inputTokens: number,
): Promise<unknown> {
  const spends = ctx.cache?.settings.hitsSpendBudget === true;
  account.hitSpends = spends;
  await account.admit({
    model: chat.model,
    plan: account.plan,
    inputEstimate: inputTokens,
    inputBound: boundChatInputTokens(chat),
    maxOutput: chat.maxTokens,
    spends,
    ...(chat.routing?.models && { fallbacks: chat.routing.models }),
  });
  noteCache(ctx, rc, account, 'hit');
  const result: ChatResult = { ...entry.result, ...(entry.result.usage && { usage: markCached(entry.result.usage) }) };
  account.served = attempt;
  account.usage = entry.result.usage;
  account.route = `${describeRoute(account.plan!, attempt, [], [])} (from cache)`;
  account.ttftMs = ctx.now() - account.startedAt;
  rc.headers['x-switchyard-route'] = account.route;
  rc.headers['x-switchyard-provider'] = attempt.providerId;
  rc.headers['x-switchyard-model'] = attempt.model;
  rc.outcome.provider = attempt.providerId;
  rc.outcome.usage = result.usage;
  identity.model = attempt.model;
  if (!chat.stream) {
    const body = door.encodeResult(result, identity, account.price(), chat);
    if (account.storesBodies) account.responseBody = JSON.stringify(body);
    const priced = await account.close(200);
    rc.headers['x-switchyard-cost'] = costHeader(priced);
    return body;
  }
  const sse = new SseWriter(rc.res, rc.headers);
  const encoder = door.streamEncoder(identity, chat);
  for (const part of replayParts(result)) {
    const written = sse.write(encoder.encode(part));
    if (written !== true && !(await written)) break;
  }
  const failure = rc.res.destroyed ? new GatewayError('client_closed', 'The client closed the connection.') : undefined;
  account.partial = failure !== undefined;
  if (account.storesBodies) account.responseBody = result.text ?? '';
  const priced = await account.close(200, failure);
  sse.end(failure ? encoder.errorFrame(failure) : encoder.end(priced));
  return undefined;
}

/** A cached answer's usage as the client sees it: every input token came from the cache. */
function markCached(usage: NonNullable<ChatResult['usage']>): NonNullable<ChatResult['usage']> {
  return usage.inputTokens === undefined ? usage : { ...usage, cachedInputTokens: usage.inputTokens, cacheWriteTokens: 0 };
}

/**
 * A whole answer in the door's wire: encoded from the canonical result, or, where it came back on the
 * client's own wire, the upstream's body as it came (passed through) or spliced with the door's names
 * (relayed).
 */
function wholeAnswer(rc: RequestContext, door: ChatDoor, result: ChatResult, identity: AnswerIdentity, priced: PricedUsage, chat: ChatRequest): unknown {
  const native = result.native;
  if (!native || native.wire !== door.wire) return door.encodeResult(result, identity, priced, chat);
  if (native.cuts) noteRelayed(rc, native.wire);
  return door.encodeNative ? door.encodeNative({ ...result, native }, identity, priced) : native.body;
}

/** The answer came back on the client's own wire (passed through or relayed): a header and the access log say so. */
function noteRelayed(rc: RequestContext, wire: string): void {
  rc.headers['x-switchyard-passthrough'] = wire;
  rc.logFields.passthrough = true;
}

/** Whether a stand-in (a simulated provider) gave one of the failures the client is answered with. */
function failedOnSimulated(account: RequestAccount): boolean {
  const failed = new Set(account.attempts.map((a) => a.provider));
  return account.plan?.attempts.some((a) => a.adapter.simulated && failed.has(a.providerId)) ?? false;
}

/** Count what a served request used toward the concentration caps. */
function noteSettled(ctx: GatewayContext, account: RequestAccount, cost: number | undefined): void {
  const d = account.served;
  if (!d) return;
  const u = account.usage;
  const tokens = u && (u.inputTokens !== undefined || u.outputTokens !== undefined) ? (u.inputTokens ?? 0) + (u.outputTokens ?? 0) : undefined;
  ctx.policy.noteSettled(d, tokens, cost);
}

/** The wire's own headers the client sent, where the door forwards some on pass-through. */
function pickHeaders(rc: RequestContext, names: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names ?? []) {
    const value = rc.req.headers[name];
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return out;
}

function noteServed(rc: RequestContext, account: RequestAccount, plan: RoutePlan, served: Served<unknown>, chat: ChatRequest): void {
  const d = served.served;
  const native = chat.native;
  // passed through on the client's own wire rather than translated: said in a header and the access log; a
  // relayed stream likewise (a whole answer relayed says so once it is known to be plain)
  if (native && keepsNative(chat, d) && (d.adapter.nativeWire === native.wire || (chat.stream && !native.readsText))) noteRelayed(rc, native.wire);
  account.served = d;
  account.attempts = served.failures;
  account.cancelled = served.cancelled;
  account.route = describeRoute(plan, d, served.failures, served.cancelled);
  rc.headers['x-switchyard-route'] = account.route;
  rc.headers['x-switchyard-provider'] = d.providerId;
  rc.headers['x-switchyard-model'] = d.model;
  // a stand-in answered, not a real provider: said on every answer it serves
  if (d.adapter.simulated) rc.headers['x-switchyard-simulated'] = 'true';
  rc.outcome.provider = d.providerId;
}
