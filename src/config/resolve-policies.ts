import type { Static } from '@sinclair/typebox';
import type { ConcentrationLimit } from '../routing/policies/concentration.js';
import { keyPolicyName, type Policy, type PolicyRules, type PolicySet } from '../routing/policies/policy.js';
import type { ConcentrationSchema, PoliciesSchema, PolicySchema } from './config-schema.js';

type PolicyFile = Static<typeof PolicySchema>;
type RulesFile = Omit<PolicyFile, 'rules'>;

/** The `policies:` section as the planner reads it. */
export function resolvePolicies(file: Static<typeof PoliciesSchema> | undefined): PolicySet {
  if (!file) return { teams: {}, keys: {} };
  return {
    ...(file.global && { global: resolvePolicy(file.global) }),
    teams: Object.fromEntries(Object.entries(file.teams ?? {}).map(([k, p]) => [k, resolvePolicy(p)])),
    // by id or by the prefix `keys list` prints, ellipsis dropped (policiesFor looks up both)
    keys: Object.fromEntries(Object.entries(file.keys ?? {}).map(([k, p]) => [keyPolicyName(k), resolvePolicy(p)])),
  };
}

function resolvePolicy(p: PolicyFile): Policy {
  return {
    ...resolveRules(p),
    rules: (p.rules ?? []).map((r) => ({
      name: r.name,
      when: {
        ...(r.when.origins && { origins: r.when.origins }),
        ...(r.when.developers && { developers: r.when.developers }),
        ...(r.when.models && { models: r.when.models }),
      },
      require: resolveRules(r),
    })),
  };
}

function resolveRules(p: RulesFile): PolicyRules {
  return {
    ...(p.origins && { origins: p.origins }),
    ...(p.developers && { developers: p.developers }),
    ...(p.jurisdictions && { jurisdictions: p.jurisdictions }),
    ...(p.licenses && { licenses: p.licenses }),
    ...(p.closed_models === 'deny' && { denyClosedModels: true }),
    ...(p.zero_retention && { requireZeroRetention: true }),
    ...(p.no_training && { requireNoTraining: true }),
    ...(p.unknown_facts === 'allow' && { unknownPassesDeny: true }),
  };
}

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `15m` → 900000. The schema has already checked the shape. */
export function durationMs(text: string): number {
  return Number(text.slice(0, -1)) * UNIT_MS[text.slice(-1)]!;
}

export function resolveConcentration(list: ReadonlyArray<Static<typeof ConcentrationSchema>> | undefined): ConcentrationLimit[] {
  return (list ?? []).map((c) => ({
    by: c.by,
    maxShare: c.max_share,
    measure: c.measure ?? 'requests',
    windowMs: durationMs(c.window ?? '1h'),
    ...(c.only && { only: c.only }),
  }));
}
