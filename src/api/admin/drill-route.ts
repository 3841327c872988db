import type { HealthConfig } from '../../config/gateway-config.js';
import type { RouteTable } from '../../http/route-table.js';
import { MemoryDeploymentHealth } from '../../routing/health/memory-deployment-health.js';
import type { ModelTable } from '../../routing/model-table.js';
import type { ControlStore, KillTarget } from '../../routing/policies/kill-switch.js';
import type { KillVocabulary } from '../../routing/policies/kill-vocabulary.js';
import type { PolicySet } from '../../routing/policies/policy.js';
import { runDrill } from '../../routing/policies/run-drill.js';
import type { TrafficSource } from '../../routing/policies/traffic-groups.js';
import type { UsageQueries } from '../../ledger/usage-queries.js';
import { validateKillTarget } from '../../routing/policies/validate-kill-target.js';
import { invalid, optionalBoolean, optionalString, requireObject } from '../openai/read-fields.js';
import { readTime } from './read-time-range.js';
import { rejectUnknownFields } from './reject-unknown-fields.js';

export interface DrillDeps {
  traffic: TrafficSource;
  /** The range's first and last request, so only that part is read. */
  usage: UsageQueries;
  control: ControlStore;
  /** This gateway's model table: the config the drill replays traffic through. */
  models: ModelTable;
  policies: PolicySet;
  health: HealthConfig;
  vocabulary: KillVocabulary;
  now: () => number;
}

/** The fields `POST /admin/drill` takes (docs/admin-api.md). */
export const DRILL_FIELDS = ['target', 'since', 'until', 'force'] as const;

/**
 * `POST /admin/drill {"target": "provider:deepseek", "since": "30d"}`: what `switchyard drill --without
 * <target> --json` prints for this gateway's config and store: the ledger's recent traffic replayed with
 * the target taken away (every circuit closed, the switches in force kept). Sends nothing, changes nothing.
 */
export function registerDrillRoute(routes: RouteTable, deps: DrillDeps): void {
  routes.post(
    '/admin/drill',
    async (rc) => {
      const b = requireObject(rc.body, 'body');
      rejectUnknownFields(b, DRILL_FIELDS);
      const force = optionalBoolean(b, 'force') ?? false;
      const targets = typeof b.target === 'string' ? [b.target] : Array.isArray(b.target) && b.target.length > 0 && b.target.length <= 20 && b.target.every((t) => typeof t === 'string') ? (b.target as string[]) : undefined;
      if (!targets) throw invalid('target', 'is required: provider:<id>, developer:<name>, origin:<country> or model:<model> (or a list of up to 20).');
      const without: KillTarget[] = targets.map((text) => {
        const checked = validateKillTarget(text, deps.vocabulary, force);
        if (!checked.ok) throw invalid('target', checked.unknown ? `${checked.message} Send "force": true to drill a name not known yet.` : checked.message);
        return checked.target;
      });
      const now = deps.now();
      const sinceText = optionalString(b, 'since');
      const untilText = optionalString(b, 'until');
      const since = readTime(sinceText ?? '30d', now, 'since');
      // as the CLI: the range ends just after now, so a request of this very millisecond is replayed
      const until = untilText === undefined ? now + 1 : readTime(untilText, now, 'until');
      if (until <= since) throw invalid('since', 'must be before until.');
      // read only the part of the range the ledger holds: a span of centuries must not mean a query per day
      const span = await deps.usage.span({ since, until });
      const groups = span.firstTs === undefined ? [] : await deps.traffic.trafficGroups({ since: Math.max(since, span.firstTs), until: Math.min(until, span.lastTs! + 1) });
      return runDrill({
        groups,
        table: deps.models,
        policies: deps.policies,
        kills: await deps.control.listKills(),
        without,
        health: new MemoryDeploymentHealth(deps.health),
      });
    },
    { admin: true },
  );
}
