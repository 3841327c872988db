export type BudgetPeriod = 'day' | 'week' | 'month';

/** A virtual key as stored: never the key itself, only its hash and a short prefix to recognise it by. */
export interface KeyRecord {
  id: string;
  /** The first characters of the key, shown in listings (`sy-3fa9…`). */
  prefix: string;
  name?: string;
  team: string;
  createdAt: number;
  revokedAt?: number;
  /** Unix ms after which the key is refused (401), when it was given an expiry. */
  expiresAt?: number;
  budgetUsd?: number;
  budgetPeriod?: BudgetPeriod;
  /** Requests per minute. */
  rpm?: number;
  /** Tokens per minute. */
  tpm?: number;
  /** The models this key may use; all when absent. */
  models?: string[];
  /** Keep request and response bodies in the ledger (size-capped). */
  storeBodies: boolean;
}

export interface NewKey {
  team: string;
  name?: string;
  budgetUsd?: number;
  budgetPeriod?: BudgetPeriod;
  rpm?: number;
  tpm?: number;
  models?: string[];
  storeBodies?: boolean;
  expiresAt?: number;
}

/** A budget a team's keys share: every request of any of its keys reserves against it, as against a key's own. */
export interface TeamBudget {
  team: string;
  budgetUsd: number;
  budgetPeriod: BudgetPeriod;
  updatedAt: number;
}

/** Who is calling, once a key has been checked. The master key is a principal with no limits. */
export interface Principal {
  keyId?: string;
  team?: string;
  master: boolean;
  record?: KeyRecord;
  /** The budget the key's team shares, when it has one. */
  teamBudget?: TeamBudget;
}

/** Where virtual keys live. Lookups are by the SHA-256 hash of the presented key. */
export interface KeyStore {
  create(input: NewKey, hash: string, prefix: string, id: string, now: number): Promise<KeyRecord>;
  list(): Promise<KeyRecord[]>;
  /** Revoke by id or prefix; the record, or undefined when none matched. */
  revoke(idOrPrefix: string, now: number): Promise<KeyRecord | undefined>;
  /** Give the key with this id a new name (undefined: none); the record, or undefined when no key has the id. */
  rename(id: string, name: string | undefined): Promise<KeyRecord | undefined>;
  /**
   * Give the unrevoked key with this id a new secret (its hash and prefix): id, team, budget and limits stay.
   * The record, or undefined when no unrevoked key has the id.
   */
  replaceSecret(id: string, hash: string, prefix: string): Promise<KeyRecord | undefined>;
  /** The record with this hash, and the hash as stored (to compare in constant time). */
  findByHash(hash: string): Promise<(KeyRecord & { hash: string }) | undefined>;
  /** Every key ever issued, revoked ones included: once there is one, keys are required for good. */
  issuedCount(): Promise<number>;
  /** The budget a team's keys share, or undefined when it has none. */
  teamBudget(team: string): Promise<TeamBudget | undefined>;
  /** Every team budget, by team name. */
  teamBudgets(): Promise<TeamBudget[]>;
  /** Set (or replace) a team's budget. */
  setTeamBudget(budget: TeamBudget): Promise<TeamBudget>;
  /** Remove a team's budget; whether it had one. */
  removeTeamBudget(team: string): Promise<boolean>;
}
