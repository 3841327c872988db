/**
 * Counters that must hold across every process that shares a store: requests and tokens per minute, and
 * budget reservations. The in-process implementation serves one process; the Redis one (with Lua scripts,
 * so each check-and-reserve is atomic) serves many.
 */
export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * A reservation, or its refusal with the budget's state when refused: the committed spend and what requests
 * in flight hold reserved (what remains is `limit - spent - reserved`).
 */
export type BudgetDecision = { ok: true; reservationId: string } | { ok: false; spent: number; reserved: number; limit: number };

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

/** What one request asks of its scope's counters at admission; each part only when the key sets it. */
export interface AdmissionCheck {
  scope: string;
  now: number;
  /** Requests per minute: count this request. */
  rpm?: number;
  /** Tokens per minute: compare the minute's count. */
  tpm?: number;
  /** Reserve `amount` USD against `limit` for the period starting at `periodStart`. */
  budget?: { periodStart: number; limit: number; amount: number };
}

/**
 * The first refusal of an admission (rpm, then tpm, then budget, as separate calls would give), or the
 * budget's reservation. A refusal by a later step leaves the earlier steps' counts in place, as separate
 * calls would.
 */
export type AdmissionDecision =
  | { ok: true; reservationId?: string }
  | { ok: false; refused: 'rpm' | 'tpm'; retryAfterSeconds: number }
  | { ok: false; refused: 'budget'; spent: number; reserved: number; limit: number };

/** What one request reports at its end: the reservation to settle, the tokens to count. */
export interface Settlement {
  reservationId?: string;
  /** The request's cost (undefined: unknown, the reservation is released). */
  actual?: number;
  tokens?: { scope: string; tokens: number; now: number };
}

/**
 * A store that can take a request's whole admission, and its whole settlement, in one step (for Redis:
 * one round trip instead of one per limit).
 */
export interface BatchedCounterStore extends CounterStore {
  admit(check: AdmissionCheck): Promise<AdmissionDecision>;
  finish(settlement: Settlement): Promise<void>;
}

/** Admission through separate calls, in the order and with the effects of `BatchedCounterStore.admit`. */
export async function admitInSteps(store: CounterStore, check: AdmissionCheck): Promise<AdmissionDecision> {
  const { scope, now } = check;
  if (check.rpm !== undefined) {
    const d = await store.takeRequest(scope, check.rpm, now);
    if (!d.ok) return { ok: false, refused: 'rpm', retryAfterSeconds: d.retryAfterSeconds };
  }
  if (check.tpm !== undefined) {
    const d = await store.checkTokens(scope, check.tpm, now);
    if (!d.ok) return { ok: false, refused: 'tpm', retryAfterSeconds: d.retryAfterSeconds };
  }
  if (!check.budget) return { ok: true };
  const { periodStart, limit, amount } = check.budget;
  const d = await store.reserve(scope, periodStart, limit, amount);
  return d.ok ? d : { ok: false, refused: 'budget', spent: d.spent, reserved: d.reserved, limit: d.limit };
}

/** Settlement through separate calls. */
export async function finishInSteps(store: CounterStore, s: Settlement): Promise<void> {
  if (s.reservationId !== undefined) await store.settle(s.reservationId, s.actual);
  if (s.tokens) await store.addTokens(s.tokens.scope, s.tokens.tokens, s.tokens.now);
}

/** Admit through the store's one-step admission when it has one. */
export function admit(store: CounterStore, check: AdmissionCheck): Promise<AdmissionDecision> {
  return isBatched(store) ? store.admit(check) : admitInSteps(store, check);
}

/** Settle through the store's one-step settlement when it has one. */
export function finish(store: CounterStore, s: Settlement): Promise<void> {
  return isBatched(store) ? store.finish(s) : finishInSteps(store, s);
}

function isBatched(store: CounterStore): store is BatchedCounterStore {
  return typeof (store as Partial<BatchedCounterStore>).admit === 'function' && typeof (store as Partial<BatchedCounterStore>).finish === 'function';
}
