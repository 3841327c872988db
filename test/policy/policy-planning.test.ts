import { describe, expect, it } from 'vitest';
import { parseChatRequest } from '../../src/api/openai/parse-chat-request.js';
import { loadDefaultCatalog } from '../../src/catalog/load-catalog.js';
import { buildConfig } from '../../src/config/load-config.js';
import { MemoryDeploymentHealth } from '../../src/routing/health/memory-deployment-health.js';
import { KillSet } from '../../src/routing/policies/kill-set.js';
import type { KillTarget } from '../../src/routing/policies/kill-switch.js';
import { policiesFor } from '../../src/routing/policies/policy.js';
import { emptyPlanError, planChatRoute } from '../../src/routing/plan-route.js';
import { buildProviders } from '../../src/server/build-providers.js';

/**
 * Policies in the planner, on real catalog facts: DeepSeek V3.1 (developer DeepSeek, origin CN) at its
 * own API (hosted CN), Together (US, keeps prompts unless turned off, no training) and Fireworks (US, keeps
 * nothing, no training); Qwen3 (Alibaba, CN) at
 * DashScope international (SG) and Together; Claude (Anthropic, US, closed weights); Mistral Large (FR) at
 * Mistral; a self-hosted vLLM server.
 */
function setup(policies: Record<string, unknown> = {}) {
  const config = buildConfig(
    {
      providers: {
        deepseek: { type: 'deepseek', api_key: 'k-000000', base_url: 'http://127.0.0.1:9/v1' },
        qwen: { type: 'qwen', api_key: 'k-000000', base_url: 'http://127.0.0.1:9/v1' },
        together: { type: 'together', api_key: 'k-000000', base_url: 'http://127.0.0.1:9/v1' },
        fireworks: { type: 'fireworks', api_key: 'k-000000', base_url: 'http://127.0.0.1:9/v1' },
        claude: { type: 'anthropic', api_key: 'k-000000', base_url: 'http://127.0.0.1:9/v1' },
        mistral: { type: 'mistral', api_key: 'k-000000', base_url: 'http://127.0.0.1:9/v1' },
        box: { type: 'vllm', base_url: 'http://127.0.0.1:9/v1' },
      },
      models: {
        v3: { deployments: ['deepseek/deepseek-chat', 'together/deepseek-ai/DeepSeek-V3.1', 'fireworks/accounts/fireworks/models/deepseek-v3p1'] },
        qwen3: { deployments: ['qwen/qwen3-235b-a22b', 'together/Qwen/Qwen3-235B-A22B-Instruct-2507-tput'] },
        sonnet: { deployments: ['claude/claude-sonnet-4-5'] },
        large: { deployments: ['mistral/mistral-large-latest'] },
        local: { deployments: ['box/Qwen/Qwen3-32B'] },
      },
      routes: { chat: { strategy: 'fallback', targets: ['v3', 'sonnet', 'large', 'local'] } },
      ...(Object.keys(policies).length > 0 && { policies }),
    },
    'test',
    {},
  );
  const { models } = buildProviders(config, loadDefaultCatalog());
  const plan = (model: string, caller: { team?: string; keyId?: string } = {}, kills: KillTarget[] = []) =>
    planChatRoute(parseChatRequest({ model, messages: [{ role: 'user', content: 'hi' }] }), models, {
      health: new MemoryDeploymentHealth(),
      random: () => 0,
      inputTokens: 10,
      policy: {
        policies: policiesFor(config.policies, caller),
        kills: new KillSet(kills.map((target) => ({ target, actor: 't', createdAt: 0 }))),
      },
    });
  return { config, plan };
}
type Plan = ReturnType<ReturnType<typeof setup>['plan']>;
const served = (p: Plan) => p.attempts.map((a) => `${a.providerId}/${a.model}`);
const why = (p: Plan) => Object.fromEntries(p.excluded.map((e) => [`${e.providerId}/${e.model}`, e.reason]));

describe('origin and jurisdiction rules', () => {
  it('Chinese-origin models only on US hosts: the developers own APIs are excluded, each with the rule', () => {
    const { plan } = setup({ global: { rules: [{ name: 'cn-on-us-hosts', when: { origins: ['CN'] }, jurisdictions: { allow: ['US'] } }] } });
    const v3 = plan('v3');
    expect(served(v3)).toEqual(['together/deepseek-ai/DeepSeek-V3.1', 'fireworks/accounts/fireworks/models/deepseek-v3p1']);
    expect(why(v3)).toEqual({ 'deepseek/deepseek-chat': 'policy:global:rule=cn-on-us-hosts:jurisdictions.allow(CN)' });
    const q = plan('qwen3');
    expect(served(q)).toEqual(['together/Qwen/Qwen3-235B-A22B-Instruct-2507-tput']);
    expect(why(q)).toEqual({ 'qwen/qwen3-235b-a22b': 'policy:global:rule=cn-on-us-hosts:jurisdictions.allow(SG)' });
    // the rule does not touch models of other origins
    expect(served(plan('large'))).toEqual(['mistral/mistral-large-latest']);
  });

  it('denying an origin removes its models everywhere; EU names the member states', () => {
    const { plan } = setup({ global: { origins: { deny: ['CN'] } } });
    const chat = plan('chat');
    expect(served(chat)).toEqual(['claude/claude-sonnet-4-5', 'mistral/mistral-large-latest', 'box/Qwen/Qwen3-32B'].filter((d) => !d.startsWith('box')));
    expect(why(chat)['box/Qwen/Qwen3-32B']).toBe('policy:global:origins.deny(CN)');
    const eu = setup({ global: { jurisdictions: { allow: ['EU'] } } }).plan('chat');
    // Mistral is hosted in France; a self-hosted server passes jurisdiction rules
    expect(served(eu)).toEqual(['mistral/mistral-large-latest', 'box/Qwen/Qwen3-32B']);
    expect(why(eu)['claude/claude-sonnet-4-5']).toBe('policy:global:jurisdictions.allow(US)');
  });

  it('what is not known does not pass a rule meant as a guarantee', () => {
    // DeepSeek publishes no data policy the catalog could record: unknown, so no zero-retention guarantee;
    // Together keeps prompts unless the organization turns storage off (nobody declared it here)
    const { plan } = setup({ global: { zero_retention: true } });
    expect(why(plan('v3'))).toEqual({
      'deepseek/deepseek-chat': 'policy:global:zero_retention(unknown)',
      'together/deepseek-ai/DeepSeek-V3.1': 'policy:global:zero_retention(no)',
    });
    const train = setup({ global: { no_training: true } }).plan('v3');
    expect(why(train)).toEqual({ 'deepseek/deepseek-chat': 'policy:global:no_training(unknown)' });
  });

  it('closed models and licences', () => {
    const closed = setup({ global: { closed_models: 'deny' } }).plan('chat');
    expect(why(closed)['claude/claude-sonnet-4-5']).toBe('policy:global:closed_model(closed)');
    expect(served(closed)).toContain('together/deepseek-ai/DeepSeek-V3.1');
    const lic = setup({ global: { licenses: { allow: ['mit'] } } }).plan('qwen3');
    // Qwen3 is Apache-2.0, not MIT
    expect(lic.attempts).toHaveLength(0);
    expect(Object.values(why(lic))[0]).toMatch(/^policy:global:licenses\.allow\(apache-2\.0\)$/i);
  });
});

describe('levels combine and the strictest wins', () => {
  const { plan } = setup({
    global: { origins: { deny: ['RU'] } },
    teams: { research: { developers: { deny: ['deepseek'] } }, legal: { jurisdictions: { allow: ['US'] }, zero_retention: true } },
    keys: { key_strict: { origins: { allow: ['US'] } } },
  });

  it('a team rule applies to its team only', () => {
    expect(served(plan('v3'))).toHaveLength(3);
    const r = plan('v3', { team: 'research' });
    expect(r.attempts).toHaveLength(0);
    expect(new Set(Object.values(why(r)))).toEqual(new Set(['policy:team=research:developers.deny(DeepSeek)']));
    const legal = plan('v3', { team: 'legal' });
    expect(served(legal)).toEqual(['fireworks/accounts/fireworks/models/deepseek-v3p1']);
    expect(why(legal)['together/deepseek-ai/DeepSeek-V3.1']).toBe('policy:team=legal:zero_retention(no)');
  });

  it('a key rule adds to its team rule: only what both allow is left', () => {
    const p = plan('chat', { team: 'research', keyId: 'key_strict' });
    expect(served(p)).toEqual(['claude/claude-sonnet-4-5']);
    expect(why(p)['together/deepseek-ai/DeepSeek-V3.1']).toBe('policy:team=research:developers.deny(DeepSeek)');
    expect(why(p)['mistral/mistral-large-latest']).toBe('policy:key=key_strict:origins.allow(FR)');
  });

  it('no compliant deployment: 403 policy_denied naming the rules, never a silent switch', () => {
    const p = plan('v3', { team: 'research' });
    const err = emptyPlanError(p);
    expect(err.status).toBe(403);
    expect(err.code).toBe('policy_denied');
    expect(err.rules).toEqual(['policy:team=research:developers.deny(DeepSeek)']);
    expect(err.message).toContain('deepseek/deepseek-chat: policy:team=research:developers.deny(DeepSeek)');
  });
});

describe('kill switches', () => {
  const { plan } = setup();
  it('match a provider id or type, a developer, an origin and a model', () => {
    expect(why(plan('v3', {}, [{ kind: 'provider', value: 'together' }]))).toEqual({ 'together/deepseek-ai/DeepSeek-V3.1': 'kill:provider:together' });
    expect(served(plan('chat', {}, [{ kind: 'developer', value: 'deepseek' }]))).toEqual([
      'claude/claude-sonnet-4-5',
      'mistral/mistral-large-latest',
      'box/Qwen/Qwen3-32B',
    ]);
    expect(served(plan('chat', {}, [{ kind: 'origin', value: 'CN' }]))).toEqual(['claude/claude-sonnet-4-5', 'mistral/mistral-large-latest']);
    expect(served(plan('chat', {}, [{ kind: 'origin', value: 'EU' }]))).not.toContain('mistral/mistral-large-latest');
    expect(why(plan('v3', {}, [{ kind: 'model', value: 'deepseek-chat' }]))['deepseek/deepseek-chat']).toBe('kill:model:deepseek-chat');
  });

  it('developers match however they are written', () => {
    for (const value of ['mistral', 'Mistral AI', 'mistralai']) {
      expect(why(plan('large', {}, [{ kind: 'developer', value }]))['mistral/mistral-large-latest']).toMatch(/^kill:developer:/);
    }
    // Qwen3 is Alibaba's: 'qwen' names the developer too
    expect(plan('qwen3', {}, [{ kind: 'developer', value: 'qwen' }]).attempts).toHaveLength(0);
  });

  it('a kill that leaves nothing gives policy_denied', () => {
    const err = emptyPlanError(plan('sonnet', {}, [{ kind: 'provider', value: 'anthropic' }]));
    expect(err.code).toBe('policy_denied');
    expect(err.rules).toEqual(['kill:provider:anthropic']);
  });
});

describe('what counts as self-hosted', () => {
  const build = (provider: Record<string, unknown>) => {
    const config = buildConfig(
      {
        providers: { remote: provider },
        models: { m: { deployments: ['remote/deepseek-chat'] } },
        policies: { global: { jurisdictions: { allow: ['US'] }, zero_retention: true } },
      },
      'test',
      {},
    );
    const { models } = buildProviders(config, loadDefaultCatalog());
    return planChatRoute(parseChatRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }), models, {
      health: new MemoryDeploymentHealth(),
      random: () => 0,
      inputTokens: 10,
      policy: { policies: policiesFor(config.policies, {}), kills: KillSet.EMPTY },
    });
  };

  it('an openai-compatible server on a public address is a provider of unknown jurisdiction and retention', () => {
    const p = build({ type: 'openai-compatible', base_url: 'https://api.deepseek.com/v1' });
    expect(p.attempts).toHaveLength(0);
    expect(p.excluded[0]!.reason).toBe('policy:global:jurisdictions.allow(unknown)');
  });

  it('on a private address it is yours; the config may also say where a provider hosts', () => {
    expect(build({ type: 'openai-compatible', base_url: 'http://10.1.2.3:8000/v1' }).attempts).toHaveLength(1);
    expect(build({ type: 'vllm', base_url: 'http://gpu-box.internal:8000/v1' }).attempts).toHaveLength(1);
    const declared = build({ type: 'openai-compatible', base_url: 'https://llm.example.com/v1', jurisdiction: 'US' });
    // the jurisdiction is declared, the retention still unknown
    expect(declared.excluded[0]!.reason).toBe('policy:global:zero_retention(unknown)');
    expect(build({ type: 'openai-compatible', base_url: 'https://llm.example.com/v1', self_hosted: true }).attempts).toHaveLength(1);
  });
});

describe('unknown facts', () => {
  it('fail a deny list unless the policy lets unknown values through deny lists; allow lists still need them', () => {
    const strict = setup({ global: { origins: { deny: ['RU'] } } }).plan('local');
    // a self-hosted server serving a name the catalog knows (Qwen3-32B) has a known origin: allowed
    expect(strict.attempts).toHaveLength(1);
    const unknownModel = (policy: Record<string, unknown>) => {
      const config = buildConfig(
        { providers: { box: { type: 'vllm', base_url: 'http://127.0.0.1:9/v1' } }, models: { mine: { deployments: ['box/acme-finetune-7b'] } }, policies: { global: policy } },
        'test',
        {},
      );
      const { models } = buildProviders(config, loadDefaultCatalog());
      return planChatRoute(parseChatRequest({ model: 'mine', messages: [{ role: 'user', content: 'hi' }] }), models, {
        health: new MemoryDeploymentHealth(),
        random: () => 0,
        inputTokens: 10,
        policy: { policies: policiesFor(config.policies, {}), kills: KillSet.EMPTY },
      });
    };
    expect(unknownModel({ origins: { deny: ['RU'] } }).excluded[0]!.reason).toBe('policy:global:origins.deny(unknown)');
    expect(unknownModel({ origins: { deny: ['RU'] }, unknown_facts: 'allow' }).attempts).toHaveLength(1);
    expect(unknownModel({ origins: { allow: ['US'] }, unknown_facts: 'allow' }).excluded[0]!.reason).toBe('policy:global:origins.allow(unknown)');
  });
});
