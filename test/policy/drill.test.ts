import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultCatalog } from '../../src/catalog/load-catalog.js';
import type { LedgerRow } from '../../src/ledger/ledger-row.js';
import { makeLedgerDir, makeSqliteLedger } from '../reports/make-sqlite-ledger.js';
import { runCli } from '../support/run-cli.js';

/**
 * `switchyard drill` on a seeded ledger, checked against figures worked out by hand: what is still served
 * without DeepSeek's own API, what fails (by model and team), where traffic moves and what it costs.
 */
const DAY = 86_400_000;
const now = Date.now();
const catalog = loadDefaultCatalog();
const price = (type: string, model: string) => catalog.resolve(type, model).offer!.price;
const deepseek = price('deepseek', 'deepseek-chat');
const together = price('together', 'deepseek-ai/DeepSeek-V3.1');
const claude = price('anthropic', 'claude-sonnet-4-5');
const usd = (p: { input: number; output: number }, input: number, output: number) => (input * p.input + output * p.output) / 1e6;

let n = 0;
function row(over: Partial<LedgerRow>): LedgerRow {
  return {
    id: `r${++n}`,
    time: now - 2 * DAY,
    requestedModel: 'v3',
    usageEstimated: false,
    costEstimated: false,
    latencyMs: 100,
    status: 200,
    stream: false,
    partial: false,
    ...over,
  };
}

let dir: string;
let configFile: string;

beforeAll(async () => {
  dir = makeLedgerDir();
  const db = join(dir, 'ledger.db');
  const rows: LedgerRow[] = [
    // 6 × v3 for team alpha, served by DeepSeek's own API: 1,000 in / 500 out each
    ...Array.from({ length: 6 }, (_, i) =>
      row({ team: 'alpha', provider: 'deepseek', servedModel: 'deepseek-chat', inputTokens: 1000, outputTokens: 500, cost: usd(deepseek, 1000, 500), time: now - (i + 1) * DAY }),
    ),
    // 3 × a model only DeepSeek serves, team beta: 2,000 in / 100 out
    ...Array.from({ length: 3 }, () =>
      row({ requestedModel: 'ds-only', team: 'beta', provider: 'deepseek', servedModel: 'deepseek-chat', inputTokens: 2000, outputTokens: 100, cost: usd(deepseek, 2000, 100) }),
    ),
    // 1 × Claude for team alpha: 100 / 100
    row({ requestedModel: 'sonnet', team: 'alpha', provider: 'claude', servedModel: 'claude-sonnet-4-5', inputTokens: 100, outputTokens: 100, cost: usd(claude, 100, 100) }),
    // a model the config no longer serves: failing today already, not the drill's doing
    row({ requestedModel: 'gone', team: 'alpha', provider: 'deepseek', servedModel: 'deepseek-chat', inputTokens: 10, outputTokens: 10, cost: usd(deepseek, 10, 10) }),
    // not replayed: a failed request, and one older than the range
    row({ status: 502, errorCode: 'upstream_error', provider: 'deepseek', servedModel: 'deepseek-chat' }),
    row({ time: now - 40 * DAY, provider: 'deepseek', servedModel: 'deepseek-chat', inputTokens: 1, outputTokens: 1 }),
  ];
  (await makeSqliteLedger(rows, db)).close();
  configFile = join(dir, 'switchyard.yaml');
  writeFileSync(
    configFile,
    [
      `storage: "sqlite:${db}"`,
      'providers:',
      '  deepseek: { type: deepseek, api_key: k-000000, base_url: "http://127.0.0.1:9/v1" }',
      '  together: { type: together, api_key: k-000000, base_url: "http://127.0.0.1:9/v1" }',
      '  claude: { type: anthropic, api_key: k-000000, base_url: "http://127.0.0.1:9/v1" }',
      'models:',
      '  v3: { deployments: [deepseek/deepseek-chat, together/deepseek-ai/DeepSeek-V3.1] }',
      '  ds-only: { deployments: [deepseek/deepseek-chat] }',
      '  sonnet: { deployments: [claude/claude-sonnet-4-5] }',
      '',
    ].join('\n'),
  );
});

afterAll(() => {});

describe('switchyard drill', () => {
  it('gives the hand-computed answer for losing DeepSeek', async () => {
    const r = await runCli(['drill', '--without', 'provider:deepseek', '--since', '30d', '--format', 'json', '-c', configFile]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.without).toEqual(['provider:deepseek']);
    expect(out.total).toEqual({ requests: 11, tokens: 6 * 1500 + 3 * 2100 + 200 + 20 });
    expect(out.served).toEqual({ requests: 7, tokens: 6 * 1500 + 200 });
    expect(out.alreadyFailing).toEqual({ requests: 1, tokens: 20 });
    expect(out.failing).toEqual([
      { model: 'ds-only', team: 'beta', requests: 3, tokens: 6300, reasons: ['kill:provider:deepseek'], costUsd: expect.closeTo(usd(deepseek, 6000, 300), 12) },
    ]);
    expect(out.moved).toEqual([{ from: 'deepseek/deepseek-chat', to: 'together/deepseek-ai/DeepSeek-V3.1', requests: 6 }]);
    expect(out.cost.beforeUsd).toBeCloseTo(usd(deepseek, 6000, 3000) + usd(claude, 100, 100), 12);
    expect(out.cost.afterUsd).toBeCloseTo(usd(together, 6000, 3000) + usd(claude, 100, 100), 12);
    expect(out.cost.recordedUsd).toBeCloseTo(usd(deepseek, 6000, 3000) + usd(deepseek, 6000, 300) + usd(claude, 100, 100) + usd(deepseek, 10, 10), 12);
    expect(out.cost.unpricedRequests).toBe(0);
  });

  it('by origin, the whole country goes: nothing Chinese is left for v3', async () => {
    const r = await runCli(['drill', '--without', 'origin:cn', '-c', configFile]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('without origin:CN');
    expect(r.stdout).toMatch(/Still served: 1 requests \(9\.1%\)/);
    expect(r.stdout).toMatch(/Would fail: {3}9 requests \(81\.8%\)/);
    expect(r.stdout).toContain('Failing today already (models or deployments the config no longer serves): 1 requests, 20 tokens');
    expect(r.stdout).toMatch(/v3\s+alpha\s+6\s+9,000\s+kill:origin:CN/);
    expect(r.stdout).toMatch(/ds-only\s+beta\s+3\s+6,300\s+kill:origin:CN/);
  });

  it('a short range replays only that range, and bad targets are refused', async () => {
    const r = await runCli(['drill', '--without', 'provider:together', '--since', '36h', '--format', 'json', '-c', configFile]);
    const out = JSON.parse(r.stdout);
    // only the requests from the last 36 hours: one v3 (1 day ago) and the ds-only and sonnet rows (2 days ago are out)
    expect(out.total.requests).toBe(1);
    expect(out.served.requests).toBe(1);
    expect(out.moved).toEqual([]);
    const bad = await runCli(['drill', '--without', 'vendor:x', '-c', configFile]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("'vendor:x' is not a kill target");
    // a name nothing knows would take nothing away and report all is well: refused, unless forced
    for (const target of ['provider:nosuch', 'origin:XX', 'model:typo']) {
      const unknown = await runCli(['drill', '--without', target, '-c', configFile]);
      expect(unknown.code, target).toBe(2);
      expect(unknown.stdout).toBe('');
    }
    const forced = await runCli(['drill', '--without', 'provider:nosuch', '--force', '--format', 'json', '-c', configFile]);
    expect(forced.code, forced.stderr).toBe(0);
  });
});

describe('switchyard policy explain', () => {
  it('shows what a team may reach and the rule that stops the rest, kill switches included', async () => {
    const withPolicy = join(dir, 'policy.yaml');
    const base = (await import('node:fs')).readFileSync(configFile, 'utf8');
    writeFileSync(withPolicy, `${base}policies:\n  teams:\n    legal: { jurisdictions: { allow: [US] } }\n`);
    const kill = await runCli(['kill', 'provider:claude', '--reason', 'test', '-c', withPolicy]);
    expect(kill.code, kill.stderr).toBe(0);
    try {
      const r = await runCli(['policy', 'explain', '--model', 'v3', '--team', 'legal', '-c', withPolicy, '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.policies).toEqual(['team=legal']);
      expect(out.kills).toEqual(['provider:claude']);
      expect(out.allowed.map((a: { deployment: string }) => a.deployment)).toEqual(['together/deepseek-ai/DeepSeek-V3.1']);
      expect(out.denied).toEqual([{ providerId: 'deepseek', model: 'deepseek-chat', reason: 'policy:team=legal:jurisdictions.allow(CN)' }]);
      const sonnet = await runCli(['policy', 'explain', '--model', 'sonnet', '-c', withPolicy]);
      expect(sonnet.code).toBe(1);
      expect(sonnet.stdout).toContain('denied   claude/claude-sonnet-4-5: kill:provider:claude');
      expect(sonnet.stdout).toContain('403 policy_denied');
    } finally {
      await runCli(['unkill', 'provider:claude', '-c', withPolicy]);
    }
  });
});
