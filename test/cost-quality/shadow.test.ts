import Database from 'better-sqlite3';
import OpenAI from 'openai';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream, type RecordedRequest } from '../support/fake-upstream.js';
import { openAIReply } from '../support/openai-replies.js';
import { runCli } from '../support/run-cli.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';
import { judgedRouteConfig } from './judged-route-config.js';
import pino from 'pino';
import { buildConfig } from '../../src/config/load-config.js';
import { startGateway } from '../../src/server/start-gateway.js';

/**
 * Shadow mode: every sampled request is also answered by the other tier in the background, without
 * delaying the client; a judge compares the answers; both answers, the verdict and the shadow spend are
 * recorded; `router train --from-ledger` trains on them; a spent shadow budget stops sampling.
 */
let cheap: FakeUpstream;
let strong: FakeUpstream;
let judge: FakeUpstream;
let dir: string;

beforeAll(async () => {
  cheap = await FakeUpstream.start();
  strong = await FakeUpstream.start();
  judge = await FakeUpstream.start();
  cheap.reply(openAIReply('cheap answer'));
  const slow = openAIReply('strong answer');
  strong.reply((req: RecordedRequest) => ({ ...slow(req), delayMs: 300 }));
  // the judge finds the cheap answer as good for questions about cats, not otherwise
  judge.reply((req: RecordedRequest) => openAIReply(JSON.stringify(req.json).includes('cat') ? 'A' : 'B')(req));
  dir = mkdtempSync(join(tmpdir(), 'sy-shadow-'));
});

afterAll(async () => {
  await cheap?.close();
  await strong?.close();
  await judge?.close();
});

function gatewayConfig(db: string, budget: number) {
  return judgedRouteConfig(
    { db, cheap: cheap.url, strong: strong.url, judge: judge.url },
    { threshold: { score: 0 }, shadow: { sample: 1, budget_usd: budget, judge: 'judge', store_answers: true } },
  );
}

async function settle(gateway: TestGateway): Promise<void> {
  for (let i = 0; i < 100 && gateway.app.shadow.inflight > 0; i++) await new Promise((r) => setTimeout(r, 50));
  expect(gateway.app.shadow.inflight).toBe(0);
}

describe('shadow mode', () => {
  let gateway: TestGateway;
  let db: string;

  beforeAll(async () => {
    db = join(dir, 'ledger.db');
    gateway = await startTestGateway(gatewayConfig(db, 5));
  });
  afterAll(async () => {
    await gateway?.close(0);
  });

  it('answers from the chosen tier at once, shadows the other in the background, judges and records it all', async () => {
    const questions = ['the plural of cat?', 'a cat fact', 'integrate x^2', 'the 100th prime', 'name a cat breed', 'solve 3x=9'];
    for (const [i, q] of questions.entries()) {
      const started = performance.now();
      const messages = [{ role: 'user' as const, content: q }];
      if (i % 2 === 0) {
        const r = await gateway.client.chat.completions.create({ model: 'auto', messages, max_tokens: 50 });
        expect(r.choices[0]!.message.content).toBe('cheap answer');
      } else {
        const stream = await gateway.client.chat.completions.create({ model: 'auto', messages, max_tokens: 50, stream: true });
        let text = '';
        for await (const c of stream) text += c.choices[0]?.delta.content ?? '';
        expect(text).toBe('cheap answer');
      }
      // the strong tier takes 300 ms; the client never waits for it
      expect(performance.now() - started).toBeLessThan(250);
    }
    await settle(gateway);
    expect(strong.requests).toHaveLength(6);
    expect(judge.requests).toHaveLength(6);
    expect(JSON.stringify(judge.requests[0]!.json)).toContain('cheap answer');

    const sql = new Database(db, { readonly: true });
    try {
      const samples = sql.prepare('SELECT * FROM shadow_samples ORDER BY ts').all() as Array<Record<string, unknown>>;
      expect(samples).toHaveLength(6);
      for (const s of samples) {
        expect(s).toMatchObject({ route: 'smart', served_tier: 'weak', weak_answer: 'cheap answer', strong_answer: 'strong answer', judge_model: 'judge' });
        expect(JSON.parse(s.prompt as string)[0].role).toBe('user');
        expect(s.weak_cost_usd).toBeGreaterThan(0);
        expect(s.strong_cost_usd).toBeGreaterThan(0);
      }
      expect(samples.filter((s) => s.verdict === 'weak_as_good')).toHaveLength(3);
      const purposes = sql.prepare('SELECT purpose, COUNT(*) AS n, SUM(cost_usd) > 0 AS paid, COUNT(key_id) AS keyed FROM requests GROUP BY purpose ORDER BY purpose').all();
      expect(purposes).toEqual([
        { purpose: null, n: 6, paid: 1, keyed: 0 },
        { purpose: 'judge', n: 6, paid: 1, keyed: 0 },
        { purpose: 'shadow', n: 6, paid: 1, keyed: 0 },
      ]);
      expect(sql.prepare('SELECT DISTINCT router_route FROM requests').all()).toEqual([{ router_route: 'smart' }]);
      const served = sql.prepare('SELECT router_tier, router_score, strong_cost_usd, cost_usd FROM requests WHERE purpose IS NULL').all() as Array<{
        router_tier: string;
        router_score: number;
        strong_cost_usd: number;
        cost_usd: number;
      }>;
      for (const r of served) {
        expect(r.router_tier).toBe('weak');
        expect(r.router_score).toBeGreaterThan(0);
        // gpt-5 costs more than Qwen3 on Together for the same tokens
        expect(r.strong_cost_usd).toBeGreaterThan(r.cost_usd);
      }
    } finally {
      sql.close();
    }
  });

  it('router train --from-ledger trains on the judged samples', async () => {
    const config = join(dir, 'switchyard.yaml');
    writeFileSync(config, `storage: "sqlite:${db}"\n`);
    const out = join(dir, 'mine.json');
    const r = await runCli(['router', 'train', '--from-ledger', '-c', config, '--out', out], undefined, 60_000);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('6 judged shadow samples (of 6)');
    expect(existsSync(out)).toBe(true);
    const empty = join(dir, 'empty.yaml');
    writeFileSync(empty, `storage: "sqlite:${join(dir, 'empty.db')}"\n`);
    const none = await runCli(['router', 'train', '--from-ledger', '-c', empty, '--out', out]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(`No store at SQLite file ${join(dir, 'empty.db')}`);
    new Database(join(dir, 'empty.db')).close();
    const empty2 = await runCli(['router', 'train', '--from-ledger', '-c', empty, '--out', out]);
    expect(empty2.code).toBe(1);
    expect(empty2.stderr).toContain('no judged shadow samples');
  });

  it('report savings shows what the router saved against always-strong, and the judged rate', async () => {
    const config = join(dir, 'switchyard.yaml');
    const r = await runCli(['report', 'savings', '-c', config, '--baseline', 'openai/gpt-5', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const [route] = JSON.parse(r.stdout).router;
    expect(route).toMatchObject({ route: 'smart', requests: 6, weakShare: 1, comparedRequests: 6, shadowSamples: 6, judged: 6, weakAsGoodRate: 0.5 });
    expect(route.alwaysStrongUsd).toBeGreaterThan(route.paidUsd);
    expect(route.savingUsd).toBeCloseTo(route.alwaysStrongUsd - route.paidUsd, 12);
    expect(route.shadowSpendUsd).toBeGreaterThan(0);
    const text = await runCli(['report', 'savings', '-c', config, '--baseline', 'openai/gpt-5']);
    expect(text.stdout).toMatch(/Cost-quality routes[\s\S]*smart\s+6\s+100\.0%/);
  });
});

describe('shadow budget', () => {
  it('a spent shadow budget stops sampling; the client is served as usual', async () => {
    const db = join(dir, 'small.db');
    const gateway = await startTestGateway(gatewayConfig(db, 0.000001));
    const before = strong.requests.length;
    try {
      for (let i = 0; i < 3; i++) {
        const r = await gateway.client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'hi' }], max_tokens: 50 });
        expect(r.choices[0]!.message.content).toBe('cheap answer');
      }
      await settle(gateway);
      expect(strong.requests.length).toBe(before);
      const sql = new Database(db, { readonly: true });
      expect(sql.prepare('SELECT COUNT(*) AS n FROM shadow_samples').get()).toEqual({ n: 0 });
      sql.close();
    } finally {
      await gateway.close(0);
    }
  });
});

describe('shadow mode: a judge whose answers cannot be read', () => {
  it('logs each unreadable verdict with its count and reason (never the answer), and train --from-ledger says the verdicts are missing', async () => {
    const mumbler = await FakeUpstream.start();
    // a reasoning judge cut at its 4 tokens answers nothing; another one talks instead of giving a letter
    let n = 0;
    mumbler.reply((req: RecordedRequest) => {
      const empty = n++ % 2 === 0;
      const reply = openAIReply(empty ? '' : 'Well, it depends on the secret-ish context')(req);
      (reply.json as { choices: Array<{ finish_reason: string }> }).choices[0]!.finish_reason = empty ? 'length' : 'stop';
      return reply;
    });
    const db = join(dir, 'mumbled.db');
    const lines: string[] = [];
    const raw = gatewayConfig(db, 5);
    raw.providers.referee.base_url = `${mumbler.url}/v1`;
    const mumbling = buildConfig({ ...raw, listen: '127.0.0.1:0', log_level: 'warn' }, 'test', {});
    const gateway = await startGateway(mumbling, { logging: { log: pino({ level: 'warn' }, { write: (l: string) => void lines.push(l) }), access() {} } });
    try {
      const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'no-key', maxRetries: 0 });
      for (const q of ['first question', 'second question']) {
        await client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: q }], max_tokens: 50 });
        for (let i = 0; i < 100 && gateway.app.shadow.inflight > 0; i++) await new Promise((r) => setTimeout(r, 50));
      }
      expect(mumbler.requests).toHaveLength(2);
      const warnings = lines.map((l) => JSON.parse(l) as { msg: string; unreadableVerdicts?: number; judge?: string });
      const unreadable = warnings.filter((w) => /^shadow judge gave/.test(w.msg));
      expect(unreadable.map((w) => w.unreadableVerdicts)).toEqual([1, 2]);
      expect(unreadable[0]!.msg).toMatch(/empty answer cut at its token limit/);
      expect(unreadable[1]!.msg).toMatch(/an answer of \d+ characters that does not start with A or B.*\(2 unreadable since start\)/);
      expect(unreadable[0]!.judge).toBe('judge');
      expect(lines.join('\n')).not.toContain('secret-ish');
    } finally {
      await gateway.close(0);
      await mumbler.close();
    }

    const file = join(dir, 'mumbled.yaml');
    writeFileSync(file, `storage: "sqlite:${db}"\n`);
    const r = await runCli(['router', 'train', '--from-ledger', '-c', file, '--out', join(dir, 'never.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("2 shadow sample(s), 0 with a judge's verdict, 2 with a stored prompt; none has a verdict");
    expect(r.stderr).not.toContain('turn on shadow mode');
  });
});
