import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OriginsReport, SavingsReport } from '../../src/reports/report-types.js';
import { FakeUpstream } from '../support/fake-upstream.js';
import { runCli } from '../support/run-cli.js';
import { startTestGateway, type TestGateway } from '../support/test-gateway.js';

/**
 * `switchyard report savings` and `report origins` over a ledger filled by real traffic through the
 * gateway (two teams, a Chinese open model and a US closed one), checked against figures worked out by hand
 * from the catalog's rates (USD per million tokens): deepseek-chat 0.28 in / 0.42 out; gpt-5-nano 0.05 / 0.4;
 * the baseline gpt-5 1.25 / 10.
 */
const dir = mkdtempSync(join(tmpdir(), 'sy-reports-'));
const dbPath = join(dir, 'ledger.db');
const ADMIN = 'sy-admin-key-for-tests-0123456789';
let upstream: FakeUpstream;
let gateway: TestGateway;

function answer(model: string, prompt: number, completion: number) {
  return {
    json: {
      id: 'x',
      object: 'chat.completion',
      created: 1,
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
    },
  };
}

beforeAll(async () => {
  upstream = await FakeUpstream.start();
  upstream.reply((req) => (req.json.model === 'deepseek-chat' ? answer('deepseek-chat', 1000, 500) : answer('gpt-5-nano', 100, 100)));
  gateway = await startTestGateway({
    storage: `sqlite:${dbPath}`,
    auth: { admin_key: ADMIN },
    providers: {
      ds: { type: 'deepseek', api_key: 'sk-ds-test-0001', base_url: `${upstream.url}/v1` },
      oa: { type: 'openai', api_key: 'sk-oa-test-0001', base_url: `${upstream.url}/v1` },
    },
    models: { chat: { deployments: ['ds/deepseek-chat'] }, nano: { deployments: ['oa/gpt-5-nano'] } },
  });
  const key = async (team: string) => {
    const res = await fetch(`${gateway.url}/admin/keys`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` }, body: JSON.stringify({ team, name: `${team}-bot` }) });
    return ((await res.json()) as { key: string }).key;
  };
  const search = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: await key('search'), maxRetries: 0 });
  const support = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: await key('support'), maxRetries: 0 });
  const ask = (c: OpenAI, model: string) => c.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });
  // search: 3 × deepseek (1000 in, 500 out); support: 1 × deepseek, 2 × gpt-5-nano (100 in, 100 out)
  await ask(search, 'chat');
  await ask(search, 'chat');
  await ask(search, 'chat');
  await ask(support, 'chat');
  await ask(support, 'nano');
  await ask(support, 'nano');
  writeFileSync(join(dir, 'config.yaml'), `storage: "sqlite:${dbPath}"\nbaseline: openai/gpt-5\n`);
  writeFileSync(join(dir, 'no-baseline.yaml'), `storage: "sqlite:${dbPath}"\n`);
});

afterAll(async () => {
  await gateway.close(1000);
  await upstream.close();
});

const ds = (1000 * 0.28 + 500 * 0.42) / 1e6; // 0.00049
const nano = (100 * 0.05 + 100 * 0.4) / 1e6; // 0.000045
const baseDs = (1000 * 1.25 + 500 * 10) / 1e6; // 0.00625
const baseNano = (100 * 1.25 + 100 * 10) / 1e6; // 0.001125

describe('reports from real traffic', () => {
  it('savings against the baseline, per team and in total', async () => {
    const r = await runCli(['report', 'savings', '--config', join(dir, 'config.yaml'), '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as SavingsReport;
    expect(report.requests).toBe(6);
    expect(report.baseline).toMatchObject({ provider: 'openai', upstreamModel: 'gpt-5' });
    expect(report.total!.paidUsd).toBeCloseTo(4 * ds + 2 * nano, 12);
    expect(report.total!.baselineUsd).toBeCloseTo(4 * baseDs + 2 * baseNano, 12);
    expect(report.total!.savingUsd).toBeCloseTo(4 * (baseDs - ds) + 2 * (baseNano - nano), 12);
    const search = report.teams.find((t) => t.team === 'search')!;
    expect(search.paidUsd).toBeCloseTo(3 * ds, 12);
    expect(search.savingUsd).toBeCloseTo(3 * (baseDs - ds), 12);
    const support = report.teams.find((t) => t.team === 'support')!;
    expect(support.requests).toBe(3);
    expect(support.savingPct).toBeCloseTo((100 * ((baseDs - ds) + 2 * (baseNano - nano))) / (baseDs + 2 * baseNano), 6);
  });

  it('origins: the share of tokens and of spend by model origin and developer', async () => {
    const r = await runCli(['report', 'origins', '--config', join(dir, 'config.yaml'), '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as OriginsReport;
    const cn = report.overall.byOrigin.find((o) => o.name === 'CN')!;
    const us = report.overall.byOrigin.find((o) => o.name === 'US')!;
    expect(cn.tokens).toBe(4 * 1500);
    expect(us.tokens).toBe(2 * 200);
    expect(cn.tokenShare).toBeCloseTo(6000 / 6400, 12);
    expect(cn.spendShare).toBeCloseTo((4 * ds) / (4 * ds + 2 * nano), 12);
    expect(report.overall.byDeveloper.map((d) => d.name).sort()).toEqual(['DeepSeek', 'OpenAI']);
    expect(report.buckets).toHaveLength(1);
  });

  it('the table format prints the figures for people', async () => {
    const r = await runCli(['report', 'spend', '--config', join(dir, 'config.yaml'), '--by', 'team']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/search/);
    expect(r.stdout).toMatch(/support/);
  });

  it('the admin API answers the same reports', async () => {
    const res = await fetch(`${gateway.url}/admin/reports/savings?baseline=openai/gpt-5`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(res.status).toBe(200);
    const report = (await res.json()) as SavingsReport;
    expect(report.total!.savingUsd).toBeCloseTo(4 * (baseDs - ds) + 2 * (baseNano - nano), 12);
  });

  it('spend by key names each key and its team beside its id', async () => {
    const r = await runCli(['report', 'spend', '--config', join(dir, 'config.yaml'), '--by', 'key', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const rows = (JSON.parse(r.stdout) as { rows: Array<{ keyName: string; keyTeam: string; requests: number }> }).rows;
    expect(rows.map((k) => [k.keyName, k.keyTeam, k.requests]).sort()).toEqual([['search-bot', 'search', 3], ['support-bot', 'support', 3]]);
    const table = await runCli(['report', 'spend', '--config', join(dir, 'config.yaml'), '--by', 'key']);
    expect(table.stdout).toMatch(/search-bot +search/);
  });

  it('savings without a baseline still answers, saying what it leaves out', async () => {
    const r = await runCli(['report', 'savings', '--config', join(dir, 'no-baseline.yaml')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/no baseline model/);
    expect(r.stdout).toMatch(/No baseline: /);
  });

  it('the admin API answers CSV and text as the CLI prints them, and its errors name query parameters, not flags', async () => {
    const admin = { authorization: `Bearer ${ADMIN}` };
    const csv = await fetch(`${gateway.url}/admin/reports/spend?by=key&format=csv`, { headers: admin });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await csv.text();
    expect(text.split('\n')[0]).toMatch(/^key,key_name,key_team,requests,/);
    expect(text).toMatch(/support-bot,support,3,/);
    const table = await fetch(`${gateway.url}/admin/reports/spend?by=team&format=table`, { headers: admin });
    expect(table.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await table.text()).toMatch(/^Spend by team/);
    for (const [query, param] of [['since=yesterday', 'since'], ['by=week', 'by'], ['format=xml', 'format'], ['baseline=openai/gpt-9', 'baseline']] as const) {
      const res = await fetch(`${gateway.url}/admin/reports/${param === 'baseline' ? 'savings' : 'spend'}?${query}`, { headers: admin });
      expect(res.status, query).toBe(400);
      const error = ((await res.json()) as { error: { message: string; param: string } }).error;
      expect(error.param).toBe(param);
      expect(error.message, query).not.toMatch(/--/);
      expect(error.message).toContain(`'${query.split('=')[1]}'`);
    }
  });
});
