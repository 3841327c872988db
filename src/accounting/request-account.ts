import type { KeyRecord, Principal, TeamBudget } from '../auth/key-record.js';
import { periodStart } from '../ledger/budget-period.js';
import { admit, finish, type CounterStore } from '../ledger/counter-store.js';
import type { LedgerRow, UsageWriter } from '../ledger/ledger-row.js';
import { priceUsage, type PricedUsage } from '../ledger/price-usage.js';
import type { ResolvedDeployment } from '../routing/model-table.js';
import type { RoutePlan } from '../routing/plan-route.js';
import { spendsBudget } from '../routing/plan-request.js';
import { GatewayError, type FailedAttempt } from '../spec/gateway-error.js';
import type { Usage } from '../spec/usage.js';
import type { RequestTrace } from '../telemetry/request-trace.js';
import type { CacheOutcome } from '../cache/response-cache.js';

export interface AccountingDeps {
  counters: CounterStore;
  ledger: UsageWriter;
  now: () => number;
  /** Cap on each body kept for keys that store bodies. */
  storedBodyBytes: number;
  onLedgerError: (err: unknown, id: string) => void;
  /** Told once per account, when it has closed (its row written or failed): metrics and traces. */
  onClosed?: (closed: ClosedRequest) => void;
}

/** What a request asked of a model, in the GenAI semantic conventions' words (`gen_ai.operation.name`). */
export type GenAiOperation = 'chat' | 'embeddings';

/** A request's account once closed: how it ended, as metrics and traces report it. */
export interface ClosedRequest {
  account: RequestAccount;
  /** The HTTP status the client got (200 for a stream that failed after it started: see `error`). */
  status: number;
  error: GatewayError | undefined;
  priced: PricedUsage;
  /** Unix milliseconds, from the same clock as `account.startedAt`. */
  endedAt: number;
}

/** Output tokens reserved for a request that sets no limit and whose model states none. */
const DEFAULT_MAX_OUTPUT = 4_096;

/**
 * The accounting of one request, from admission to its ledger row: it checks what the key may do
 * (models, requests and tokens per minute, budget), reserves the worst-case cost before anything is sent,
 * and at the end prices what was served, settles the reservation and writes the row. `close` resolves
 * once the row is durable; the response completes after it.
 */
export class RequestAccount {
  requestedModel = '';
  stream = false;
  served: ResolvedDeployment | undefined;
  usage: Usage | undefined;
  /** Characters of answer text, for an estimate when the provider reports no usage. */
  outputChars = 0;
  ttftMs: number | undefined;
  attempts: FailedAttempt[] = [];
  route: string | undefined;
  plan: RoutePlan | undefined;
  /** Hedged attempts cancelled because another answered first: each gets its own row, its cost estimated. */
  cancelled: ResolvedDeployment[] = [];
  partial = false;
  requestBody: string | undefined;
  responseBody: string | undefined;
  /** What the request asks of a model; undefined for requests that ask none (count_tokens). */
  operation: GenAiOperation | undefined;
  /** The request's trace, when tracing is on. */
  trace: RequestTrace | undefined;
  /**
   * What the response cache did, when it is on. A hit costs nothing upstream: its row's cost is 0 and
   * `cacheSavedUsd` what the answer would have cost at the deployment that gave it.
   */
  cache: CacheOutcome | undefined;
  /** A hit spends what it would have cost against the key's budget (the operator's choice). */
  hitSpends = false;
  private inputEstimate = 0;
  private reservationId: string | undefined;
  /** The reservation against the budget the key's team shares. */
  private teamReservationId: string | undefined;
  private closed = false;

  constructor(
    private readonly deps: AccountingDeps,
    readonly id: string,
    readonly principal: Principal | undefined,
    readonly startedAt: number,
  ) {}

  get storesBodies(): boolean {
    return this.principal?.record?.storeBodies === true;
  }

  /** Whether this request spends against a budget: then only deployments with a known price may serve it. */
  get spendsBudget(): boolean {
    return spendsBudget(this.principal);
  }

  /**
   * Refuse what the key may not do, and reserve the worst-case cost against its budget and its team's:
   * `inputBound` input tokens (the most the request can be billed for) and `maxOutput` output tokens, at the
   * dearest deployment the plan may try. `fallbacks` are the other models the request names (OpenRouter's
   * `models`): the key must be allowed those too. The key is admitted first (its limits, its budget); a
   * team budget that cannot cover the request then releases the key's reservation.
   */
  async admit(a: Admission): Promise<void> {
    const { model, plan, maxOutput, fallbacks = [] } = a;
    this.requestedModel = model;
    this.inputEstimate = a.inputEstimate;
    const key = this.principal?.record;
    if (!key) return;
    checkModelsAllowed(key, model, fallbacks);
    const scope = `key:${key.id}`;
    const now = this.deps.now();
    const spends = a.spends !== false && plan !== undefined;
    const team = spends ? this.principal?.teamBudget : undefined;
    const worst = spends && (key.budgetUsd !== undefined || team) ? worstCaseCost(plan, a.inputBound, maxOutput) : 0;
    const budget =
      key.budgetUsd !== undefined && spends
        ? { periodStart: periodStart(key.budgetPeriod ?? 'month', now), limit: key.budgetUsd, amount: worst }
        : undefined;
    if (key.rpm !== undefined || key.tpm !== undefined || budget) {
      // one step: with Redis, one round trip for every limit and the reservation
      const d = await admit(this.deps.counters, { scope, now, rpm: key.rpm, tpm: key.tpm, budget });
      if (!d.ok) {
        if (d.refused !== 'budget') {
          throw limited(d.refused === 'rpm' ? `${key.rpm} requests per minute` : `${key.tpm} tokens per minute`, d.retryAfterSeconds);
        }
        throw budgetRefusal(undefined, key.budgetUsd!, key.budgetPeriod ?? 'month', d.spent, d.reserved, worst);
      }
      this.reservationId = d.reservationId;
    }
    if (team) await this.reserveForTeam(team, now, worst);
  }

  /** Reserve the worst case against the team's shared budget (`team:<name>`, as the key's is `key:<id>`). */
  private async reserveForTeam(team: TeamBudget, now: number, worst: number): Promise<void> {
    const budget = { periodStart: periodStart(team.budgetPeriod, now), limit: team.budgetUsd, amount: worst };
    const d = await admit(this.deps.counters, { scope: `team:${team.team}`, now, budget });
    if (d.ok) {
      this.teamReservationId = d.reservationId;
      return;
    }
    // the key's own reservation is released: nothing was sent
    if (this.reservationId !== undefined) await finish(this.deps.counters, { reservationId: this.reservationId });
    this.reservationId = undefined;
    const refused = d.refused === 'budget' ? d : { spent: team.budgetUsd, reserved: 0 };
    throw budgetRefusal(team.team, team.budgetUsd, team.budgetPeriod, refused.spent, refused.reserved, worst);
  }

  /** The cost of what was served, as it will be recorded: nothing for an answer from the cache. */
  price(): PricedUsage {
    return this.cache === 'hit' ? { cost: 0, costEstimated: false } : this.upstreamPrice();
  }

  /** What the served answer costs (or would have cost) at the deployment that gave it. */
  private upstreamPrice(): PricedUsage {
    return priceUsage(this.usage, this.served?.info.price, () => ({
      input: this.inputEstimate,
      output: Math.ceil(this.outputChars / 4),
    }));
  }

  /** Settle the reservation and write the ledger row; resolves when the row is durable. */
  async close(status: number, error?: GatewayError): Promise<PricedUsage> {
    const priced = this.price();
    if (this.closed) return priced;
    const saved = this.cache === 'hit' ? this.upstreamPrice() : undefined;
    this.closed = true;
    const now = this.deps.now();
    const key = this.principal?.record;
    const tokens =
      key?.tpm !== undefined
        ? {
            scope: `key:${key.id}`,
            tokens: (this.usage?.inputTokens ?? this.inputEstimate) + (this.usage?.outputTokens ?? Math.ceil(this.outputChars / 4)),
            now,
          }
        : undefined;
    // settling (one step: with Redis, one round trip) runs while the row is made durable
    const actual = saved && this.hitSpends ? saved.cost : priced.cost;
    const settled =
      this.reservationId !== undefined || tokens ? finish(this.deps.counters, { reservationId: this.reservationId, actual, tokens }) : undefined;
    const teamSettled = this.teamReservationId !== undefined ? finish(this.deps.counters, { reservationId: this.teamReservationId, actual }) : undefined;
    const written = Promise.all([
      this.deps.ledger.write(this.row(status, error, priced, now, saved)),
      ...this.cancelled.map((d, i) => this.deps.ledger.write(this.cancelledRow(d, i, now))),
    ]).catch((err: unknown) => this.deps.onLedgerError(err, this.id));
    try {
      await Promise.all([settled, teamSettled, written]);
    } finally {
      this.deps.onClosed?.({ account: this, status, error, priced, endedAt: this.deps.now() });
    }
    return priced;
  }

  /**
   * A hedged attempt cancelled once another answered: providers bill the prompt they had started on, so
   * it gets its own row with the input's cost, estimated from the text; its output is unknown.
   */
  private cancelledRow(d: ResolvedDeployment, i: number, now: number): LedgerRow {
    const priced = priceUsage({ inputTokens: this.inputEstimate, outputTokens: 0 }, d.info.price, () => ({ input: 0, output: 0 }));
    return {
      id: `${this.id}-hedge${i + 1}`,
      time: this.startedAt,
      ...(this.principal?.keyId && { keyId: this.principal.keyId }),
      ...(this.principal?.team && { team: this.principal.team }),
      requestedModel: this.requestedModel,
      provider: d.providerId,
      providerType: d.info.providerType,
      servedModel: d.model,
      catalogModel: d.info.catalogModel,
      developer: d.info.developer,
      modelOrigin: d.info.origin,
      providerJurisdiction: d.info.jurisdiction,
      usageEstimated: true,
      ...(priced.cost !== undefined && { cost: priced.cost }),
      costEstimated: true,
      latencyMs: now - this.startedAt,
      status: 499,
      errorCode: 'hedge_cancelled',
      stream: this.stream,
      partial: true,
      route: `hedge of ${this.id}`,
    };
  }

  /** A cost-quality route's score and tier, and what the strong tier would have cost for the same tokens. */
  private routerFields(priced: PricedUsage): Partial<LedgerRow> {
    const r = this.plan?.router;
    if (!r) return {};
    const ref = r.strongReference;
    const estimate = () => ({ input: this.inputEstimate, output: Math.ceil(this.outputChars / 4) });
    const servedThere = ref && this.served && ref.providerId === this.served.providerId && ref.model === this.served.model;
    const strongCost = !ref || !this.served ? undefined : servedThere ? priced.cost : priceUsage(this.usage, ref.info.price, estimate).cost;
    const servedTier = this.served && (r.tierOf(this.served) ?? 'other');
    return {
      routerRoute: r.route,
      routerScore: r.score,
      routerTier: r.tier,
      ...(servedTier && { routerServedTier: servedTier }),
      ...(strongCost !== undefined && { strongCostUsd: strongCost }),
    };
  }

  private row(status: number, error: GatewayError | undefined, priced: PricedUsage, now: number, saved: PricedUsage | undefined): LedgerRow {
    const info = this.served?.info;
    const u = this.usage;
    const cap = this.deps.storedBodyBytes;
    return {
      id: this.id,
      time: this.startedAt,
      ...(this.principal?.keyId && { keyId: this.principal.keyId }),
      ...(this.principal?.team && { team: this.principal.team }),
      requestedModel: this.requestedModel,
      ...(this.served && {
        provider: this.served.providerId,
        providerType: info?.providerType,
        servedModel: this.served.model,
        catalogModel: info?.catalogModel,
        developer: info?.developer,
        modelOrigin: info?.origin,
        providerJurisdiction: info?.jurisdiction,
      }),
      inputTokens: u?.inputTokens,
      cachedInputTokens: u?.cachedInputTokens,
      cacheWriteTokens: u?.cacheWriteTokens,
      outputTokens: u?.outputTokens,
      reasoningTokens: u?.reasoningTokens,
      usageEstimated: false,
      ...(priced.cost !== undefined && { cost: priced.cost }),
      costEstimated: priced.costEstimated,
      ...(this.ttftMs !== undefined && { ttftMs: this.ttftMs }),
      latencyMs: now - this.startedAt,
      status,
      ...(error && { errorCode: error.code }),
      stream: this.stream,
      partial: this.partial,
      ...(this.route && { route: this.route }),
      ...this.routerFields(priced),
      ...(this.attempts.length > 0 && { attempts: this.attempts }),
      ...(this.cache && { cache: this.cache }),
      ...(saved?.cost !== undefined && { cacheSavedUsd: saved.cost }),
      ...(this.storesBodies && this.requestBody !== undefined && { requestBody: this.requestBody.slice(0, cap) }),
      ...(this.storesBodies && this.responseBody !== undefined && { responseBody: this.responseBody.slice(0, cap) }),
    };
  }
}

function limited(what: string, retryAfterSeconds: number): GatewayError {
  return new GatewayError('rate_limited', `Rate limit of ${what} reached for this key; retry in ${retryAfterSeconds} s.`, {
    retryAfterSeconds,
  });
}

/**
 * The dearest the request could be on any deployment the plan may try. The planner leaves unpriced
 * deployments out for a caller with a budget; should one remain, the request is refused, never counted
 * as free.
 */
function worstCaseCost(plan: RoutePlan, inputTokens: number, maxOutput: number | undefined): number {
  let worst = 0;
  for (const d of plan.attempts) {
    const output = maxOutput ?? d.info.maxOutputTokens ?? DEFAULT_MAX_OUTPUT;
    const cost = priceUsage({ inputTokens, outputTokens: output }, d.info.price, () => ({ input: 0, output: 0 })).cost;
    if (cost === undefined) {
      throw new GatewayError('price_unknown', `The price of ${d.providerId}/${d.model} is unknown, and this key spends against a budget.`, { param: 'model' });
    }
    if (cost > worst) worst = cost;
  }
  return worst;
}

/**
 * The refusal of a request a budget (the key's, or the one its team shares when `team` is given) cannot
 * cover: either the budget is spent, or what remains of it (the limit less the committed spend and what
 * requests in flight hold reserved) is less than this request's worst case, which is then named with the
 * remainder and the shortfall.
 */
export function budgetRefusal(team: string | undefined, limit: number, period: string, spent: number, reserved: number, worst: number): GatewayError {
  const whose = team === undefined ? `this key's budget of $${limit} per ${period}` : `the budget of $${limit} per ${period} shared by team '${team}'`;
  if (spent >= limit) {
    return new GatewayError('budget_exceeded', `${whose[0]!.toUpperCase()}${whose.slice(1)} is spent (${usd(spent)} used).`);
  }
  const remaining = Math.max(0, limit - spent - reserved);
  const held = reserved > 0 ? `, ${usd(reserved)} held by requests in flight` : '';
  return new GatewayError(
    'budget_exceeded',
    `This request's worst-case cost, ${usd(worst)} (its input and max_tokens at the dearest deployment it may use), exceeds the ${usd(remaining)} ` +
      `that remains of ${whose} (${usd(spent)} spent${held}) by ${usd(worst - remaining)}. ` +
      'Lower max_tokens (or shorten the request) to fit what remains.',
  );
}

/** Dollars for a budget message: six decimals under a cent, so small amounts never read as $0.0000. */
function usd(n: number): string {
  return `$${n < 0.01 ? n.toFixed(6) : n.toFixed(4)}`;
}

export interface Admission {
  model: string;
  plan: RoutePlan | undefined;
  /** Estimated input tokens (the ledger's estimate when a provider reports no usage). */
  inputEstimate: number;
  /** The most input tokens the request can be billed for, reserved against a budget. */
  inputBound: number;
  maxOutput: number | undefined;
  fallbacks?: readonly string[];
  /** false: nothing is reserved against the budget (a cache hit that spends nothing); rate limits still count. */
  spends?: boolean;
}

/** Refuse (403 model_not_allowed) a request naming a model, or a fallback, its key may not use. */
export function checkModelsAllowed(key: KeyRecord, model: string, fallbacks: readonly string[] = []): void {
  const forbidden = key.models && [model, ...fallbacks].find((m) => !key.models!.includes(m));
  if (key.models && forbidden !== undefined) {
    throw new GatewayError('model_not_allowed', `This key may not use model '${forbidden}'. It may use: ${key.models.join(', ')}.`, {
      param: forbidden === model ? 'model' : 'models',
    });
  }
}
