/**
 * Counters that must hold across every process that shares a store: requests and tokens per minute, and
 * budget reservations. The in-process implementation serves one process; the Redis one (with Lua scripts,
 * so each check-and-reserve is atomic) serves many.
 */
export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export type BudgetDecision = { ok: true; reservationId: string } | { ok: false; spent: number; limit: number };

export interface CounterStore {
  /** Count one request against `limit` per sliding minute; a refused request is not counted. */
  takeRequest(scope: string, limit: number, now: number): Promise<RateDecision>;
  /** Whether the tokens counted in the sliding minute are still under `limit`. */
  checkTokens(scope: string, limit: number, now: number): Promise<RateDecision>;
  addTokens(scope: string, tokens: number, now: number): Promise<void>;
  /**
   * Reserve `amount` USD against `limit` for the budget period starting at `periodStart`, atomically: the
   * spent and reserved amounts plus this one may not exceed the limit.
   */
  reserve(scope: string, periodStart: number, limit: number, amount: number): Promise<BudgetDecision>;
  /** Replace a reservation by what the request really cost (undefined: unknown, the reservation is released). */
  settle(reservationId: string, actual: number | undefined): Promise<void>;
}

/** The committed spend of a scope since a time, read from the ledger when a period is first seen. */
export type SpendLoader = (scope: string, since: number) => Promise<number>;
