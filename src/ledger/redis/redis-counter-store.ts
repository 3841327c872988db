import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type {
  AdmissionCheck,
  AdmissionDecision,
  BatchedCounterStore,
  BudgetDecision,
  RateDecision,
  Settlement,
  SpendLoader,
} from '../counter-store.js';
import { ADMIT, FINISH, RESERVE, SETTLE, SLIDING_WINDOW } from './counter-scripts.js';
import type { LuaScript } from './run-script.js';

export interface RedisCounterOptions {
  /** Prepended to every key: `switchyard:` by default. */
  prefix?: string;
  /** A reservation not settled within this time (its process died) is released, ms. */
  reservationTtlMs?: number;
}

const KEEP_BUDGET_MS = 40 * 86_400_000;

/**
 * Counters shared by every gateway process: sliding-window requests and tokens per minute, and budget
 * reservations, each check-and-update one Lua script; a request's whole admission (`admit`) and its whole
 * settlement (`finish`) are one script each, so one round trip. A budget's committed spend is read from
 * the ledger the first time any process sees the budget in a period, then kept in Redis (the first loader
 * wins). All keys of a scope share its hash tag (`{key:…}`), so a Redis Cluster keeps them on one node and
 * a script may touch them together.
 */
export class RedisCounterStore implements BatchedCounterStore {
  private readonly prefix: string;
  private readonly reservationTtlMs: number;
  /** Admissions and settlements of one event-loop turn on the same keys go to Redis as one script call. */
  private readonly admissions: ScriptBatcher;
  private readonly settlements: ScriptBatcher;

  constructor(
    private readonly redis: Redis,
    private readonly loadSpent: SpendLoader,
    options: RedisCounterOptions = {},
  ) {
    this.prefix = options.prefix ?? 'switchyard:';
    this.reservationTtlMs = options.reservationTtlMs ?? 15 * 60_000;
    this.admissions = new ScriptBatcher(redis, ADMIT, 3);
    this.settlements = new ScriptBatcher(redis, FINISH, 0);
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

  async admit(check: AdmissionCheck): Promise<AdmissionDecision> {
    const { scope, now, rpm, tpm, budget } = check;
    if (rpm === undefined && tpm === undefined && !budget) return { ok: true };
    const id = budget ? this.reservationId(scope, budget.periodStart) : '';
    const keys = [this.prefix + `rpm:{${scope}}`, this.prefix + `tpm:{${scope}}`, ...this.budgetKeys(scope, budget?.periodStart ?? 0)];
    const args = [now, rpm ?? '', tpm ?? '', budget?.limit ?? '', budget?.amount ?? 0, id, Date.now(), this.reservationTtlMs, KEEP_BUDGET_MS];
    const [verdict, value, held] = (await this.admissions.add(keys, args)) as [string, string | number, string | number];
    switch (verdict) {
      case 'ok':
        return budget ? { ok: true, reservationId: id } : { ok: true };
      case 'rpm':
      case 'tpm':
        return { ok: false, refused: verdict, retryAfterSeconds: Number(value) };
      case 'refused':
        return { ok: false, refused: 'budget', spent: Number(value), reserved: Number(held), limit: budget!.limit };
      default: {
        // the limits passed (and counted); the budget's spend must be read from the ledger first
        const d = await this.reserve(scope, budget!.periodStart, budget!.limit, budget!.amount);
        return d.ok ? d : { ok: false, refused: 'budget', spent: d.spent, reserved: d.reserved, limit: d.limit };
      }
    }
  }

  async finish(s: Settlement): Promise<void> {
    if (s.reservationId === undefined && !s.tokens) return;
    const [scope, periodStart] = s.reservationId !== undefined ? parseReservation(s.reservationId) : [s.tokens!.scope, 0];
    const keys = [...this.budgetKeys(scope, periodStart), this.prefix + `tpm:{${s.tokens?.scope ?? scope}}`];
    const args = [s.reservationId ?? '', s.actual === undefined ? '' : String(s.actual), s.tokens ? String(s.tokens.tokens) : '', s.tokens?.now ?? 0];
    await this.settlements.add(keys, args);
  }

  async reserve(scope: string, periodStart: number, limit: number, amount: number): Promise<BudgetDecision> {
    const budget = `${scope}@${periodStart}`;
    const id = this.reservationId(scope, periodStart);
    const keys = this.budgetKeys(scope, periodStart);
    for (let attempt = 0; attempt < 3; attempt++) {
      const args = [limit, amount, id, Date.now(), this.reservationTtlMs, KEEP_BUDGET_MS];
      const [verdict, spent, reserved] = (await RESERVE.run(this.redis, keys, args)) as [string, string?, string?];
      if (verdict === 'ok') return { ok: true, reservationId: id };
      if (verdict === 'refused') return { ok: false, spent: Number(spent), reserved: Number(reserved), limit };
      const loaded = await this.loadSpent(scope, periodStart);
      await this.redis.multi().hsetnx(keys[0]!, 'spent', String(loaded)).pexpire(keys[0]!, KEEP_BUDGET_MS).exec();
    }
    throw new Error(`budget ${budget}: its spend could not be loaded into Redis`);
  }

  async settle(reservationId: string, actual: number | undefined): Promise<void> {
    await SETTLE.run(this.redis, this.budgetKeys(...parseReservation(reservationId)), [reservationId, actual === undefined ? '' : String(actual)]);
  }

  private async window(key: string, limit: number, amount: number, mode: 'take' | 'check' | 'add', now: number): Promise<RateDecision> {
    const [ok, wait] = (await SLIDING_WINDOW.run(this.redis, [this.prefix + key], [now, limit, amount, mode])) as [number, number];
    return ok === 1 ? { ok: true } : { ok: false, retryAfterSeconds: wait };
  }

  /** The three keys of a budget: their hash tag is the scope's, as for its rate windows. */
  private budgetKeys(scope: string, periodStart: number): string[] {
    return ['budget', 'reserved', 'expiry'].map((k) => `${this.prefix}${k}:{${scope}}@${periodStart}`);
  }

  private reservationId(scope: string, periodStart: number): string {
    return `${scope}@${periodStart}#${randomUUID()}`;
  }
}

/** A reservation id's scope and budget period (`<scope>@<period start>#<uuid>`). */
function parseReservation(id: string): [string, number] {
  const budget = id.slice(0, id.lastIndexOf('#'));
  const at = budget.lastIndexOf('@');
  return [budget.slice(0, at), Number(budget.slice(at + 1))];
}

interface Batch {
  keys: string[];
  args: Array<string | number>;
  waiting: Array<{ resolve: (result: unknown[]) => void; reject: (err: unknown) => void }>;
}

/** Most requests per script call. */
const MAX_BATCH = 128;

/**
 * Gathers the calls of one script made in one event-loop turn on the same keys (one scope's counters)
 * into one call: the script takes its per-request arguments one group after another and answers
 * `resultsPer` values per request. The script runs atomically, so each request's step is as atomic as
 * on its own; one round trip and one script run serve the whole turn's requests.
 */
class ScriptBatcher {
  private batches = new Map<string, Batch>();
  private scheduled = false;

  constructor(
    private readonly redis: Redis,
    private readonly script: LuaScript,
    private readonly resultsPer: number,
  ) {}

  add(keys: string[], args: Array<string | number>): Promise<unknown[]> {
    return new Promise((resolve, reject) => {
      const id = keys.join('\n');
      let batch = this.batches.get(id);
      if (!batch || batch.waiting.length >= MAX_BATCH) {
        if (batch) this.send(batch);
        batch = { keys, args: [], waiting: [] };
        this.batches.set(id, batch);
      }
      batch.args.push(...args);
      batch.waiting.push({ resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batches = this.batches;
    this.batches = new Map();
    for (const batch of batches.values()) this.send(batch);
  }

  private send(batch: Batch): void {
    this.script.run(this.redis, batch.keys, batch.args).then(
      (result) => {
        const values = Array.isArray(result) ? (result as unknown[]) : [];
        batch.waiting.forEach((w, i) => w.resolve(values.slice(i * this.resultsPer, (i + 1) * this.resultsPer)));
      },
      (err: unknown) => {
        for (const w of batch.waiting) w.reject(err);
      },
    );
  }
}
