import type { DeploymentInfo } from '../deployment-info.js';
import { sameDeveloper } from './developer-name.js';
import { countryMatches } from './eu-members.js';
import type { AllowDeny, ConditionalRule, PolicyRules, ScopedPolicy } from './policy.js';

/**
 * The first rule that keeps a deployment out, as `policy:<scope>:<rule>(<value>)`, or undefined when every
 * policy allows it. A policy is a guarantee, so what is not known does not pass: a model of unknown origin
 * fails an origin rule, a provider with no known retention policy fails `zero_retention`, and so does one
 * that merely offers zero retention until the config declares the agreement. A self-hosted server is
 * outside every provider jurisdiction and passes jurisdiction rules unless `self-hosted` is denied by name.
 */
export function policyExclusion(info: DeploymentInfo, policies: readonly ScopedPolicy[]): string | undefined {
  for (const { scope, policy } of policies) {
    const own = rulesExclusion(info, policy);
    if (own) return `policy:${scope}:${own}`;
    for (const rule of policy.rules) {
      if (!applies(rule, info)) continue;
      const failed = rulesExclusion(info, rule.require);
      if (failed) return `policy:${scope}:rule=${rule.name}:${failed}`;
    }
  }
  return undefined;
}

function rulesExclusion(info: DeploymentInfo, r: PolicyRules): string | undefined {
  return (
    listExclusion('origins', r.origins, info.origin, countryMatches, r.unknownPassesDeny) ??
    listExclusion('developers', r.developers, info.developer, sameDeveloper, r.unknownPassesDeny) ??
    jurisdictionExclusion(r.jurisdictions, info, r.unknownPassesDeny) ??
    listExclusion('licenses', r.licenses, info.license, sameName, r.unknownPassesDeny) ??
    (r.denyClosedModels && info.openWeights !== true ? `closed_model(${info.openWeights === false ? 'closed' : 'unknown'})` : undefined) ??
    (r.requireZeroRetention && info.zeroRetention !== true ? `zero_retention(${info.zeroRetention === false ? 'no' : 'unknown'})` : undefined) ??
    (r.requireNoTraining && info.trainsOnPrompts !== false ? `no_training(${info.trainsOnPrompts ? 'trains' : 'unknown'})` : undefined)
  );
}

function jurisdictionExclusion(list: AllowDeny | undefined, info: DeploymentInfo, unknownPassesDeny?: boolean): string | undefined {
  if (!list) return undefined;
  if (info.selfHosted) {
    return list.deny?.includes('self-hosted') ? 'jurisdictions.deny(self-hosted)' : undefined;
  }
  return listExclusion('jurisdictions', list, info.jurisdiction, countryMatches, unknownPassesDeny);
}

function listExclusion(
  name: string,
  list: AllowDeny | undefined,
  value: string | undefined,
  matches: (entry: string, value: string) => boolean,
  unknownPassesDeny = false,
): string | undefined {
  if (!list) return undefined;
  const hasAllow = list.allow !== undefined && list.allow.length > 0;
  const hasDeny = list.deny !== undefined && list.deny.length > 0;
  if (!hasAllow && !hasDeny) return undefined;
  if (value === undefined) return hasAllow || !unknownPassesDeny ? `${name}.${hasAllow ? 'allow' : 'deny'}(unknown)` : undefined;
  if (hasDeny && list.deny!.some((e) => matches(e, value))) return `${name}.deny(${value})`;
  if (hasAllow && !list.allow!.some((e) => matches(e, value))) return `${name}.allow(${value})`;
  return undefined;
}

/** Every condition given must hold; within one, any listed value will do. */
function applies(rule: ConditionalRule, info: DeploymentInfo): boolean {
  const { origins, developers, models } = rule.when;
  if (origins && !(info.origin !== undefined && origins.some((o) => countryMatches(o, info.origin!)))) return false;
  if (developers && !(info.developer !== undefined && developers.some((d) => sameDeveloper(d, info.developer!)))) return false;
  if (models && !(info.catalogModel !== undefined && models.includes(info.catalogModel))) return false;
  return true;
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
