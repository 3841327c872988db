import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseChatRequest } from '../../src/api/openai/parse-chat-request.js';
import { loadRouterModel } from '../../src/routing/router/load-router-model.js';
import { decide, scoreRequest } from '../../src/routing/router/router-model.js';
import { FakeUpstream } from '../support/fake-upstream.js';
import { openAIReply } from '../support/openai-replies.js';
import { repoRoot } from '../support/run-cli.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

/**
 * `model: "auto"` through a running gateway and the official SDK: each prompt goes to the tier the shipped
 * router model predicts for it at the route's threshold, the decision is in x-switchyard-route, and a
 * request may set its own threshold. The prompts are our own fixture's (not training data).
 */
const ADMIN = 'sy-admin-key-for-auto-route-tests-01';
const model = loadRouterModel();
const prompts = readFileSync(join(repoRoot, 'test/router/fixtures/toy-routing.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { prompt: string | Array<{ role: string; content: string }> })
  .map((r) => (typeof r.prompt === 'string' ? [{ role: 'user', content: r.prompt }] : r.prompt));
/**
 * The route's raw score threshold: the median of the shipped model's scores on the fixture (to 3 decimals), so that
 * the route exercises both tiers whatever the shipped model's score range (it moves when the model is retrained).
 * Whether the model ranks prompts well is checked on real data (test/router/router-lodo.test.ts), not here.
 */
const fixtureScores = prompts.map((messages) => scoreRequest(model, parseChatRequest({ model: 'auto', messages }))).sort((a, b) => a - b);
const THRESHOLD = Math.round(fixtureScores[Math.floor(fixtureScores.length / 2)]! * 1000) / 1000;

let cheap: FakeUpstream;
let strong: FakeUpstream;
let gateway: TestGateway;

beforeAll(async () => {
  cheap = await FakeUpstream.start();
  strong = await FakeUpstream.start();
  cheap.reply(openAIReply('cheap'));
  strong.reply(openAIReply('strong'));
  gateway = await startTestGateway({
    auth: { admin_key: ADMIN },
    providers: {
      together: { type: 'together', api_key: 'k-000000', base_url: `${cheap.url}/v1` },
      openai: { type: 'openai', api_key: 'k-000000', base_url: `${strong.url}/v1` },
    },
    models: {
      'qwen3-235b': { deployments: ['together/Qwen/Qwen3-235B-A22B-Instruct-2507-tput'] },
      'gpt-5': { deployments: ['openai/gpt-5'] },
    },
    routes: { smart: { strategy: 'cost-quality', weak: ['qwen3-235b'], strong: ['gpt-5'], threshold: { score: THRESHOLD } } },
  });
});

afterAll(async () => {
  await gateway?.close(0);
  await cheap?.close();
  await strong?.close();
});

describe('model: auto', () => {
  it('sends each prompt to the tier the router predicts at the threshold, both tiers used', async () => {
    const tiers = { weak: 0, strong: 0 };
    for (const messages of prompts) {
      const expected = decide(scoreRequest(model, parseChatRequest({ model: 'auto', messages })), THRESHOLD);
      const { data, response } = await gateway.client.chat.completions
        .create({ model: 'auto', messages: messages as never })
        .withResponse();
      expect(data.choices[0]!.message.content).toBe(expected === 'weak' ? 'cheap' : 'strong');
      const route = response.headers.get('x-switchyard-route')!;
      expect(route).toMatch(new RegExp(`router=smart:${expected}\\(score=0\\.\\d{3},threshold=${THRESHOLD.toFixed(3).replace('.', '\\.')}\\)`));
      tiers[expected]++;
    }
    // the threshold splits the fixture's scores: both tiers are used
    expect(tiers.weak).toBeGreaterThan(0);
    expect(tiers.strong).toBeGreaterThan(0);
    expect(cheap.requests).toHaveLength(tiers.weak);
    expect(strong.requests).toHaveLength(tiers.strong);
  });

  it('lists auto among the models', async () => {
    const ids = (await gateway.client.models.list()).data.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['smart', 'auto', 'qwen3-235b', 'gpt-5']));
  });

  it('a request may set its own threshold: 0 sends everything cheap, 1 everything strong', async () => {
    const messages = prompts[0]!;
    const low = await gateway.client.chat.completions.create({ model: 'auto', messages: messages as never, router: { threshold: 0 } } as never);
    expect((low as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content).toBe('cheap');
    const high = await gateway.client.chat.completions
      .create({ model: 'smart', messages: messages as never, router: { strong_share: 1 } } as never)
      .withResponse();
    expect((high.data as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content).toBe('strong');
    expect(high.response.headers.get('x-switchyard-route')).toContain(',set-by-request)');
    const bad = await gateway.client.chat.completions
      .create({ model: 'auto', messages: messages as never, router: { threshold: 2 } } as never)
      .catch((e: { status: number; param: string }) => e);
    expect(bad).toMatchObject({ status: 400, param: 'router.threshold' });
  });

  it('when the chosen tier is down, the other tier serves, and the ledger says which tier answered', async () => {
    cheap.reply({ status: 503, json: { error: { message: 'overloaded' } } });
    try {
      const { data, response } = await gateway.client.chat.completions
        .create({ model: 'auto', messages: prompts[0] as never, router: { threshold: 0 } } as never)
        .withResponse();
      expect((data as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content).toBe('strong');
      const id = response.headers.get('x-switchyard-request-id')!;
      const admin = { authorization: `Bearer ${ADMIN}` };
      const detail = (await (await fetch(`${gateway.url}/admin/requests/${id}`, { headers: admin })).json()) as { router: { tier: string; served_tier: string } };
      // the router chose the cheap tier; the strong tier answered
      expect(detail.router).toMatchObject({ tier: 'weak', served_tier: 'strong' });
      // so the savings report does not count it for the cheap tier (no baseline needed for this section)
      const before = (await (await fetch(`${gateway.url}/admin/reports/savings`, { headers: admin })).json()) as { router: Array<{ requests: number; weakShare: number }> };
      const served = await gateway.client.chat.completions.create({ model: 'auto', messages: prompts[0] as never, router: { threshold: 0 } } as never);
      expect(served).toBeDefined();
      const after = (await (await fetch(`${gateway.url}/admin/reports/savings`, { headers: admin })).json()) as { router: Array<{ requests: number; weakShare: number }> };
      const weak = (r: { requests: number; weakShare: number }) => Math.round(r.requests * r.weakShare);
      expect(after.router[0]!.requests).toBe(before.router[0]!.requests + 1);
      // the one that failed over counts as strong, this one (still failing over) too: the cheap share did not grow
      expect(weak(after.router[0]!)).toBe(weak(before.router[0]!));
    } finally {
      cheap.reply(openAIReply('cheap'));
    }
  });
});

describe('config of cost-quality routes', () => {
  it('refuses one nested in another route, and tiers or thresholds left out', async () => {
    const { buildConfig } = await import('../../src/config/load-config.js');
    let message = '';
    try {
      buildConfig(
        {
          providers: { p: { type: 'vllm', base_url: 'http://127.0.0.1:9/v1' } },
          models: { a: { deployments: ['p/a'] }, b: { deployments: ['p/b'] } },
          routes: {
            smart: { strategy: 'cost-quality', weak: ['a'], strong: ['b'] },
            outer: { strategy: 'fallback', targets: ['smart', 'a'] },
            half: { strategy: 'cost-quality', weak: ['a'] },
            both: { strategy: 'cost-quality', weak: ['a'], strong: ['b'], threshold: { score: 0.5, quality: 0.9 } },
            judged: { strategy: 'cost-quality', weak: ['a'], strong: ['b'], shadow: { sample: 0.1, budget_usd: 1, judge: 'nobody' } },
          },
        },
        'test',
        {},
      );
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain("routes.outer.targets[0]: 'smart' is a cost-quality route");
    expect(message).toContain('routes.half.strong: required for a cost-quality route');
    expect(message).toContain('routes.both.threshold: set exactly one of score, strong_share or quality');
    expect(message).toContain("routes.judged.shadow.judge: 'nobody' is not a route");
  });
});
