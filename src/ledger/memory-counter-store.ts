import { randomUUID } from 'node:crypto';
import type { BudgetDecision, CounterStore, RateDecision, SpendLoader } from './counter-store.js';

const BUCKETS = 60;

/** Sixty one-second buckets: a sliding minute at one-second resolution. */
class MinuteWindow {
  private readonly counts = new Float64Array(BUCKETS);
  private readonly seconds = new Float64Array(BUCKETS).fill(-1);

  total(now: number): number {
    const second = Math.floor(now / 1000);
    let sum = 0;
    for (let i = 0; i < BUCKETS; i++) if (this.seconds[i]! > second - BUCKETS) sum += this.counts[i]!;
    return sum;
  }

  add(now: number, amount: number): void {
    const second = Math.floor(now / 1000);
    const i = second % BUCKETS;
    if (this.seconds[i] !== second) {
      this.seconds[i] = second;
      this.counts[i] = 0;
    }
    this.counts[i]! += amount;
  }

  /** Seconds until the oldest counted bucket leaves the window. */
  retryAfter(now: number): number {
    const second = Math.floor(now / 1000);
    let oldest = second;
    for (let i = 0; i < BUCKETS; i++) {
      const s = this.seconds[i]!;
      if (s > second - BUCKETS && this.counts[i]! > 0 && s < oldest) oldest = s;
    }
    return Math.max(1, oldest + BUCKETS - second);
  }
}

interface Budget {
  spent: number;
  reserved: number;
}

/** Counters for one process. Single-threaded JavaScript makes each check-and-reserve atomic. */
export class MemoryCounterStore implements CounterStore {
  private readonly requests = new Map<string, MinuteWindow>();
  private readonly tokens = new Map<string, MinuteWindow>();
  private readonly budgets = new Map<string, Budget>();
  private readonly reservations = new Map<string, { budget: Budget; amount: number }>();
  /** Budgets whose committed spend is being read from the ledger: concurrent first requests share one read. */
  private readonly loading = new Map<string, Promise<Budget>>();

  constructor(private readonly loadSpent: SpendLoader = async () => 0) {}

  async takeRequest(scope: string, limit: number, now: number): Promise<RateDecision> {
    const w = window(this.requests, scope);
    if (w.total(now) >= limit) return { ok: false, retryAfterSeconds: w.retryAfter(now) };
    w.add(now, 1);
    return { ok: true };
  }

  async checkTokens(scope: string, limit: number, now: number): Promise<RateDecision> {
    const w = window(this.tokens, scope);
    return w.total(now) >= limit ? { ok: false, retryAfterSeconds: w.retryAfter(now) } : { ok: true };
  }

  async addTokens(scope: string, tokens: number, now: number): Promise<void> {
    window(this.tokens, scope).add(now, tokens);
  }

  async reserve(scope: string, periodStart: number, limit: number, amount: number): Promise<BudgetDecision> {
    const key = `${scope}@${periodStart}`;
    const budget = this.budgets.get(key) ?? (await this.load(key, scope, periodStart));
    if (budget.spent + budget.reserved + amount > limit) return { ok: false, spent: budget.spent, reserved: budget.reserved, limit };
    budget.reserved += amount;
    const reservationId = randomUUID();
    this.reservations.set(reservationId, { budget, amount });
    return { ok: true, reservationId };
  }

  private load(key: string, scope: string, periodStart: number): Promise<Budget> {
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.loadSpent(scope, periodStart).then(
        (spent) => {
          const budget = { spent, reserved: 0 };
          this.budgets.set(key, budget);
          this.loading.delete(key);
          return budget;
        },
        (err: unknown) => {
          this.loading.delete(key);
          throw err;
        },
      );
      this.loading.set(key, pending);
    }
    return pending;
  }

  async settle(reservationId: string, actual: number | undefined): Promise<void> {
    const r = this.reservations.get(reservationId);
    if (!r) return;
    this.reservations.delete(reservationId);
    r.budget.reserved -= r.amount;
    if (actual !== undefined) r.budget.spent += actual;
  }
}

function window(map: Map<string, MinuteWindow>, scope: string): MinuteWindow {
  let w = map.get(scope);
  if (!w) map.set(scope, (w = new MinuteWindow()));
  return w;
}
