import { periodStart } from '../ledger/budget-period.js';
import type { UsageQueries } from '../ledger/usage-queries.js';
import type { BudgetPeriod, KeyRecord, TeamBudget } from './key-record.js';

/** What a key has spent in its current period: its budget's period, or the calendar month (UTC) without one. */
export interface KeySpend {
  period: BudgetPeriod;
  /** The period's start, unix ms. */
  since: number;
  usd: number;
}

/** Each key's spend in its current period, read from the ledger, by key id. */
export async function keySpends(keys: readonly KeyRecord[], usage: UsageQueries, now: number): Promise<Map<string, KeySpend>> {
  const out = new Map<string, KeySpend>();
  for (const k of keys) {
    const period = k.budgetPeriod ?? 'month';
    const since = periodStart(period, now);
    out.set(k.id, { period, since, usd: await usage.spentSince({ keyId: k.id }, since) });
  }
  return out;
}

/** What a team's keys have spent together in its shared budget's current period. */
export async function teamSpend(budget: TeamBudget, usage: UsageQueries, now: number): Promise<KeySpend> {
  const since = periodStart(budget.budgetPeriod, now);
  return { period: budget.budgetPeriod, since, usd: await usage.spentSince({ team: budget.team }, since) };
}
