import { decodePathPart } from '../../http/decode-path-part.js';
import type { RouteTable } from '../../http/route-table.js';
import { killTargetText, type ControlStore, type KillSwitch, type KillTarget } from '../../routing/policies/kill-switch.js';
import type { KillVocabulary } from '../../routing/policies/kill-vocabulary.js';
import type { PolicyRuntime } from '../../routing/policies/policy-runtime.js';
import { findSwitch, validateKillTarget } from '../../routing/policies/validate-kill-target.js';
import { GatewayError } from '../../spec/gateway-error.js';
import { invalid, optionalBoolean, optionalString, requireObject } from '../openai/read-fields.js';
import { rejectUnknownFields, rejectUnknownParams } from './reject-unknown-fields.js';

export interface KillSwitchDeps {
  control: ControlStore;
  /** Tells the other processes at once (they would see it within a second anyway). */
  announce: (target: string) => void;
  policy: PolicyRuntime;
  /** The names a target is checked against: the config's and the catalog's. */
  vocabulary: KillVocabulary;
  now: () => number;
}

/** The fields `POST /admin/kills` takes (docs/admin-api.md). */
export const KILL_FIELDS = ['target', 'reason', 'actor', 'force'] as const;

/**
 * Kill switches over the admin API: list, pull (`POST /admin/kills {"target": "provider:deepseek",
 * "reason": "..."}`), release (`DELETE /admin/kills/provider:deepseek`), the audit log, and this process's
 * traffic shares under the concentration caps. A change is read back at once here and reaches the other
 * processes within a second. Targets are checked and canonicalised as the CLI does (validate-kill-target).
 */
export function registerKillSwitchRoutes(routes: RouteTable, deps: KillSwitchDeps): void {
  const admin = { admin: true };
  routes.get('/admin/kills', async () => ({ object: 'list', data: (await deps.control.listKills()).map(wire) }), admin);
  routes.post(
    '/admin/kills',
    async (rc) => {
      const b = requireObject(rc.body, 'body');
      rejectUnknownFields(b, KILL_FIELDS);
      const force = optionalBoolean(b, 'force') ?? false;
      const checked = targetFrom(optionalString(b, 'target'), deps.vocabulary, force);
      const reason = optionalString(b, 'reason');
      const actor = `admin-api${actorSuffix(optionalString(b, 'actor'))}`;
      // a switch already in force under another spelling is the one pulled again: never two for one thing
      const target = findSwitch(await deps.control.listKills(), checked, deps.vocabulary)?.target ?? checked;
      const s = await deps.control.kill(target, actor, reason, deps.now());
      await deps.policy.watcher.refresh(true);
      deps.announce(killTargetText(target));
      return wire(s);
    },
    admin,
  );
  routes.delete(
    '/admin/kills/*',
    async (rc) => {
      // releasing needs no known name (a switch may outlive the provider it stopped), only the one in force
      const asked = targetFrom(decodePathPart(rc.path.slice('/admin/kills/'.length)), deps.vocabulary, true);
      const target = findSwitch(await deps.control.listKills(), asked, deps.vocabulary)?.target ?? asked;
      const params = new URL(rc.req.url ?? '/', 'http://admin').searchParams;
      rejectUnknownParams(params, ['reason', 'actor']);
      const actor = `admin-api${actorSuffix(params.get('actor') ?? undefined)}`;
      const released = await deps.control.unkill(target, actor, params.get('reason') ?? undefined, deps.now());
      if (!released) throw new GatewayError('not_found', `No kill switch on '${killTargetText(target)}' is in force.`);
      await deps.policy.watcher.refresh(true);
      deps.announce(killTargetText(target));
      return wire(released);
    },
    admin,
  );
  routes.get(
    '/admin/audit',
    async (rc) => {
      const params = new URL(rc.req.url ?? '/', 'http://admin').searchParams;
      rejectUnknownParams(params, ['limit']);
      const limit = Number(params.get('limit') ?? 100);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw invalid('limit', 'expected an integer from 1 to 10000.');
      return { object: 'list', data: await deps.control.audit(limit) };
    },
    admin,
  );
  routes.get(
    '/admin/concentration',
    async () => ({
      object: 'list',
      data: (deps.policy.concentration?.shares() ?? []).map((s) => ({
        by: s.limit.by,
        group: s.group,
        measure: s.limit.measure,
        share: s.share,
        max_share: s.limit.maxShare,
        window_ms: s.limit.windowMs,
      })),
    }),
    admin,
  );
}

function targetFrom(text: string | undefined, vocabulary: KillVocabulary, force: boolean): KillTarget {
  if (!text) throw invalid('target', 'is required: provider:<id>, developer:<id>, origin:<country> or model:<model>.');
  const checked = validateKillTarget(text, vocabulary, force);
  if (!checked.ok) throw invalid('target', checked.unknown ? `${checked.message} Send "force": true to kill a name not known yet.` : checked.message);
  return checked.target;
}

function actorSuffix(actor: string | undefined): string {
  // printable, short: it goes into the audit log as given
  return actor ? `:${actor.replace(/[^\x20-\x7e]/g, '?').slice(0, 100)}` : '';
}

function wire(s: KillSwitch) {
  return { target: killTargetText(s.target), reason: s.reason ?? null, actor: s.actor, created_at: s.createdAt };
}
