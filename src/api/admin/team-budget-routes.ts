import type { KeyStore } from '../../auth/key-record.js';
import { teamSpend } from '../../auth/key-spend.js';
import { decodePathPart } from '../../http/decode-path-part.js';
import type { RouteTable } from '../../http/route-table.js';
import type { UsageQueries } from '../../ledger/usage-queries.js';
import { GatewayError } from '../../spec/gateway-error.js';
import { parseTeamBudget } from './key-fields.js';

/**
 * Team budgets over the admin API: a budget a team's keys share, reserved against by each of their
 * requests as a key's own budget is (docs/admin-api.md#team-budgets). Gateways see a change within two
 * seconds, as they see a revocation.
 */
export function registerTeamBudgetRoutes(routes: RouteTable, deps: { keys: KeyStore; usage: UsageQueries; now: () => number }): void {
  const admin = { admin: true };
  routes.get(
    '/admin/team-budgets',
    async () => {
      const budgets = await deps.keys.teamBudgets();
      const now = deps.now();
      const data = [];
      for (const b of budgets) data.push({ ...b, spend: await teamSpend(b, deps.usage, now) });
      return { object: 'list', data };
    },
    admin,
  );
  routes.post('/admin/team-budgets', async (rc) => deps.keys.setTeamBudget(parseTeamBudget(rc.body, deps.now())), admin);
  routes.delete(
    '/admin/team-budgets/*',
    async (rc) => {
      const team = decodePathPart(rc.path.slice('/admin/team-budgets/'.length));
      if (!(await deps.keys.removeTeamBudget(team))) throw new GatewayError('not_found', `Team '${team.slice(0, 200)}' has no budget.`);
      return { team, deleted: true };
    },
    admin,
  );
}
