import type { Logger } from 'pino';
import { estimateRequestTokens } from '../../accounting/estimate-request-tokens.js';
import type { Principal } from '../../auth/key-record.js';
import type { ShadowConfig } from '../../config/gateway-config.js';
import { periodStart } from '../../ledger/budget-period.js';
import type { CounterStore } from '../../ledger/counter-store.js';
import type { LedgerRow, UsageWriter } from '../../ledger/ledger-row.js';
import { priceUsage } from '../../ledger/price-usage.js';
import { textOf, type ChatRequest } from '../../spec/chat-request.js';
import type { ChatResult } from '../../spec/chat-result.js';
import { toGatewayError } from '../../spec/gateway-error.js';
import { deploymentKey } from '../deployment-info.js';
import { executeChat, type ExecuteDeps } from '../execute-plan.js';
import { tierOf, type ModelTable } from '../model-table.js';
import { planChatRoute, type Attempt, type RoutePlan } from '../plan-route.js';
import type { PolicyRuntime } from '../policies/policy-runtime.js';
import type { Tier } from './cost-quality-router.js';
import { judgeRequest, readVerdict } from './judge-prompt.js';
import type { ShadowStore } from './shadow-sample.js';

export interface ShadowDeps {
  models: ModelTable;
  execute: ExecuteDeps;
  ledger: UsageWriter;
  counters: CounterStore;
  store: ShadowStore;
  policy: PolicyRuntime;
  log: Logger;
  now: () => number;
  random: () => number;
}

/** What the client was served, for the shadow run to compare with. */
export interface ServedAnswer {
  requestId: string;
  plan: RoutePlan;
  req: ChatRequest;
  principal: Principal | undefined;
  answer: string;
  served: Attempt;
  cost: number | undefined;
}

/** Longest a shadow or judge call may take. */
const SHADOW_TIMEOUT_MS = 120_000;
/** Output tokens assumed when reserving shadow budget for a request that sets no limit. */
const ASSUMED_OUTPUT_TOKENS = 1_024;

/**
 * Shadow mode of cost-quality routes: for a sampled share of requests, after the client has its answer,
 * ask the other tier the same question in the background, keep both answers (opt-in, capped) and, when a
 * judge model is configured, its verdict on whether the cheap answer was as good. Shadow and judge calls
 * obey the caller's policies, are written to the ledger (purpose `shadow` / `judge`, on no key) and are
 * paid from the route's own daily budget, reserved before each call: past it, sampling stops for the day.
 */
export class ShadowRunner {
  private readonly running = new Set<AbortController>();
  /** Judge answers that could not be read as a verdict, since this process started. */
  private unreadableVerdicts = 0;

  constructor(private readonly deps: ShadowDeps) {}

  /** Whether this request is one to shadow: a cost-quality route with shadow mode, and the dice say so. */
  shouldSample(plan: RoutePlan): boolean {
    const shadow = plan.router && this.shadowOf(plan.router.route);
    return shadow !== undefined && this.deps.random() < shadow.sample;
  }

  /** Start the shadow run; never throws and never delays the caller. */
  start(served: ServedAnswer): void {
    const controller = new AbortController();
    this.running.add(controller);
    const timer = setTimeout(() => controller.abort(new Error('shadow run timed out')), SHADOW_TIMEOUT_MS);
    timer.unref();
    // after the response has gone: scoring and planning again must not delay it
    void new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.run(served, controller.signal))
      .catch((err) => this.deps.log.warn({ err: toGatewayError(err).message, requestId: served.requestId }, 'shadow run failed'))
      .finally(() => {
        clearTimeout(timer);
        this.running.delete(controller);
      });
  }

  /** Abort the shadow runs still going (at shutdown). */
  stop(): void {
    for (const c of this.running) c.abort(new Error('shutting down'));
  }

  get inflight(): number {
    return this.running.size;
  }

  private shadowOf(route: string): ShadowConfig | undefined {
    const node = this.deps.models.node(route);
    return node?.kind === 'group' ? node.costQuality?.config.shadow : undefined;
  }

  private async run(s: ServedAnswer, signal: AbortSignal): Promise<void> {
    const decision = s.plan.router!;
    const shadow = this.shadowOf(decision.route)!;
    const node = this.deps.models.node(decision.route);
    if (node?.kind !== 'group' || !node.costQuality) return;
    const keys = node.costQuality.tiers;
    // served by a request's own fallback model, outside both tiers: nothing to compare
    const servedTier = tierOf(node.costQuality, s.served);
    if (!servedTier) return;
    const other: Tier = servedTier === 'weak' ? 'strong' : 'weak';
    const policy = this.deps.policy.forCaller(s.principal);
    const req: ChatRequest = {
      ...s.req,
      stream: false,
      includeUsage: false,
      routing: { ...s.req.routing, router: { threshold: other === 'strong' ? 2 : -1 } },
    };
    const inputTokens = estimateRequestTokens(req);
    // shadow calls spend a budget of their own: only deployments with a price
    const full = planChatRoute(req, this.deps.models, {
      health: this.deps.execute.health,
      random: this.deps.random,
      inputTokens,
      requirePrice: true,
      ...(policy && { policy }),
    });
    const attempts = full.attempts.filter((a) => keys[other].has(deploymentKey(a)));
    if (attempts.length === 0) return;
    // one call at a time on one reservation: no hedging for shadows
    const plan: RoutePlan = { requestedModel: full.requestedModel, attempts, excluded: full.excluded };

    const shadowAnswer = await this.paid(decision.route, shadow, attempts, inputTokens, req.maxTokens, signal, () =>
      executeChat(this.deps.execute, plan, req, signal),
    );
    if (!shadowAnswer) return;
    const shadowCost = await this.record(s, 'shadow', decision.route, shadowAnswer.served, shadowAnswer.value, inputTokens);
    const shadowText = shadowAnswer.value.text ?? '';

    const weakAnswer = servedTier === 'weak' ? s.answer : shadowText;
    const strongAnswer = servedTier === 'weak' ? shadowText : s.answer;
    let verdict: 'weak_as_good' | 'strong_better' | undefined;
    if (shadow.judge) verdict = await this.judge(s, decision.route, shadow, weakAnswer, strongAnswer, signal);
    const cap = (text: string) => text.slice(0, shadow.maxStoredChars);
    const weakServed = servedTier === 'weak' ? s.served : shadowAnswer.served;
    const strongServed = servedTier === 'weak' ? shadowAnswer.served : s.served;
    await this.deps.store.add({
      id: `${s.requestId}-shadow`,
      ts: this.deps.now(),
      route: decision.route,
      requestId: s.requestId,
      score: decision.score,
      threshold: decision.threshold,
      servedTier,
      weakModel: deploymentKey(weakServed),
      strongModel: deploymentKey(strongServed),
      ...(shadow.storeAnswers && { prompt: promptJson(s.req, shadow.maxStoredChars), weakAnswer: cap(weakAnswer), strongAnswer: cap(strongAnswer) }),
      ...((servedTier === 'weak' ? s.cost : shadowCost) !== undefined && { weakCostUsd: servedTier === 'weak' ? s.cost : shadowCost }),
      ...((servedTier === 'weak' ? shadowCost : s.cost) !== undefined && { strongCostUsd: servedTier === 'weak' ? shadowCost : s.cost }),
      ...(verdict && { verdict }),
      ...(verdict && shadow.judge && { judgeModel: shadow.judge }),
    });
  }

  /** Ask the judge; a judge that fails leaves the sample without a verdict rather than losing it. */
  private async judge(
    s: ServedAnswer,
    route: string,
    shadow: ShadowConfig,
    weakAnswer: string,
    strongAnswer: string,
    signal: AbortSignal,
  ): Promise<'weak_as_good' | 'strong_better' | undefined> {
    try {
      const judgeReq = judgeRequest(shadow.judge!, s.req, weakAnswer, strongAnswer);
      const judgeTokens = estimateRequestTokens(judgeReq);
      const policy = this.deps.policy.forCaller(s.principal);
      const judgePlan = planChatRoute(judgeReq, this.deps.models, {
        health: this.deps.execute.health,
        random: this.deps.random,
        inputTokens: judgeTokens,
        requirePrice: true,
        ...(policy && { policy }),
      });
      if (judgePlan.attempts.length === 0) {
        this.deps.log.warn(
          { route, judge: shadow.judge, requestId: s.requestId },
          "shadow judge not asked: no deployment of the judge model has a price and is allowed by the caller's policies; sample kept without a verdict",
        );
        return undefined;
      }
      const plain: RoutePlan = { requestedModel: judgePlan.requestedModel, attempts: judgePlan.attempts, excluded: judgePlan.excluded };
      const judged = await this.paid(route, shadow, plain.attempts, judgeTokens, judgeReq.maxTokens, signal, () =>
        executeChat(this.deps.execute, plain, judgeReq, signal),
      );
      if (!judged) return undefined;
      await this.record(s, 'judge', route, judged.served, judged.value, judgeTokens);
      const text = judged.value.text ?? '';
      const verdict = readVerdict(text);
      if (!verdict) this.unreadableVerdict(s, route, shadow.judge!, text, judged.value.finishReason);
      return verdict;
    } catch (err) {
      this.deps.log.warn({ err: toGatewayError(err).message, requestId: s.requestId }, 'shadow judge failed: sample kept without a verdict');
      return undefined;
    }
  }

  /**
   * A judge's answer that is neither A nor B leaves its sample without a verdict, so `router train
   * --from-ledger` cannot use it: say so, with how often it happened and why it may have, never the answer
   * itself (it may quote the client's conversation).
   */
  private unreadableVerdict(s: ServedAnswer, route: string, judge: string, text: string, finishReason: string): void {
    this.unreadableVerdicts++;
    const reason =
      text.trim() === ''
        ? finishReason === 'length'
          ? 'an empty answer cut at its token limit (a reasoning model may spend it thinking)'
          : 'an empty answer'
        : `an answer of ${text.length} characters that does not start with A or B`;
    this.deps.log.warn(
      { route, judge, requestId: s.requestId, finishReason, unreadableVerdicts: this.unreadableVerdicts },
      `shadow judge gave ${reason}; sample kept without a verdict (${this.unreadableVerdicts} unreadable since start)`,
    );
  }

  /** Run a call against the route's daily shadow budget: reserve the worst case, settle what it cost. */
  private async paid<T extends { served: Attempt; value: ChatResult }>(
    route: string,
    shadow: ShadowConfig,
    attempts: readonly Attempt[],
    inputTokens: number,
    maxTokens: number | undefined,
    signal: AbortSignal,
    call: () => Promise<T>,
  ): Promise<T | undefined> {
    // the dearest deployment the call may fail over to
    let worst = 0;
    for (const a of attempts) {
      const price = a.info.price;
      if (price) worst = Math.max(worst, (inputTokens * price.input + (maxTokens ?? ASSUMED_OUTPUT_TOKENS) * price.output) / 1e6);
    }
    const now = this.deps.now();
    const reservation = await this.deps.counters.reserve(`shadow:${route}`, periodStart('day', now), shadow.budgetUsd, worst);
    if (!reservation.ok) {
      this.deps.log.debug({ route, spent: reservation.spent, limit: reservation.limit }, 'shadow budget spent for today');
      return undefined;
    }
    // nothing sent, nothing spent; sent but unpriced, the worst case stands
    let actual: number | undefined = 0;
    try {
      if (signal.aborted) return undefined;
      actual = worst;
      const result = await call();
      actual = priceUsage(result.value.usage, result.served.info.price, () => ({ input: inputTokens, output: Math.ceil((result.value.text?.length ?? 0) / 4) })).cost ?? worst;
      return result;
    } finally {
      await this.deps.counters.settle(reservation.reservationId, actual);
    }
  }

  /** The ledger row of a shadow or judge call; its cost. */
  private async record(s: ServedAnswer, purpose: 'shadow' | 'judge', route: string, d: Attempt, result: ChatResult, inputTokens: number): Promise<number | undefined> {
    const priced = priceUsage(result.usage, d.info.price, () => ({ input: inputTokens, output: Math.ceil((result.text?.length ?? 0) / 4) }));
    const u = result.usage;
    const now = this.deps.now();
    const row: LedgerRow = {
      id: `${s.requestId}-${purpose}`,
      time: now,
      requestedModel: s.req.model,
      routerRoute: route,
      provider: d.providerId,
      providerType: d.info.providerType,
      servedModel: d.model,
      ...(d.info.catalogModel !== undefined && { catalogModel: d.info.catalogModel }),
      ...(d.info.developer !== undefined && { developer: d.info.developer }),
      ...(d.info.origin !== undefined && { modelOrigin: d.info.origin }),
      ...(d.info.jurisdiction !== undefined && { providerJurisdiction: d.info.jurisdiction }),
      inputTokens: u?.inputTokens,
      cachedInputTokens: u?.cachedInputTokens,
      outputTokens: u?.outputTokens,
      reasoningTokens: u?.reasoningTokens,
      usageEstimated: false,
      ...(priced.cost !== undefined && { cost: priced.cost }),
      costEstimated: priced.costEstimated,
      latencyMs: 0,
      status: 200,
      stream: false,
      partial: false,
      route: `${purpose} of ${s.requestId}`,
      purpose,
    };
    await this.deps.ledger.write(row);
    return priced.cost;
  }
}

/** The conversation as OpenAI-style `{role, content}` text messages (the router's JSONL contract), each capped. */
function promptJson(req: ChatRequest, maxChars: number): string {
  return JSON.stringify(req.messages.map((m) => ({ role: m.role, content: textOf(m.content).slice(0, maxChars) })));
}
