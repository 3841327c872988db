import { parseNewKey, parseTeamBudget } from '../api/admin/key-fields.js';
import type { NewKey, TeamBudget } from '../auth/key-record.js';
import type { KnownModels } from '../auth/known-models.js';
import { isGatewayError } from '../spec/gateway-error.js';

/** The flags of `switchyard keys create`, as commander gives them. */
export interface KeyCreateFlags {
  team?: string;
  name?: string;
  budget?: string;
  period?: string;
  rpm?: string;
  tpm?: string;
  models?: string;
  storeBodies?: boolean;
  expires?: string;
}

/** The admin API's field for each flag: a problem with a field is told with the flag the user typed. */
const FLAG_OF: Readonly<Record<string, string>> = {
  team: '--team',
  name: '--name',
  budget_usd: '--budget',
  budget_period: '--period',
  rpm: '--rpm',
  tpm: '--tpm',
  models: '--models',
  store_bodies: '--store-bodies',
  expires: '--expires',
};

/** A problem with a flag, said in the flag's words. */
export class KeyFlagError extends Error {}

/** The models named by `--models a,b`, as a list. */
export function modelsFlag(flags: KeyCreateFlags): string[] | undefined {
  return flags.models?.split(',').map((m) => m.trim()).filter(Boolean);
}

/**
 * The new key the flags describe, checked as `POST /admin/keys` checks its body (and `--models` against
 * the gateway's model names, when given); throws a KeyFlagError naming the flag and what it got.
 */
export function newKeyFromFlags(flags: KeyCreateFlags, models?: KnownModels, now = Date.now()): NewKey {
  const models_ = modelsFlag(flags);
  try {
    return parseNewKey(
      {
        team: flags.team,
        name: flags.name,
        ...(flags.budget !== undefined && { budget_usd: numberFlag('--budget', flags.budget) }),
        budget_period: flags.period,
        ...(flags.rpm !== undefined && { rpm: numberFlag('--rpm', flags.rpm) }),
        ...(flags.tpm !== undefined && { tpm: numberFlag('--tpm', flags.tpm) }),
        ...(models_ !== undefined && { models: models_ }),
        ...(flags.storeBodies && { store_bodies: true }),
        ...(flags.expires !== undefined && { expires: flags.expires }),
      },
      { now, ...(models && { models }) },
    );
  } catch (err) {
    throw inFlagWords(err);
  }
}

/** A team budget from `keys team-budget <team> --budget USD [--period P]`, checked as the admin API checks it. */
export function teamBudgetFromFlags(team: string, flags: { budget?: string; period?: string }, now = Date.now()): TeamBudget {
  try {
    return parseTeamBudget(
      { team, ...(flags.budget !== undefined && { budget_usd: numberFlag('--budget', flags.budget) }), budget_period: flags.period },
      now,
    );
  } catch (err) {
    throw inFlagWords(err);
  }
}

/** A field's 400 told with the flag the user typed; anything else as it is. */
function inFlagWords(err: unknown): unknown {
  if (!isGatewayError(err)) return err;
  const flag = err.param !== undefined ? FLAG_OF[err.param] : undefined;
  return new KeyFlagError(flag ? err.message.replace(/^Invalid '[\w.]+'/, `Invalid ${flag}`) : err.message);
}

/** A flag's text as a number, or a KeyFlagError quoting what was given. */
function numberFlag(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new KeyFlagError(`Invalid ${flag}: expected a number, got "${text}".`);
  return value;
}
