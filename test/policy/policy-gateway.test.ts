import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../support/fake-upstream.js';
import { openAIReply } from '../support/openai-replies.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

/**
 * The acceptance case of provider-risk policy, through a running gateway and the official SDK: a config
 * that allows Chinese-origin models only on US-hosted providers sends DeepSeek and Qwen traffic to
 * Together and Fireworks and never to DeepSeek's or Alibaba's own APIs, provable from the ledger.
 */
const hosts = ['deepseek', 'qwen', 'together', 'fireworks'] as const;
const upstreams: Record<string, FakeUpstream> = {};
let gateway: TestGateway;
let dbPath: string;

beforeAll(async () => {
  for (const h of hosts) {
    upstreams[h] = await FakeUpstream.start();
    upstreams[h]!.reply(openAIReply());
  }
  dbPath = join(mkdtempSync(join(tmpdir(), 'sy-policy-')), 'ledger.db');
  gateway = await startTestGateway({
    storage: `sqlite:${dbPath}`,
    providers: Object.fromEntries(hosts.map((h) => [h, { type: h, api_key: 'k-000000', base_url: `${upstreams[h]!.url}/v1` }])),
    models: {
      'deepseek-v3': { deployments: ['deepseek/deepseek-chat', 'fireworks/accounts/fireworks/models/deepseek-v3p1'] },
      qwen3: { deployments: ['qwen/qwen3-235b-a22b', 'together/Qwen/Qwen3-235B-A22B-Instruct-2507-tput'] },
      'deepseek-direct': { deployments: ['deepseek/deepseek-chat'] },
    },
    policies: { global: { rules: [{ name: 'cn-models-on-us-hosts', when: { origins: ['CN'] }, jurisdictions: { allow: ['US'] } }] } },
  });
});

afterAll(async () => {
  await gateway?.close(0);
  for (const u of Object.values(upstreams)) await u.close();
});

describe('Chinese-origin models only on US hosts', () => {
  it('serves DeepSeek and Qwen from the US hosts only, streaming or not, and the ledger proves it', async () => {
    for (let i = 0; i < 10; i++) {
      for (const model of ['deepseek-v3', 'qwen3']) {
        if (i % 2 === 0) {
          const r = await gateway.client.chat.completions.create({ model, messages: [{ role: 'user', content: `q${i}` }] });
          expect(r.choices[0]!.message.content).toBe('ok');
        } else {
          const stream = await gateway.client.chat.completions.create({ model, stream: true, messages: [{ role: 'user', content: `q${i}` }] });
          let text = '';
          for await (const c of stream) text += c.choices[0]?.delta.content ?? '';
          expect(text).toBe('ok');
        }
      }
    }
    expect(upstreams.deepseek!.requests).toHaveLength(0);
    expect(upstreams.qwen!.requests).toHaveLength(0);
    expect(upstreams.fireworks!.requests).toHaveLength(10);
    expect(upstreams.together!.requests).toHaveLength(10);

    const db = new Database(dbPath, { readonly: true });
    try {
      const rows = db
        .prepare("SELECT requested_model, provider, model_origin, provider_jurisdiction, route FROM requests WHERE requested_model IN ('deepseek-v3', 'qwen3')")
        .all() as Array<{ requested_model: string; provider: string; model_origin: string; provider_jurisdiction: string; route: string }>;
      expect(rows).toHaveLength(20);
      for (const r of rows) {
        expect(r.model_origin).toBe('CN');
        expect(r.provider_jurisdiction).toBe('US');
        expect(['together', 'fireworks']).toContain(r.provider);
      }
      const byProvider = db
        .prepare("SELECT provider, COUNT(*) AS n FROM requests WHERE model_origin = 'CN' GROUP BY provider ORDER BY provider")
        .all();
      expect(byProvider).toEqual([
        { provider: 'fireworks', n: 10 },
        { provider: 'together', n: 10 },
      ]);
      // each row names the rule that shaped the decision
      const v3 = rows.find((r) => r.requested_model === 'deepseek-v3')!;
      expect(v3.route).toContain('excluded=deepseek/deepseek-chat:policy:global:rule=cn-models-on-us-hosts:jurisdictions.allow(CN)');
    } finally {
      db.close();
    }
  });

  it('a model with no compliant deployment gets 403 policy_denied naming the rule, and nothing is sent', async () => {
    const before = upstreams.deepseek!.requests.length;
    const err = await gateway.client.chat.completions.create({ model: 'deepseek-direct', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.PermissionDeniedError);
    const e = err as InstanceType<typeof OpenAI.PermissionDeniedError>;
    expect(e.status).toBe(403);
    expect(e.code).toBe('policy_denied');
    expect((e.error as { rules?: string[] }).rules).toEqual(['policy:global:rule=cn-models-on-us-hosts:jurisdictions.allow(CN)']);
    expect(e.headers.get('x-switchyard-route')).toContain('policy:global:rule=cn-models-on-us-hosts');
    expect(upstreams.deepseek!.requests.length).toBe(before);
    const db = new Database(dbPath, { readonly: true });
    try {
      const row = db.prepare("SELECT status, error_code FROM requests WHERE requested_model = 'deepseek-direct'").get();
      expect(row).toEqual({ status: 403, error_code: 'policy_denied' });
    } finally {
      db.close();
    }
  });
});

describe('config', () => {
  it('reports every bad policy field with its path', async () => {
    const { buildConfig } = await import('../../src/config/load-config.js');
    let message = '';
    try {
      buildConfig(
        {
          policies: { global: { origins: { allow: ['china'] }, mystery: true }, teams: { a: { rules: [{ name: 'x y', when: {} }] } } },
          concentration: [{ by: 'vendor', max_share: 2 }],
        },
        'test',
        {},
      );
    } catch (err) {
      message = (err as Error).message;
    }
    for (const path of ['policies.global.mystery', 'policies.global.origins.allow[0]', 'policies.teams.a.rules[0].name', 'concentration[0].by', 'concentration[0].max_share']) {
      expect(message).toContain(`${path}: `);
    }
  });
});
