import type { BudgetPeriod, KeyRecord, NewKey, TeamBudget } from '../auth/key-record.js';

/** The `api_keys` table's row, as every backend reads it. */
export interface KeyRow {
  id: string;
  hash: string;
  prefix: string;
  name: string | null;
  team: string;
  created_at: number;
  revoked_at: number | null;
  budget_usd: number | null;
  budget_period: string | null;
  rpm: number | null;
  tpm: number | null;
  models: string | null;
  store_bodies: number;
  expires_at: number | null;
}

/** The columns a new key is inserted with, in the order `newKeyParams` gives their values. */
export const NEW_KEY_COLUMNS = [
  'id', 'hash', 'prefix', 'name', 'team', 'created_at', 'budget_usd', 'budget_period', 'rpm', 'tpm', 'models', 'store_bodies', 'expires_at',
] as const;

/** A new key's values for NEW_KEY_COLUMNS: the budget period defaults to a month when a budget is set. */
export function newKeyParams(input: NewKey, hash: string, prefix: string, id: string, now: number): unknown[] {
  return [
    id,
    hash,
    prefix,
    input.name ?? null,
    input.team,
    now,
    input.budgetUsd ?? null,
    input.budgetUsd !== undefined ? (input.budgetPeriod ?? 'month') : null,
    input.rpm ?? null,
    input.tpm ?? null,
    input.models ? JSON.stringify(input.models) : null,
    input.storeBodies ? 1 : 0,
    input.expiresAt ?? null,
  ];
}

export function keyRecordOf(row: KeyRow): KeyRecord {
  return {
    id: row.id,
    prefix: row.prefix,
    ...(row.name !== null && { name: row.name }),
    team: row.team,
    createdAt: row.created_at,
    ...(row.revoked_at !== null && { revokedAt: row.revoked_at }),
    ...(row.expires_at !== null && { expiresAt: row.expires_at }),
    ...(row.budget_usd !== null && { budgetUsd: row.budget_usd }),
    ...(row.budget_period !== null && { budgetPeriod: row.budget_period as BudgetPeriod }),
    ...(row.rpm !== null && { rpm: row.rpm }),
    ...(row.tpm !== null && { tpm: row.tpm }),
    ...(row.models !== null && { models: JSON.parse(row.models) as string[] }),
    storeBodies: row.store_bodies === 1,
  };
}

/** The `team_budgets` table's row. */
export interface TeamBudgetRow {
  team: string;
  budget_usd: number;
  budget_period: string;
  updated_at: number;
}

export function teamBudgetOf(row: TeamBudgetRow): TeamBudget {
  return { team: row.team, budgetUsd: row.budget_usd, budgetPeriod: row.budget_period as BudgetPeriod, updatedAt: row.updated_at };
}
