import { parseChatRequest } from '../api/openai/parse-chat-request.js';
import { MemoryDeploymentHealth } from '../routing/health/memory-deployment-health.js';
import { KillSet } from '../routing/policies/kill-set.js';
import { killTargetText } from '../routing/policies/kill-switch.js';
import { policiesFor } from '../routing/policies/policy.js';
import { isPolicyReason } from '../routing/policies/route-policy.js';
import { planChatRoute } from '../routing/plan-route.js';
import { exitForKnownError } from './known-error.js';
import { openPolicyStore } from './open-policy-store.js';
import { withConfiguredModels } from './with-configured-models.js';

export interface PolicyExplainOptions {
  config?: string;
  model?: string;
  key?: string;
  team?: string;
  format?: string;
}

/**
 * `switchyard policy explain --model M [--key K | --team T]`: which deployments of a model this caller may
 * reach and why each other one may not: the policies that bind the caller (global, team, key) and the kill
 * switches in force in the store. Nothing is sent.
 */
export async function runPolicyExplain(opts: PolicyExplainOptions): Promise<number> {
  const file = opts.config ?? process.env.SWITCHYARD_CONFIG;
  if (!file || !opts.model) {
    console.error('Usage: switchyard policy explain --model M [--key KEY_ID | --team TEAM] --config FILE (or $SWITCHYARD_CONFIG).');
    return 2;
  }
  const model = opts.model;
  try {
    return await withConfiguredModels(file, async (config, models) => {
      const store = await openPolicyStore(file);
      try {
        let team = opts.team;
        let keyId: string | undefined;
        let keyPrefix: string | undefined;
        if (opts.key) {
          const key = (await store.keys.list()).find((k) => k.id === opts.key || k.prefix === opts.key || opts.key!.startsWith(k.prefix));
          if (!key) {
            console.error(`No key with id or prefix '${opts.key}'.`);
            return 1;
          }
          keyId = key.id;
          keyPrefix = key.prefix;
          team = key.team;
        }
        const policies = policiesFor(config.policies, { ...(team !== undefined && { team }), ...(keyId !== undefined && { keyId, keyPrefix }) });
        const kills = await store.control.listKills();
        const plan = planChatRoute(parseChatRequest({ model, messages: [{ role: 'user', content: '-' }] }), models, {
          health: new MemoryDeploymentHealth(config.health),
          random: () => 0,
          inputTokens: 0,
          policy: { policies, kills: new KillSet(kills) },
        });
        const allowed = plan.attempts.map((a) => ({
          deployment: `${a.providerId}/${a.model}`,
          origin: a.info.origin ?? null,
          developer: a.info.developer ?? null,
          jurisdiction: a.info.jurisdiction ?? (a.info.selfHosted ? 'self-hosted' : null),
        }));
        const denied = plan.excluded.filter((e) => isPolicyReason(e.reason));
        const other = plan.excluded.filter((e) => !isPolicyReason(e.reason));
        if (opts.format === 'json') {
          console.log(
            JSON.stringify(
              {
                model,
                caller: { team: team ?? null, key: keyId ?? null },
                policies: policies.map((p) => p.scope),
                kills: kills.map((k) => killTargetText(k.target)),
                allowed,
                denied,
                excluded: other,
              },
              null,
              2,
            ),
          );
        } else {
          console.log(`Policy for '${model}'${team ? ` (team ${team}${keyId ? `, key ${keyId}` : ''})` : ''}:`);
          console.log(`  policies in force: ${policies.map((p) => p.scope).join(', ') || 'none'}`);
          console.log(`  kill switches: ${kills.map((k) => killTargetText(k.target)).join(', ') || 'none'}`);
          for (const a of allowed) console.log(`  allowed  ${a.deployment}  (model origin ${a.origin ?? '?'}, hosted ${a.jurisdiction ?? '?'})`);
          for (const d of denied) console.log(`  denied   ${d.providerId}/${d.model}: ${d.reason}`);
          for (const e of other) console.log(`  excluded ${e.providerId}/${e.model}: ${e.reason}`);
          if (allowed.length === 0) console.log('  nothing may serve this model for this caller: requests get 403 policy_denied');
        }
        return allowed.length > 0 ? 0 : 1;
      } finally {
        await store.close();
      }
    });
  } catch (err) {
    return exitForKnownError(err);
  }
}
