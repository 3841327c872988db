import type { KnownModels } from '../../auth/known-models.js';
import { unknownModelProblem } from '../../auth/known-models.js';
import { parseExpiry } from '../../auth/parse-expiry.js';
import type { BudgetPeriod, NewKey, TeamBudget } from '../../auth/key-record.js';
import { invalid, optionalBoolean, optionalNumber, optionalString, requireObject } from '../openai/read-fields.js';
import { rejectUnknownFields } from './reject-unknown-fields.js';

const PERIODS = new Set(['day', 'week', 'month']);

/** The fields `POST /admin/keys` takes (docs/admin-api.md). */
export const NEW_KEY_FIELDS = ['team', 'name', 'budget_usd', 'budget_period', 'rpm', 'tpm', 'models', 'store_bodies', 'expires'] as const;

/** What a new key's fields are checked against: the time (for `expires`) and, when known, the models served. */
export interface NewKeyContext {
  now?: number;
  /** The gateway's model names: a `models` entry it does not serve is refused. Unchecked when absent. */
  models?: KnownModels;
}

/** A budget period from a field, or a 400 naming the field, the value and the periods there are. */
export function parseBudgetPeriod(value: string, param: string): BudgetPeriod {
  if (!PERIODS.has(value)) throw invalid(param, `expected 'day', 'week' or 'month', got '${value.slice(0, 40)}'.`);
  return value as BudgetPeriod;
}

/** A new key from `POST /admin/keys`'s body (and the CLI's flags, given as those fields). */
export function parseNewKey(body: unknown, context: NewKeyContext = {}): NewKey {
  const b = requireObject(body, 'body');
  rejectUnknownFields(b, NEW_KEY_FIELDS);
  const team = optionalString(b, 'team');
  if (!team) throw invalid('team', 'is required: the team the key belongs to.');
  const name = optionalString(b, 'name');
  const budgetUsd = optionalNumber(b, 'budget_usd', { min: 0 });
  const periodText = optionalString(b, 'budget_period');
  const period = periodText === undefined ? undefined : parseBudgetPeriod(periodText, 'budget_period');
  if (period !== undefined && budgetUsd === undefined) throw invalid('budget_period', 'is the period of a budget: give the budget too (budget_usd, or --budget on the CLI).');
  const rpm = optionalNumber(b, 'rpm', { integer: true, min: 1 });
  const tpm = optionalNumber(b, 'tpm', { integer: true, min: 1 });
  const models = b.models ?? undefined;
  if (models !== undefined && (!Array.isArray(models) || !models.every((m) => typeof m === 'string'))) {
    throw invalid('models', 'expected an array of model names.');
  }
  if (Array.isArray(models) && context.models) {
    const problem = unknownModelProblem(models as string[], context.models);
    if (problem) throw invalid('models', problem);
  }
  const storeBodies = optionalBoolean(b, 'store_bodies');
  const expiresText = optionalString(b, 'expires');
  const expiresAt = expiresText === undefined ? undefined : parseExpiry(expiresText, context.now ?? Date.now());
  if (typeof expiresAt === 'object') throw invalid('expires', expiresAt.problem);
  return {
    team,
    ...(name !== undefined && { name }),
    ...(budgetUsd !== undefined && { budgetUsd, budgetPeriod: period ?? 'month' }),
    ...(rpm !== undefined && { rpm }),
    ...(tpm !== undefined && { tpm }),
    ...(Array.isArray(models) && { models: models as string[] }),
    ...(storeBodies !== undefined && { storeBodies }),
    ...(expiresAt !== undefined && { expiresAt }),
  };
}

/** The fields `POST /admin/team-budgets` takes (docs/admin-api.md). */
export const TEAM_BUDGET_FIELDS = ['team', 'budget_usd', 'budget_period'] as const;

/** A team's shared budget from `POST /admin/team-budgets`'s body (and `keys team-budget`'s flags). */
export function parseTeamBudget(body: unknown, now: number): TeamBudget {
  const b = requireObject(body, 'body');
  rejectUnknownFields(b, TEAM_BUDGET_FIELDS);
  const team = optionalString(b, 'team');
  if (!team) throw invalid('team', 'is required: the team whose keys share the budget.');
  const budgetUsd = optionalNumber(b, 'budget_usd', { min: 0 });
  if (budgetUsd === undefined) throw invalid('budget_usd', 'is required: the most the team\'s keys may spend together per period, in USD.');
  const periodText = optionalString(b, 'budget_period');
  return { team, budgetUsd, budgetPeriod: periodText === undefined ? 'month' : parseBudgetPeriod(periodText, 'budget_period'), updatedAt: now };
}
