import type { ConcentrationTracker } from './concentration.js';
import { policyExclusion } from './check-policy.js';
import type { KillSet, KillSubject } from './kill-set.js';
import type { ScopedPolicy } from './policy.js';

/** What the planner needs to apply provider-risk policy to one request. */
export interface RoutePolicy {
  /** The policies binding the caller (global, team, key). */
  policies: readonly ScopedPolicy[];
  kills: KillSet;
  concentration?: Pick<ConcentrationTracker, 'overCap'>;
}

/** Why policy keeps a deployment out (a kill switch first, then the policies), or undefined. */
export function policyBlock(d: KillSubject, p: RoutePolicy): string | undefined {
  return p.kills.reason(d) ?? (p.policies.length > 0 ? policyExclusion(d.info, p.policies) : undefined);
}

/** Reasons that come from policy or a kill switch, not from the request or the provider's health. */
export function isPolicyReason(reason: string): boolean {
  return reason.startsWith('policy:') || reason.startsWith('kill:');
}
