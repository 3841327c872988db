import { parseChatRequest } from '../api/openai/parse-chat-request.js';
import { killTargetText } from '../routing/policies/kill-switch.js';
import { policiesFor } from '../routing/policies/policy.js';
import { isPolicyReason } from '../routing/policies/route-policy.js';
import { planChatRequest } from '../routing/plan-request.js';
import { loadCommandConfig } from './command-config.js';
import { exitForKnownError } from './known-error.js';
import { CallerError } from '../auth/caller-of.js';
import { openStorePlanner } from './store-planner.js';

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
  if (!opts.model) {
    console.error('Usage: switchyard policy explain --model M [--key KEY | --team TEAM] [--config FILE]');
    return 2;
  }
  const model = opts.model;
  try {
    const cc = await loadCommandConfig(opts.config, { sendsNothing: true });
    const sp = await openStorePlanner(cc);
    try {
      const principal = await sp.caller(opts);
      const team = principal?.team;
      const keyId = principal?.keyId;
      const keyPrefix = principal?.record?.prefix;
      const policies = policiesFor(cc.config.policies, { ...(team !== undefined && { team }), ...(keyId !== undefined && { keyId }), ...(keyPrefix !== undefined && { keyPrefix }) });
      const kills = sp.kills;
      const plan = planChatRequest(parseChatRequest({ model, messages: [{ role: 'user', content: '-' }] }), sp.planner, principal, 0);
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
      await sp.close();
    }
  } catch (err) {
    if (err instanceof CallerError) {
      console.error(err.message);
      return 2;
    }
    return exitForKnownError(err);
  }
}
