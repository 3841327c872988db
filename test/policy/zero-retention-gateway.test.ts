import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConfig } from '../../src/config/load-config.js';
import { FakeUpstream } from '../support/fake-upstream.js';
import { openAIReply } from '../support/openai-replies.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

/**
 * The zero-retention guarantee through a running gateway, fake upstreams on loopback and the official SDK:
 * a team whose policy says `zero_retention: true`, and a request that says `provider: {zdr: true}`, never
 * reach a provider that keeps prompts (OpenAI, Anthropic, Gemini, xAI: kept for abuse monitoring; Together:
 * stored unless turned off; OpenRouter: depends on the upstream), even though each offers zero retention on
 * request. They do reach one that keeps nothing by default (Fireworks) or a server you run; and OpenAI once
 * the config declares the zero-retention agreement.
 */
const ADMIN = 'sy-admin-key-for-tests-0123456789';
const RETAINING = ['openai', 'anthropic', 'gemini', 'xai', 'together', 'openrouter'] as const;
const hosts = [...RETAINING, 'fireworks', 'box'] as const;
const upstreams: Record<string, FakeUpstream> = {};

const DEPLOYMENTS: Record<(typeof hosts)[number], string> = {
  openai: 'openai/gpt-4.1-mini',
  anthropic: 'anthropic/claude-sonnet-4-5',
  gemini: 'gemini/gemini-2.5-flash',
  xai: 'xai/grok-4',
  together: 'together/deepseek-ai/DeepSeek-V3.1',
  openrouter: 'openrouter/openai/gpt-4.1-mini',
  fireworks: 'fireworks/accounts/fireworks/models/deepseek-v3p1',
  box: 'box/Qwen/Qwen3-32B',
};

function baseUrl(host: string): string {
  const url = upstreams[host]!.url;
  return host === 'gemini' ? `${url}/v1beta` : `${url}/v1`;
}

/** A gateway over the fake upstreams; `catalog` is the config's catalog section (declared agreements). */
function start(catalog?: Record<string, unknown>): Promise<TestGateway> {
  return startTestGateway({
    auth: { admin_key: ADMIN },
    providers: Object.fromEntries(
      hosts.map((h) => [h, h === 'box' ? { type: 'vllm', base_url: baseUrl(h) } : { type: h, api_key: 'k-000000', base_url: baseUrl(h) }]),
    ),
    models: {
      // every hosted provider first, then the ones that keep nothing
      chat: { deployments: [...RETAINING.map((h) => DEPLOYMENTS[h]), DEPLOYMENTS.fireworks] },
      local: { deployments: [DEPLOYMENTS.openai, DEPLOYMENTS.box] },
      hosted: { deployments: RETAINING.map((h) => DEPLOYMENTS[h]) },
      gpt: { deployments: [DEPLOYMENTS.openai] },
    },
    policies: { teams: { legal: { zero_retention: true } } },
    ...(catalog && { catalog }),
  });
}

async function keyFor(gateway: TestGateway, team: string): Promise<OpenAI> {
  const res = await fetch(`${gateway.url}/admin/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ team }),
  });
  expect(res.status).toBe(200);
  const { key } = (await res.json()) as { key: string };
  return new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: key, maxRetries: 0, timeout: 15_000 });
}

const ask = (client: OpenAI, model: string, extra: Record<string, unknown> = {}) =>
  client.chat.completions
    .create({ model, messages: [{ role: 'user', content: 'hi' }], ...extra } as OpenAI.ChatCompletionCreateParamsNonStreaming)
    .withResponse();

const counts = () => Object.fromEntries(hosts.map((h) => [h, upstreams[h]!.requests.length]));

let plain: TestGateway;
let declared: TestGateway;

beforeAll(async () => {
  for (const h of hosts) {
    upstreams[h] = await FakeUpstream.start();
    upstreams[h]!.reply(openAIReply());
  }
  plain = await start();
  declared = await start({ providers: { openai: { zero_retention: true, retention: 'ZDR approved by OpenAI' } } });
});

afterAll(async () => {
  await plain?.close(0);
  await declared?.close(0);
  for (const u of Object.values(upstreams)) await u.close();
});

describe('zero_retention: true on a team', () => {
  it('skips every provider that keeps prompts and is served by one that keeps nothing by default', async () => {
    const before = counts();
    const legal = await keyFor(plain, 'legal');
    const { data, response } = (await ask(legal, 'chat'));
    expect(data.choices[0]!.message.content).toBe('ok');
    const route = response.headers.get('x-switchyard-route') ?? '';
    expect(route).toContain(`served=${DEPLOYMENTS.fireworks}`);
    for (const h of RETAINING) expect(route).toContain(`${DEPLOYMENTS[h]}:policy:team=legal:zero_retention(no)`);
    const after = counts();
    expect(after.fireworks).toBe(before.fireworks! + 1);
    for (const h of RETAINING) expect(after[h], h).toBe(before[h]);
  });

  it('a server you run keeps nothing: it serves the team', async () => {
    const legal = await keyFor(plain, 'legal');
    const before = counts();
    const { response } = (await ask(legal, 'local'));
    expect(response.headers.get('x-switchyard-route')).toContain(`served=${DEPLOYMENTS.box}`);
    expect(counts().box).toBe(before.box! + 1);
    expect(counts().openai).toBe(before.openai);
  });

  it('with nothing else left: 403 policy_denied naming the rule, and nothing sent', async () => {
    const legal = await keyFor(plain, 'legal');
    const before = counts();
    const err = await ask(legal, 'hosted').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.PermissionDeniedError);
    const e = err as InstanceType<typeof OpenAI.PermissionDeniedError>;
    expect(e.status).toBe(403);
    expect(e.code).toBe('policy_denied');
    expect((e.error as { rules?: string[] }).rules).toEqual(['policy:team=legal:zero_retention(no)']);
    expect(counts()).toEqual(before);
  });

  it('another team, without the rule, is served by the first deployment as before', async () => {
    const other = await keyFor(plain, 'marketing');
    const before = counts();
    const { response } = (await ask(other, 'chat'));
    expect(response.headers.get('x-switchyard-route')).toContain(`served=${DEPLOYMENTS.openai}`);
    expect(counts().openai).toBe(before.openai! + 1);
  });

  it('reaches OpenAI once the config declares a zero-retention agreement with it, and only OpenAI', async () => {
    const legal = await keyFor(declared, 'legal');
    const before = counts();
    const { response } = await ask(legal, 'hosted');
    const route = response.headers.get('x-switchyard-route') ?? '';
    expect(route).toContain(`served=${DEPLOYMENTS.openai}`);
    expect(counts().openai).toBe(before.openai! + 1);
    // the declaration is OpenAI's only: the others still keep prompts
    for (const h of RETAINING.filter((x) => x !== 'openai')) expect(route).toContain(`${DEPLOYMENTS[h]}:policy:team=legal:zero_retention(no)`);
    for (const h of RETAINING.filter((x) => x !== 'openai')) expect(counts()[h], h).toBe(before[h]);
  });
});

describe("a request's provider: {zdr: true}", () => {
  it('skips the same providers, for any team, and is served where nothing is kept', async () => {
    const other = await keyFor(plain, 'marketing');
    const before = counts();
    const { response } = (await ask(other, 'chat', { provider: { zdr: true } }));
    const route = response.headers.get('x-switchyard-route') ?? '';
    expect(route).toContain(`served=${DEPLOYMENTS.fireworks}`);
    for (const h of RETAINING) expect(route).toContain(`${DEPLOYMENTS[h]}:pref:zdr`);
    const after = counts();
    for (const h of RETAINING) expect(after[h], h).toBe(before[h]);
  });

  it('with nothing else left: a 400 naming pref:zdr, and nothing sent', async () => {
    const other = await keyFor(plain, 'marketing');
    const before = counts();
    const err = await ask(other, 'gpt', { provider: { zdr: true } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as Error).message).toContain(`${DEPLOYMENTS.openai}: pref:zdr`);
    expect(counts()).toEqual(before);
  });

  it('reaches OpenAI once the agreement is declared', async () => {
    const other = await keyFor(declared, 'marketing');
    const { response } = (await ask(other, 'gpt', { provider: { zdr: true } }));
    expect(response.headers.get('x-switchyard-route')).toContain(`served=${DEPLOYMENTS.openai}`);
  });
});

describe('GET /admin/providers', () => {
  type View = { id: string; type: string; published: { retention?: string } | null; declared: Record<string, unknown> | null; effective: { zeroRetention: boolean | null } };
  const list = async (gateway: TestGateway, auth = `Bearer ${ADMIN}`) => fetch(`${gateway.url}/admin/providers`, { headers: { authorization: auth } });

  it("shows each configured provider's facts, with the config's declaration marked as such", async () => {
    const res = await list(declared);
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: View[] };
    const byId = Object.fromEntries(data.map((v) => [v.id, v]));
    expect(Object.keys(byId).sort()).toEqual([...hosts].sort());
    expect(byId.openai).toMatchObject({
      type: 'openai',
      published: { retention: 'zero-on-request' },
      declared: { zeroRetention: true, note: 'ZDR approved by OpenAI' },
      effective: { zeroRetention: true },
    });
    expect(byId.anthropic).toMatchObject({ published: { retention: 'zero-on-request' }, declared: null, effective: { zeroRetention: false } });
    expect(byId.fireworks).toMatchObject({ published: { retention: 'zero-by-default' }, effective: { zeroRetention: true } });
    expect(byId.box).toMatchObject({ type: 'vllm', selfHosted: true, jurisdiction: null, effective: { zeroRetention: true, trainsOnPrompts: false } });
    const plainList = (await (await list(plain)).json()) as { data: View[] };
    expect(plainList.data.find((v) => v.id === 'openai')).toMatchObject({ declared: null, effective: { zeroRetention: false } });
  });

  it('needs the admin key', async () => {
    const res = await list(plain, 'Bearer not-the-admin-key-000000');
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { type: string } };
    expect(body.error).toBeDefined();
  });
});

describe('an agreement belongs to one account', () => {
  it('providers.<id>.zero_retention covers that provider only, not another of its type', async () => {
    const gateway = await startTestGateway({
      auth: { admin_key: ADMIN },
      providers: {
        contracted: { type: 'openai', api_key: 'k-000000', base_url: baseUrl('openai'), zero_retention: true },
        personal: { type: 'openai', api_key: 'k-000001', base_url: baseUrl('openai') },
      },
      models: { gpt: { deployments: ['personal/gpt-4o-mini', 'contracted/gpt-4o-mini'] } },
      policies: { teams: { legal: { zero_retention: true } } },
    });
    try {
      const legal = await keyFor(gateway, 'legal');
      const { response } = await ask(legal, 'gpt');
      const route = response.headers.get('x-switchyard-route') ?? '';
      expect(route).toContain('served=contracted/gpt-4o-mini');
      expect(route).toContain('personal/gpt-4o-mini:policy:team=legal:zero_retention(no)');
      const facts = (await (await fetch(`${gateway.url}/admin/providers`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as {
        data: Array<{ id: string; declared: Record<string, unknown> | null; effective: { zeroRetention: boolean | null } }>;
      };
      expect(facts.data.find((v) => v.id === 'contracted')).toMatchObject({ declared: { zeroRetention: true }, effective: { zeroRetention: true } });
      expect(facts.data.find((v) => v.id === 'personal')).toMatchObject({ declared: null, effective: { zeroRetention: false } });
    } finally {
      await gateway.close(0);
    }
  });

  it('a type-level declaration is refused when several providers share the type', () => {
    expect(() =>
      buildConfig(
        {
          providers: { a: { type: 'openai', api_key: 'k-000000' }, b: { type: 'openai', api_key: 'k-000001' } },
          catalog: { providers: { openai: { zero_retention: true } } },
        },
        'test',
      ),
    ).toThrow(/catalog\.providers\.openai\.zero_retention: providers a, b are all of type 'openai'/);
  });
});
