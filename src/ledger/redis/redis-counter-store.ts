import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { BudgetDecision, CounterStore, RateDecision, SpendLoader } from '../counter-store.js';
import { RESERVE, SETTLE, SLIDING_WINDOW } from './counter-scripts.js';

export interface RedisCounterOptions {
  /** Prepended to every key: `switchyard:` by default. */
  prefix?: string;
  /** A reservation not settled within this time (its process died) is released, ms. */
  reservationTtlMs?: number;
}

const KEEP_BUDGET_MS = 40 * 86_400_000;

/**
 * Counters shared by every gateway process: sliding-window requests and tokens per minute, and budget
 * reservations, each check-and-update one Lua script. A budget's committed spend is read from the ledger
 * the first time any process sees the budget in a period, then kept in Redis (the first loader wins).
 */
export class RedisCounterStore implements CounterStore {
  private readonly prefix: string;
  private readonly reservationTtlMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly loadSpent: SpendLoader,
    options: RedisCounterOptions = {},
  ) {
    this.prefix = options.prefix ?? 'switchyard:';
    this.reservationTtlMs = options.reservationTtlMs ?? 15 * 60_000;
  }

  takeRequest(scope: string, limit: number, now: number): Promise<RateDecision> {
    return this.window(`rpm:{${scope}}`, limit, 1, 'take', now);
  }

  checkTokens(scope: string, limit: number, now: number): Promise<RateDecision> {
    return this.window(`tpm:{${scope}}`, limit, 0, 'check', now);
  }

  async addTokens(scope: string, tokens: number, now: number): Promise<void> {
    await this.window(`tpm:{${scope}}`, 0, tokens, 'add', now);
  }

  async reserve(scope: string, periodStart: number, limit: number, amount: number): Promise<BudgetDecision> {
    const budget = `${scope}@${periodStart}`;
    const id = `${budget}#${randomUUID()}`;
    const keys = this.budgetKeys(budget);
    for (let attempt = 0; attempt < 3; attempt++) {
      const args = [limit, amount, id, Date.now(), this.reservationTtlMs, KEEP_BUDGET_MS];
      const [verdict, spent] = (await RESERVE.run(this.redis, keys, args)) as [string, string?];
      if (verdict === 'ok') return { ok: true, reservationId: id };
      if (verdict === 'refused') return { ok: false, spent: Number(spent), limit };
      const loaded = await this.loadSpent(scope, periodStart);
      await this.redis.multi().hsetnx(keys[0]!, 'spent', String(loaded)).pexpire(keys[0]!, KEEP_BUDGET_MS).exec();
    }
    throw new Error(`budget ${budget}: its spend could not be loaded into Redis`);
  }

  async settle(reservationId: string, actual: number | undefined): Promise<void> {
    const budget = reservationId.slice(0, reservationId.lastIndexOf('#'));
    await SETTLE.run(this.redis, this.budgetKeys(budget), [reservationId, actual === undefined ? '' : String(actual)]);
  }

  private async window(key: string, limit: number, amount: number, mode: 'take' | 'check' | 'add', now: number): Promise<RateDecision> {
    const [ok, wait] = (await SLIDING_WINDOW.run(this.redis, [this.prefix + key], [now, limit, amount, mode])) as [number, number];
    return ok === 1 ? { ok: true } : { ok: false, retryAfterSeconds: wait };
  }

  /** The three keys of a budget share a hash tag, so a Redis Cluster keeps them on one node. */
  private budgetKeys(budget: string): string[] {
    return ['budget', 'reserved', 'expiry'].map((k) => `${this.prefix}${k}:{${budget}}`);
  }
}
