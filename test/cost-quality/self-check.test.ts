import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseChatRequest } from '../../src/api/openai/parse-chat-request.js';
import { assessRouter, type JudgedSample } from '../../src/routing/cost-quality/assess-router.js';
import { loadRouterModel } from '../../src/routing/router/load-router-model.js';
import { scoreRequest } from '../../src/routing/router/router-model.js';
import type { SavingsReport } from '../../src/reports/report-types.js';
import { FakeUpstream, type RecordedRequest } from '../support/fake-upstream.js';
import { openAIReply } from '../support/openai-replies.js';
import { repoRoot, runCli } from '../support/run-cli.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';
import { judgedRouteConfig } from './judged-route-config.js';

/**
 * The router self-check: from judged shadow samples the gateway tells whether its router beats random at
 * its threshold; a router made worse than random (the judge finds the cheap answer as good exactly where the
 * router kept the strong tier) is detected and replaced by the operator's safe policy, which the route header,
 * /metrics, `router status` and `report savings` all say.
 */
describe('assessRouter', () => {
  const samples = (weakGood: number, weakBad: number, strongGood: number, strongBad: number): JudgedSample[] => [
    ...Array.from({ length: weakGood }, () => ({ score: 0.9, threshold: 0.5, weakAsGood: true })),
    ...Array.from({ length: weakBad }, () => ({ score: 0.9, threshold: 0.5, weakAsGood: false })),
    ...Array.from({ length: strongGood }, () => ({ score: 0.1, threshold: 0.5, weakAsGood: true })),
    ...Array.from({ length: strongBad }, () => ({ score: 0.1, threshold: 0.5, weakAsGood: false })),
  ];

  it('says better when the cheap answer is as good more often where the router sent requests cheap', () => {
    const a = assessRouter(samples(40, 10, 10, 40), 50);
    expect(a).toMatchObject({ samples: 100, routedWeak: 50, state: 'better' });
    expect(a.advantage).toBeCloseTo(0.6, 12);
    expect(a.low!).toBeGreaterThan(0);
    expect(a.high!).toBeLessThanOrEqual(1);
  });

  it('says worse when it is the other way round, and unclear when the interval holds 0', () => {
    expect(assessRouter(samples(10, 40, 40, 10), 50)).toMatchObject({ state: 'worse' });
    const even = assessRouter(samples(25, 25, 25, 25), 50);
    expect(even.state).toBe('unclear');
    expect(even.advantage).toBe(0);
    expect(even.low!).toBeLessThan(0);
    expect(even.high!).toBeGreaterThan(0);
  });

  it('gives no verdict on too few samples, or when the router sent almost every sample to one tier', () => {
    expect(assessRouter(samples(10, 0, 0, 10), 50)).toMatchObject({ state: 'unclear', advantage: null });
    const oneSided = assessRouter(samples(60, 40, 1, 1), 50);
    expect(oneSided).toMatchObject({ state: 'unclear', advantage: null });
    expect(oneSided.reason).toMatch(/at least 5 on each side/);
  });
});

const model = loadRouterModel();
const prompts = readFileSync(join(repoRoot, 'test/router/fixtures/toy-routing.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => (JSON.parse(l) as { prompt: unknown }).prompt)
  .filter((p): p is string => typeof p === 'string');
const scores = new Map(prompts.map((p) => [p, scoreRequest(model, parseChatRequest({ model: 'auto', messages: [{ role: 'user', content: p }] }))]));
const sorted = [...scores.values()].sort((a, b) => a - b);
// the median score: the router sends half the prompts cheap, half strong
const THRESHOLD = sorted[Math.floor(sorted.length / 2)]!;
const routedWeak = (prompt: string) => scores.get(prompt)! >= THRESHOLD;

let cheap: FakeUpstream;
let strong: FakeUpstream;
let judge: FakeUpstream;
const dir = mkdtempSync(join(tmpdir(), 'sy-self-check-'));
/** When true the judge contradicts the router (cheap as good exactly where it kept the strong tier). */
let contrary = true;

beforeAll(async () => {
  cheap = await FakeUpstream.start();
  strong = await FakeUpstream.start();
  judge = await FakeUpstream.start();
  cheap.reply(openAIReply('cheap answer'));
  strong.reply(openAIReply('strong answer'));
  judge.reply((req: RecordedRequest) => {
    const asked = JSON.stringify(req.json);
    const prompt = prompts.find((p) => asked.includes(JSON.stringify(p).slice(1, -1)));
    const weakAsGood = prompt !== undefined && (contrary ? !routedWeak(prompt) : routedWeak(prompt));
    return openAIReply(weakAsGood ? 'A' : 'B')(req);
  });
});

afterAll(async () => {
  await cheap?.close();
  await strong?.close();
  await judge?.close();
});

function config(db: string) {
  return judgedRouteConfig(
    { db, cheap: cheap.url, strong: strong.url, judge: judge.url },
    { threshold: { score: THRESHOLD }, shadow: { sample: 1, budget_usd: 5, judge: 'judge' }, self_check: { fallback: 'strong', min_samples: 20 } },
  );
}

/** Every prompt once through the route, each shadowed and judged; then the self-check reads the samples. */
async function judgeEveryPrompt(gateway: TestGateway): Promise<void> {
  for (const p of prompts) await gateway.client.chat.completions.create({ model: 'smart', messages: [{ role: 'user', content: p }] });
  for (let i = 0; i < 200 && gateway.app.shadow.inflight > 0; i++) await new Promise((r) => setTimeout(r, 50));
  expect(gateway.app.shadow.inflight).toBe(0);
  await gateway.app.selfChecks.refresh();
}

describe('router self-check in the gateway', () => {
  it('the fixture has enough prompts on each side of the threshold', () => {
    expect(prompts.filter(routedWeak).length).toBeGreaterThanOrEqual(10);
    expect(prompts.filter((p) => !routedWeak(p)).length).toBeGreaterThanOrEqual(10);
  });

  it('detects a router worse than random and routes by the safe policy instead, saying so everywhere', async () => {
    contrary = true;
    const db = join(dir, 'worse.db');
    const gateway = await startTestGateway(config(db));
    try {
      await judgeEveryPrompt(gateway);
      const [standing] = gateway.app.selfChecks.list();
      expect(standing).toMatchObject({ route: 'smart', fallback: 'strong', active: true, assessment: { state: 'worse', samples: prompts.length } });
      expect(standing!.assessment.high!).toBeLessThan(0);

      // a prompt the router would send cheap now goes to the strong tier, and the header says why
      const cheapPrompt = prompts.find(routedWeak)!;
      const { data, response } = await gateway.client.chat.completions.create({ model: 'smart', messages: [{ role: 'user', content: cheapPrompt }] }).withResponse();
      expect(data.choices[0]!.message.content).toBe('strong answer');
      expect(response.headers.get('x-switchyard-route')).toMatch(/router=smart:strong\(score=[\d.]+,threshold=[\d.]+,self-check-fallback=strong\)/);

      const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
      expect(metrics).toMatch(/switchyard_router_fallback_active\{route="smart"\} 1/);
      expect(metrics).toMatch(/switchyard_router_self_check\{route="smart",state="worse"\} 1/);
      expect(metrics).toMatch(/switchyard_router_advantage\{route="smart",bound="estimate"\} -1/);
    } finally {
      await gateway.close(0);
    }

    // the same reading offline, on the same evidence
    const file = join(dir, 'worse.yaml');
    writeFileSync(file, JSON.stringify(config(db)));
    const status = await runCli(['router', 'status', '-c', file]);
    expect(status.code, status.stderr).toBe(3);
    expect(status.stdout).toMatch(/smart: worse: worse than random/);
    expect(status.stdout).toMatch(/routing by the safe policy \(strong\) instead of the router/);
    const report = await runCli(['report', 'savings', '-c', file, '--format', 'json']);
    expect(report.code, report.stderr).toBe(0);
    const route = (JSON.parse(report.stdout) as SavingsReport).router[0]!;
    expect(route.selfCheck).toMatchObject({ state: 'worse' });
    const table = await runCli(['report', 'savings', '-c', file]);
    expect(table.stdout).toMatch(/worse -1\.000 \[/);
  });

  it('trusts a router the judge agrees with', async () => {
    contrary = false;
    const gateway = await startTestGateway(config(join(dir, 'better.db')));
    try {
      await judgeEveryPrompt(gateway);
      const [standing] = gateway.app.selfChecks.list();
      expect(standing).toMatchObject({ active: false, assessment: { state: 'better' } });
      const cheapPrompt = prompts.find(routedWeak)!;
      const { data, response } = await gateway.client.chat.completions.create({ model: 'smart', messages: [{ role: 'user', content: cheapPrompt }] }).withResponse();
      expect(data.choices[0]!.message.content).toBe('cheap answer');
      expect(response.headers.get('x-switchyard-route')).not.toContain('self-check-fallback');
    } finally {
      await gateway.close(0);
    }
  });
});
