/**
 * Provider-risk policies: which deployments a request may reach, judged by what the catalog and the config
 * know of the model (origin country, developer, licence, open weights) and of the provider (hosting
 * jurisdiction, retention, training on prompts). Policies apply at three levels (the whole gateway, a
 * team, a key) and every level must be satisfied, so the strictest wins.
 */

/** Allow and deny lists for one attribute; an empty or absent list says nothing. */
export interface AllowDeny {
  allow?: readonly string[];
  deny?: readonly string[];
}

/** A rule that applies only to deployments whose model matches `when`. */
export interface ConditionalRule {
  name: string;
  when: { origins?: readonly string[]; developers?: readonly string[]; models?: readonly string[] };
  require: PolicyRules;
}

export interface PolicyRules {
  origins?: AllowDeny;
  developers?: AllowDeny;
  jurisdictions?: AllowDeny;
  licenses?: AllowDeny;
  /** Refuse models whose weights are not published. */
  denyClosedModels?: boolean;
  /** Only providers known to offer zero data retention (self-hosted servers do). */
  requireZeroRetention?: boolean;
  /** Only providers known not to train on prompts. */
  requireNoTraining?: boolean;
  /**
   * Let a deny list pass a deployment whose value is not known (a model the catalog does not know, such
   * as most embedding models). Off by default: a deny list is then a guarantee. Allow lists always need
   * the value known.
   */
  unknownPassesDeny?: boolean;
}

export interface Policy extends PolicyRules {
  rules: readonly ConditionalRule[];
}

/** Where a policy comes from: `global`, `team=<name>`, `key=<key id>`. */
export interface ScopedPolicy {
  scope: string;
  policy: Policy;
}

export interface PolicySet {
  global?: Policy;
  teams: Readonly<Record<string, Policy>>;
  /** By key id, or by the prefix `switchyard keys list` prints (stored without its trailing `…`). */
  keys: Readonly<Record<string, Policy>>;
}

/** Who a policy set is asked about: the key by its id and its printed prefix, and the key's team. */
export interface PolicyCaller {
  team?: string;
  keyId?: string;
  keyPrefix?: string;
}

export const EMPTY_POLICY_SET: PolicySet = Object.freeze({ teams: Object.freeze({}), keys: Object.freeze({}) });

/**
 * The policies that bind one caller, outermost first. A key's policy may be written under its id or its
 * prefix; both apply when both are written.
 */
export function policiesFor(set: PolicySet, caller: PolicyCaller | undefined): ScopedPolicy[] {
  const out: ScopedPolicy[] = [];
  if (set.global) out.push({ scope: 'global', policy: set.global });
  // own entries only: a team named `constructor` has no policy
  const team = caller?.team !== undefined && Object.hasOwn(set.teams, caller.team) ? set.teams[caller.team] : undefined;
  if (team) out.push({ scope: `team=${caller!.team}`, policy: team });
  for (const name of [caller?.keyId, caller?.keyPrefix]) {
    const key = name !== undefined && Object.hasOwn(set.keys, name) ? set.keys[name] : undefined;
    if (key) out.push({ scope: `key=${name}`, policy: key });
  }
  return out;
}

/** A `policies.keys` name as written: the prefix as printed (`sy-3fa9c2x…`, or with `...`) loses its ellipsis. */
export function keyPolicyName(name: string): string {
  return name.replace(/(…|\.\.\.)$/, '');
}

export function isEmptyPolicySet(set: PolicySet): boolean {
  return !set.global && Object.keys(set.teams).length === 0 && Object.keys(set.keys).length === 0;
}
