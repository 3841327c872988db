import { describe, expect, it } from 'vitest';
import { resolvePolicies } from '../../src/config/resolve-policies.js';
import { policiesFor } from '../../src/routing/policies/policy.js';

describe('policiesFor', () => {
  const set = resolvePolicies({
    global: { closed_models: 'deny' },
    teams: { legal: { zero_retention: true } },
    keys: {
      '6f1c2d3e-0000-4000-8000-000000000001': { no_training: true },
      'sy-AbCdEfG…': { origins: { deny: ['CN'] } },
      'sy-HiJkLmN...': { origins: { deny: ['RU'] } },
    },
  });

  it("finds a key's policy by its id and by its printed prefix, with or without the ellipsis", () => {
    const scopes = (caller: Parameters<typeof policiesFor>[1]) => policiesFor(set, caller).map((p) => p.scope);
    expect(scopes({ team: 'legal', keyId: '6f1c2d3e-0000-4000-8000-000000000001', keyPrefix: 'sy-zzzzzzz' })).toEqual([
      'global',
      'team=legal',
      'key=6f1c2d3e-0000-4000-8000-000000000001',
    ]);
    expect(scopes({ keyId: 'other', keyPrefix: 'sy-AbCdEfG' })).toEqual(['global', 'key=sy-AbCdEfG']);
    expect(scopes({ keyId: 'other', keyPrefix: 'sy-HiJkLmN' })).toEqual(['global', 'key=sy-HiJkLmN']);
  });

  it("takes only the set's own entries: a team or key named like an object's property has no policy", () => {
    expect(policiesFor(set, { team: 'constructor', keyId: 'toString', keyPrefix: '__proto__' }).map((p) => p.scope)).toEqual(['global']);
  });
});
