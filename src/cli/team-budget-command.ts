import type { TeamBudget } from '../auth/key-record.js';
import { teamSpend } from '../auth/key-spend.js';
import { findStore, openCliStore, type CliStore } from './cli-store.js';
import { KeyFlagError, teamBudgetFromFlags } from './key-flags.js';
import { exitForKnownError } from './known-error.js';

export interface TeamBudgetOptions {
  config?: string;
  budget?: string;
  period?: string;
  remove?: boolean;
  format?: string;
  createStore?: boolean;
}

/**
 * `switchyard keys team-budget <team> --budget USD [--period P] | --remove`, and `keys team-budgets`: a budget
 * a team's keys share, on the store of the config the one rule finds. Gateways see a change within two seconds.
 */
export async function runTeamBudget(team: string | undefined, opts: TeamBudgetOptions): Promise<number> {
  let budget: TeamBudget | undefined;
  try {
    if (team !== undefined && !opts.remove) budget = teamBudgetFromFlags(team, opts);
    if (opts.remove && (opts.budget !== undefined || opts.period !== undefined)) throw new KeyFlagError('--remove takes no --budget or --period.');
  } catch (err) {
    if (!(err instanceof KeyFlagError)) throw err;
    console.error(err.message);
    return 2;
  }
  let stores: CliStore;
  try {
    stores = await openCliStore(findStore(opts.config), { create: budget !== undefined && opts.createStore === true, createFlag: budget ? '--create-store' : undefined });
  } catch (err) {
    return exitForKnownError(err);
  }
  try {
    if (budget) {
      await stores.keys.setTeamBudget(budget);
      console.log(`Team '${budget.team}' now shares a budget of $${budget.budgetUsd} per ${budget.budgetPeriod} across its keys. Running gateways apply it within two seconds.`);
      return 0;
    }
    if (team !== undefined) {
      if (!(await stores.keys.removeTeamBudget(team))) {
        console.error(`Team '${team}' has no budget (see \`switchyard keys team-budgets\`).`);
        return 1;
      }
      console.log(`Removed team '${team}''s budget; its keys keep their own.`);
      return 0;
    }
    const now = Date.now();
    const rows = [];
    for (const b of await stores.keys.teamBudgets()) rows.push({ ...b, spend: await teamSpend(b, stores.usage, now) });
    if (opts.format === 'json') {
      console.log(JSON.stringify(rows, null, 2));
      return 0;
    }
    console.log(['team', 'budget', 'spent', 'updated'].join('\t'));
    for (const r of rows) {
      const usd = r.spend.usd === 0 ? '$0' : `$${r.spend.usd < 0.01 ? r.spend.usd.toFixed(6) : r.spend.usd.toFixed(4)}`;
      console.log([r.team, `$${r.budgetUsd}/${r.budgetPeriod}`, `${usd} this ${r.spend.period}`, new Date(r.updatedAt).toISOString()].join('\t'));
    }
    return 0;
  } finally {
    await stores.close();
  }
}
