import { describe, expect, it } from 'vitest';
import { loadDefaultCatalog } from '../../src/catalog/load-catalog.js';
import { buildConfig } from '../../src/config/load-config.js';
import { KillSet } from '../../src/routing/policies/kill-set.js';
import type { KillSwitch, KillTarget } from '../../src/routing/policies/kill-switch.js';
import { killVocabulary } from '../../src/routing/policies/kill-vocabulary.js';
import { findSwitch, validateKillTarget } from '../../src/routing/policies/validate-kill-target.js';

const config = buildConfig(
  {
    providers: {
      'DS-Main': { type: 'deepseek', api_key: 'k-000000' },
      local: { type: 'vllm', base_url: 'http://127.0.0.1:8000/v1' },
    },
    models: {
      'house-model': { deployments: ['local/my-finetune', 'DS-Main/deepseek-chat'] },
      'qwen3-32b': { deployments: ['local/Qwen/Qwen3-32B'] },
    },
  },
  'test',
  {},
);
const vocabulary = killVocabulary(loadDefaultCatalog(config.catalogOverrides), config);

function target(text: string, force = false): KillTarget {
  const r = validateKillTarget(text, vocabulary, force);
  if (!r.ok) throw new Error(r.message);
  return r.target;
}

function refusal(text: string, force = false): { message: string; unknown: boolean } {
  const r = validateKillTarget(text, vocabulary, force);
  if (r.ok) throw new Error(`${text} was accepted as ${r.target.kind}:${r.target.value}`);
  return r;
}

describe('validateKillTarget', () => {
  it('takes a configured provider id or a provider type, in one spelling', () => {
    expect(target('provider:DS-Main')).toEqual({ kind: 'provider', value: 'ds-main' });
    expect(target('provider:Together')).toEqual({ kind: 'provider', value: 'together' });
    expect(target('provider:vllm')).toEqual({ kind: 'provider', value: 'vllm' });
    const r = refusal('provider:nosuch');
    expect(r.unknown).toBe(true);
    expect(r.message).toContain('ds-main');
    expect(refusal('provider:togehter').message).toContain("Did you mean 'together'?");
  });

  it('takes a developer however it is spelled, as one canonical name', () => {
    for (const spelling of ['moonshot', 'Moonshot AI', 'moonshotai', 'kimi', 'MOONSHOT-AI']) {
      expect(target(`developer:${spelling}`)).toEqual({ kind: 'developer', value: 'moonshotai' });
    }
    expect(target('developer:OpenAI')).toEqual({ kind: 'developer', value: 'openai' });
    expect(target('developer:zai')).toEqual({ kind: 'developer', value: 'zhipuai' });
    const r = refusal('developer:opnai');
    expect(r.message).toContain("Did you mean 'openai'?");
    expect(r.unknown).toBe(true);
  });

  it('takes a real ISO 3166-1 country code or EU, upper case', () => {
    expect(target('origin:cn')).toEqual({ kind: 'origin', value: 'CN' });
    expect(target('origin:EU')).toEqual({ kind: 'origin', value: 'EU' });
    expect(target('origin:ZW')).toEqual({ kind: 'origin', value: 'ZW' });
    expect(refusal('origin:XX').message).toContain('not an ISO 3166-1 alpha-2 country code');
    expect(refusal('origin:UK').message).toContain('origin:GB');
    expect(refusal('origin:China').message).toContain('not a country code');
    // a country list is a fact: forcing does not make XX a country
    expect(refusal('origin:XX', true).unknown).toBe(false);
  });

  it('takes catalog ids, aliases (as the id) and providers\' model names', () => {
    expect(target('model:DeepSeek-V3.2')).toEqual({ kind: 'model', value: 'deepseek-v3.2' });
    expect(target('model:Qwen/Qwen3-32B')).toEqual({ kind: 'model', value: 'qwen3-32b' });
    expect(target('model:my-finetune')).toEqual({ kind: 'model', value: 'my-finetune' });
    expect(target('model:deepseek-chat')).toEqual({ kind: 'model', value: 'deepseek-chat' });
    const typo = refusal('model:deepseek-v3.22');
    expect(typo.unknown).toBe(true);
    expect(typo.message).toContain("'deepseek-v3.2'");
    expect(refusal('model:typo').message).toContain('names no model');
  });

  it('refuses a configured model name no switch would match, and says what to kill instead', () => {
    const r = refusal('model:house-model', true);
    expect(r.unknown).toBe(false);
    expect(r.message).toContain('model:my-finetune');
    expect(r.message).toContain('model:deepseek-chat');
  });

  it('with force, stores a name not known yet, canonicalised', () => {
    expect(target('provider:NewCloud', true)).toEqual({ kind: 'provider', value: 'newcloud' });
    expect(target('developer:New Labs AI', true)).toEqual({ kind: 'developer', value: 'newlabsai' });
    expect(target('model:Next-Model-9', true)).toEqual({ kind: 'model', value: 'next-model-9' });
    expect(refusal('vendor:x', true).unknown).toBe(false);
  });

  it('what it accepts, the kill set matches', () => {
    const kill = (t: KillTarget): KillSwitch => ({ target: t, actor: 't', createdAt: 1 });
    const info = { providerType: 'deepseek', developer: 'DeepSeek', origin: 'CN', catalogModel: 'deepseek-v3.2' };
    const subject = { providerId: 'DS-Main', model: 'deepseek-chat', info };
    for (const text of ['provider:ds-main', 'provider:deepseek', 'developer:deepseek-ai', 'origin:cn', 'model:deepseek-ai/DeepSeek-V3.2', 'model:deepseek-chat']) {
      expect(new KillSet([kill(target(text))]).match(subject), text).toBeDefined();
    }
  });
});

describe('findSwitch', () => {
  const stored = (kind: KillTarget['kind'], value: string): KillSwitch => ({ target: { kind, value }, actor: 'old', createdAt: 1 });
  const inForce = [stored('developer', 'moonshot ai'), stored('model', 'qwen/qwen3-32b'), stored('provider', 'DS-Main'), stored('origin', 'cn')];

  it('finds the switch in force on the same thing, however either is spelled', () => {
    expect(findSwitch(inForce, target('developer:kimi'), vocabulary)).toBe(inForce[0]);
    expect(findSwitch(inForce, target('model:qwen3-32b'), vocabulary)).toBe(inForce[1]);
    expect(findSwitch(inForce, target('provider:ds-main'), vocabulary)).toBe(inForce[2]);
    expect(findSwitch(inForce, target('origin:CN'), vocabulary)).toBe(inForce[3]);
    expect(findSwitch(inForce, target('developer:openai'), vocabulary)).toBeUndefined();
    expect(findSwitch(inForce, target('provider:deepseek'), vocabulary)).toBeUndefined();
  });
});
