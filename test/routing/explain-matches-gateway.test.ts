import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runPolicyExplain } from '../../src/cli/policy-explain-command.js';
import { runRouteExplain } from '../../src/cli/route-explain-command.js';
import { FakeUpstream } from '../support/fake-upstream.js';
import { openAIReply } from '../support/openai-replies.js';
import { runCli } from '../support/run-cli.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

/**
 * Explain = execute: for a matrix of configs, callers, requests and kill switches, `switchyard route
 * explain` (reading the config file and the gateway's store) and POST /admin/route/explain print exactly
 * the `x-switchyard-route` header the running gateway sends for the same request from the same caller.
 */
const MASTER = 'sy-master-for-explain-tests-0123456789';
const ADMIN = 'sy-admin-for-explain-tests-0123456789';
const HOSTS = ['ds', 'tg', 'fw', 'oa', 'local'] as const;
const TYPES: Record<(typeof HOSTS)[number], string> = { ds: 'deepseek', tg: 'together', fw: 'fireworks', oa: 'openai', local: 'vllm' };
const upstreams: Partial<Record<string, FakeUpstream>> = {};
const dir = mkdtempSync(join(tmpdir(), 'sy-explain-'));

function configTree(name: string, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    auth: { master_key: MASTER, admin_key: ADMIN },
    storage: `sqlite:${join(dir, `${name}.db`)}`,
    providers: Object.fromEntries(
      HOSTS.map((h) => [h, { type: TYPES[h], base_url: `${upstreams[h]!.url}/v1`, ...(h !== 'local' && { api_key: 'k-000000' }) }]),
    ),
    models: {
      'deepseek-v3.1': {
        deployments: ['ds/deepseek-chat', 'tg/deepseek-ai/DeepSeek-V3.1', 'fw/accounts/fireworks/models/deepseek-v3p1', 'local/deepseek-v3.1'],
      },
      gpt: { deployments: ['oa/gpt-4o-mini'] },
    },
    routes: { auto: { strategy: 'cost-quality', weak: ['deepseek-v3.1'], strong: ['gpt'] } },
    ...extra,
  };
}

/** Built once the fake upstreams listen. */
const CONFIGS: Record<'policies' | 'plain', () => Record<string, unknown>> = {
  policies: () => configTree('policies', {
    policies: {
      global: { rules: [{ name: 'cn-on-us-hosts', when: { origins: ['CN'] }, jurisdictions: { allow: ['US', 'self-hosted'] } }] },
      teams: { legal: { zero_retention: true }, research: { origins: { deny: ['CN'] } } },
    },
  }),
  plain: () => configTree('plain', {}),
};

const REQUESTS: Array<Record<string, unknown>> = [
  { model: 'deepseek-v3.1' },
  { model: 'deepseek-v3.1', provider: { sort: 'price' } },
  { model: 'deepseek-v3.1', provider: { ignore: ['tg'] } },
  { model: 'deepseek-v3.1', provider: { zdr: true } },
  { model: 'gpt', models: ['deepseek-v3.1'] },
  { model: 'no-such-model', models: ['gpt', 'deepseek-v3.1'] },
  { model: 'auto' },
  { model: 'auto', messages: [{ role: 'user', content: 'Prove that there are infinitely many primes p such that p + 2 is also prime, or explain why it is open.' }] },
];

const KILLS = [[], ['provider:tg'], ['developer:deepseek']];

beforeAll(async () => {
  for (const h of HOSTS) {
    upstreams[h] = await FakeUpstream.start();
    upstreams[h]!.reply(openAIReply(`from ${h}`));
  }
});

afterAll(async () => {
  for (const u of Object.values(upstreams)) await u!.close();
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Run an explain command in this process and return what it printed on stdout. */
async function captured(run: () => Promise<number>): Promise<{ code: number; out: string }> {
  let out = '';
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void (out += `${args.join(' ')}\n`));
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const code = await run();
  vi.restoreAllMocks();
  return { code, out };
}

for (const [name, treeOf] of Object.entries(CONFIGS)) {
  describe(`config '${name}': route explain equals the gateway's route`, () => {
    let gateway: TestGateway;
    const file = join(dir, `${name}.yaml`);
    const callers: Array<{ label: string; bearer: string; key?: string }> = [{ label: 'master key', bearer: MASTER }];

    beforeAll(async () => {
      const tree = treeOf();
      writeFileSync(file, JSON.stringify(tree, null, 2)); // JSON is YAML
      gateway = await startTestGateway(tree);
      for (const [team, budget] of [['legal', undefined], ['research', 5]] as const) {
        const res = await admin('POST', '/admin/keys', { team, ...(budget !== undefined && { budget_usd: budget }) });
        const created = (await res.json()) as { key: string; id: string; prefix: string };
        callers.push({ label: `key of team ${team}`, bearer: created.key, key: team === 'legal' ? created.id : `${created.prefix}…` });
      }
    });

    afterAll(async () => {
      await gateway?.close(0);
    });

    function admin(method: string, path: string, body?: unknown): Promise<Response> {
      return fetch(`${gateway.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
    }

    for (const kills of KILLS) {
      it(`kills [${kills.join(', ')}]: every caller and request`, async () => {
        for (const target of kills) expect((await admin('POST', '/admin/kills', { target, reason: 'explain test' })).status).toBe(200);
        try {
          let served = 0;
          let refused = 0;
          for (const caller of callers) {
            for (const request of REQUESTS) {
              const body = { messages: [{ role: 'user', content: 'Hello' }], ...request };
              const res = await fetch(`${gateway.url}/v1/chat/completions`, {
                method: 'POST',
                headers: { authorization: `Bearer ${caller.bearer}`, 'content-type': 'application/json' },
                body: JSON.stringify(body),
              });
              const header = res.headers.get('x-switchyard-route');
              if (res.status === 200) served++;
              else refused++;
              const requestFile = join(dir, 'request.json');
              writeFileSync(requestFile, JSON.stringify(body));
              const cli = await captured(() => runRouteExplain({ config: file, request: requestFile, format: 'json', ...(caller.key && { key: caller.key }) }));
              const explained = JSON.parse(cli.out) as { route: string; attempts: unknown[] };
              const context = `${caller.label}, ${JSON.stringify(request)}: gateway ${res.status}`;
              expect(explained.route, context).toBe(header);
              expect(cli.code === 0, context).toBe(res.status === 200);
              const live = (await (
                await admin('POST', '/admin/route/explain', { request: body, ...(caller.key && { key: caller.key }) })
              ).json()) as { route: string };
              expect(live.route, context).toBe(header);
            }
          }
          // the matrix exercises both outcomes
          expect(served).toBeGreaterThan(0);
          if (name === 'policies' || kills.includes('developer:deepseek')) expect(refused).toBeGreaterThan(0);
        } finally {
          for (const target of kills) await admin('DELETE', `/admin/kills/${encodeURIComponent(target)}`);
        }
      }, 60_000);
    }

    it('policy explain lists exactly the deployments the gateway may use for the caller', async () => {
      for (const caller of callers) {
        const { out } = await captured(() => runPolicyExplain({ config: file, model: 'deepseek-v3.1', format: 'json', ...(caller.key && { key: caller.key }) }));
        const allowed = (JSON.parse(out) as { allowed: Array<{ deployment: string }> }).allowed.map((a) => a.deployment);
        const res = await fetch(`${gateway.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${caller.bearer}`, 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'deepseek-v3.1', messages: [{ role: 'user', content: 'Hello' }] }),
        });
        const route = res.headers.get('x-switchyard-route') ?? '';
        if (allowed.length === 0) expect(res.status).toBe(403);
        else expect(route).toContain(`served=${allowed[0]}`);
        // the same set: every deployment of the model the gateway did not exclude, no more, no less
        const all = (treeOf() as { models: Record<string, { deployments: string[] }> }).models['deepseek-v3.1']!.deployments;
        expect([...allowed].sort()).toEqual(all.filter((d) => !route.includes(`${d}:`)).sort());
      }
    });
  });
}

describe('the route explain command, as users run it', () => {
  let gateway: TestGateway;
  const file = join(dir, 'cli.yaml');

  beforeAll(async () => {
    const cliTree = { ...CONFIGS.policies(), storage: `sqlite:${join(dir, 'cli.db')}` };
    writeFileSync(file, JSON.stringify(cliTree, null, 2));
    gateway = await startTestGateway(cliTree);
  });

  afterAll(async () => {
    await gateway?.close(0);
  });

  it('names the store, applies --team and the kill switches in the store, and prints the header', async () => {
    const kill = await runCli(['kill', 'provider:fw', '--config', file]);
    expect(kill.code, kill.stderr).toBe(0);
    const r = await runCli(['route', 'explain', '--model', 'deepseek-v3.1', '--team', 'legal', '--config', file]);
    expect(r.stderr).toContain(`Store: SQLite file ${join(dir, 'cli.db')}`);
    expect(r.stdout).toContain("Route for 'deepseek-v3.1' (team legal)");
    expect(r.stdout).toMatch(/excluded fw\/accounts\/fireworks\/models\/deepseek-v3p1: kill:provider:fw/);
    expect(r.stdout).toMatch(/excluded ds\/deepseek-chat: policy:/);
    expect(r.stdout).toMatch(/^x-switchyard-route: model=deepseek-v3\.1; served=local\/deepseek-v3\.1; /m);
    expect(r.stderr).toContain('health: every circuit taken as closed');
    const unknown = await runCli(['route', 'explain', '--model', 'deepseek-v3.1', '--key', 'sy-nosuch', '--config', file]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("No key with id or prefix 'sy-nosuch'");
  });

  it("needs no provider secret in the admin's shell: explain, drill and catalog read names and rules only", async () => {
    const secretless = join(dir, 'secretless.yaml');
    writeFileSync(
      secretless,
      `storage: "sqlite:${join(dir, 'cli.db')}"\nproviders:\n  oa: { type: openai, api_key: "\${OPENAI_KEY_NOT_IN_THIS_SHELL}" }\nmodels:\n  gpt: { deployments: [oa/gpt-4o-mini] }\n`,
    );
    for (const args of [
      ['route', 'explain', '--model', 'gpt'],
      ['policy', 'explain', '--model', 'gpt'],
      ['drill', '--without', 'provider:oa'],
      ['catalog', '--providers', '--provider', 'openai'],
    ]) {
      const r = await runCli([...args, '--config', secretless]);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    }
  });

  it('POST /admin/route/explain: admin key only, a closed body, a caller that exists', async () => {
    const post = (body: unknown, bearer = ADMIN) =>
      fetch(`${gateway.url}/admin/route/explain`, { method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const request = { model: 'deepseek-v3.1', messages: [{ role: 'user', content: 'Hi' }] };
    expect((await post({ request }, MASTER)).status).toBe(401);
    const typo = await post({ request, teams: 'legal' });
    expect(typo.status).toBe(400);
    expect(await typo.json()).toMatchObject({ error: { param: 'teams', message: expect.stringContaining("did you mean 'team'") } });
    const nokey = await post({ request, key: 'sy-nosuch' });
    expect(nokey.status).toBe(400);
    expect(await nokey.json()).toMatchObject({ error: { param: 'key' } });
    const unknownModel = await post({ request: { ...request, model: 'nosuch' } });
    expect(unknownModel.status).toBe(404);
  });
});
