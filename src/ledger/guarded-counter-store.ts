import { GatewayError } from '../spec/gateway-error.js';
import {
  admit,
  finish,
  type AdmissionCheck,
  type AdmissionDecision,
  type BatchedCounterStore,
  type BudgetDecision,
  type CounterStore,
  type RateDecision,
  type Settlement,
} from './counter-store.js';

/** What to do while the shared counter store cannot be reached. */
export type StoreFailureMode = 'fail_closed' | 'fail_open';

export interface CounterFailurePolicy {
  /** Requests and tokens per minute. */
  limits: StoreFailureMode;
  /** Budget reservations: fail closed unless the operator chose otherwise. */
  budgets: StoreFailureMode;
}

const LOCAL = 'local:';

/**
 * A shared counter store with a failure policy. While the shared store fails, each kind of check either
 * refuses the request (fail_closed: 503 `store_unavailable`) or falls back to this process's own counters
 * (fail_open: limits become approximate, per process), and `onFailure` is called so the operator hears of
 * it. Settling and counting tokens after a request never fail the request. A request's whole admission
 * and settlement go to the shared store in one step when it can (`admit`, `finish`); when that step
 * fails, each part gets its own kind's policy, in order, as separate calls would.
 */
export class GuardedCounterStore implements BatchedCounterStore {
  constructor(
    private readonly shared: CounterStore,
    private readonly local: CounterStore,
    private readonly policy: CounterFailurePolicy,
    private readonly onFailure: (err: unknown, what: string, mode: StoreFailureMode) => void,
  ) {}

  takeRequest(scope: string, limit: number, now: number): Promise<RateDecision> {
    return this.guard('limits', 'rate limit', () => this.shared.takeRequest(scope, limit, now), () => this.local.takeRequest(scope, limit, now));
  }

  checkTokens(scope: string, limit: number, now: number): Promise<RateDecision> {
    return this.guard('limits', 'token limit', () => this.shared.checkTokens(scope, limit, now), () => this.local.checkTokens(scope, limit, now));
  }

  async addTokens(scope: string, tokens: number, now: number): Promise<void> {
    try {
      await this.shared.addTokens(scope, tokens, now);
    } catch (err) {
      this.onFailure(err, 'token count', this.policy.limits);
      if (this.policy.limits === 'fail_open') await this.local.addTokens(scope, tokens, now);
    }
  }

  async reserve(scope: string, periodStart: number, limit: number, amount: number): Promise<BudgetDecision> {
    return this.guard<BudgetDecision>(
      'budgets',
      'budget',
      () => this.shared.reserve(scope, periodStart, limit, amount),
      async () => {
        const local = await this.local.reserve(scope, periodStart, limit, amount);
        return local.ok ? { ok: true, reservationId: LOCAL + local.reservationId } : local;
      },
    );
  }

  async settle(reservationId: string, actual: number | undefined): Promise<void> {
    if (reservationId.startsWith(LOCAL)) return this.local.settle(reservationId.slice(LOCAL.length), actual);
    try {
      await this.shared.settle(reservationId, actual);
    } catch (err) {
      // the reservation expires on its own; the spend is in the ledger, read again when the budget reloads
      this.onFailure(err, 'budget settlement', this.policy.budgets);
    }
  }

  async admit(check: AdmissionCheck): Promise<AdmissionDecision> {
    let failure: unknown;
    try {
      return await admit(this.shared, check);
    } catch (err) {
      if (err instanceof GatewayError) throw err;
      failure = err;
    }
    const { scope, now } = check;
    if (check.rpm !== undefined) {
      this.fallBack('limits', 'rate limit', failure);
      const d = await this.local.takeRequest(scope, check.rpm, now);
      if (!d.ok) return { ok: false, refused: 'rpm', retryAfterSeconds: d.retryAfterSeconds };
    }
    if (check.tpm !== undefined) {
      this.fallBack('limits', 'token limit', failure);
      const d = await this.local.checkTokens(scope, check.tpm, now);
      if (!d.ok) return { ok: false, refused: 'tpm', retryAfterSeconds: d.retryAfterSeconds };
    }
    if (!check.budget) return { ok: true };
    this.fallBack('budgets', 'budget', failure);
    const d = await this.local.reserve(scope, check.budget.periodStart, check.budget.limit, check.budget.amount);
    return d.ok ? { ok: true, reservationId: LOCAL + d.reservationId } : { ok: false, refused: 'budget', spent: d.spent, reserved: d.reserved, limit: d.limit };
  }

  async finish(s: Settlement): Promise<void> {
    let shared = s;
    if (s.reservationId?.startsWith(LOCAL)) {
      await this.local.settle(s.reservationId.slice(LOCAL.length), s.actual);
      shared = { ...s, reservationId: undefined };
    }
    if (shared.reservationId === undefined && !shared.tokens) return;
    try {
      await finish(this.shared, shared);
    } catch (err) {
      // the reservation expires on its own; the spend is in the ledger, read again when the budget reloads
      if (shared.reservationId !== undefined) this.onFailure(err, 'budget settlement', this.policy.budgets);
      if (shared.tokens) {
        this.onFailure(err, 'token count', this.policy.limits);
        if (this.policy.limits === 'fail_open') await this.local.addTokens(shared.tokens.scope, shared.tokens.tokens, shared.tokens.now);
      }
    }
  }

  /** The shared store failed for a check of `kind`: report it, and refuse (fail closed) or return (fail open). */
  private fallBack(kind: keyof CounterFailurePolicy, what: string, err: unknown): void {
    const mode = this.policy[kind];
    this.onFailure(err, what, mode);
    if (mode === 'fail_closed') throw unavailable(what);
  }

  private async guard<T>(kind: keyof CounterFailurePolicy, what: string, shared: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    try {
      return await shared();
    } catch (err) {
      if (err instanceof GatewayError) throw err;
      const mode = this.policy[kind];
      this.onFailure(err, what, mode);
      if (mode === 'fail_open') return local();
      throw unavailable(what);
    }
  }
}

function unavailable(what: string): GatewayError {
  return new GatewayError('store_unavailable', `The shared counter store is unavailable, so this request's ${what} cannot be checked; retry shortly.`);
}
