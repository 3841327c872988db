import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runReport, runReportWith, type ReportRun } from '../../src/cli/report-command.js';
import { HAND_LEDGER, NOW } from './hand-ledger.js';
import { makeLedgerDir, makeSqliteLedger } from './make-sqlite-ledger.js';
import { testCatalog } from './test-catalog.js';

const dir = makeLedgerDir();
const dbPath = join(dir, 'switchyard.db');
beforeAll(async () => {
  const h = await makeSqliteLedger(HAND_LEDGER, dbPath);
  await h.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(fields: Partial<ReportRun> & { name: string }): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = (await runReportWith({
    storage: { kind: 'sqlite', path: dbPath },
    catalog: testCatalog(),
    now: NOW,
    out: (t) => (out += t),
    err: (t) => (err += `${t}\n`),
    ...fields,
  }));
  return { code, out, err };
}

describe('switchyard report (runReportWith)', () => {
  it('prints each report from a ledger file', async () => {
    expect((await run({ name: 'spend', by: 'team' }))).toMatchObject({ code: 0, err: '', out: expect.stringMatching(/^Spend by team/) });
    expect((await run({ name: 'savings', baseline: 'openai/gpt-5' })).out).toMatch(/saving \$4\.9000 \(74\.0%\)/);
    expect((await run({ name: 'origins', by: 'month', format: 'csv' })).out).toMatch(/^bucket,dimension,name,/);
    const json = JSON.parse((await run({ name: 'providers', format: 'json', since: '2025-06-01' })).out) as { requests: number };
    expect(json.requests).toBe(7);
  });

  it('exits 2 with a clear message for a bad option', async () => {
    const cases: Array<[Partial<ReportRun> & { name: string }, RegExp]> = [
      [{ name: 'profit' }, /unknown report 'profit': expected spend, savings, origins, providers/],
      [{ name: 'spend', format: 'xml' }, /--format 'xml': expected table, csv, json/],
      [{ name: 'spend', since: 'yesterday' }, /--since 'yesterday': expected a span such as 30d or 12h, or an ISO date/],
      [{ name: 'spend', by: 'week' }, /--by 'week': spend is grouped by day, key, team, model, provider/],
      [{ name: 'origins', by: 'team' }, /--by 'team': origins are bucketed by day, week, month/],
      [{ name: 'savings', baseline: 'openai/gpt-9' }, /--baseline 'openai\/gpt-9': not in the catalog/],
      [{ name: 'savings', baseline: 'openai/gpt-5', catalog: undefined }, /needs the catalog/],
    ];
    for (const [fields, message] of cases) {
      const r = (await run(fields));
      expect(r.code, JSON.stringify(fields)).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.out).toBe('');
    }
  });

  it('checks options before it looks for the ledger, and exits 1 when there is none', async () => {
    expect((await run({ name: 'spend', format: 'xml', storage: { kind: 'sqlite', path: join(dir, 'missing.db') } })).code).toBe(2);
    const r = (await run({ name: 'spend', storage: { kind: 'sqlite', path: join(dir, 'missing.db') } }));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no store at .*missing\.db/);
  });
});

describe('switchyard report (runReport)', () => {
  it('reads the store and the baseline named in the config', async () => {
    const config = join(dir, 'switchyard.yaml');
    writeFileSync(config, `storage: sqlite:${dbPath}\nbaseline: openai/gpt-5\nproviders:\n  local: { type: vllm }\nmodels:\n  m: { deployments: [local/m] }\n`);
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect((await runReport('spend', { config, since: '2025-06-01', by: 'team', format: 'csv' }))).toBe(0);
      expect(String(write.mock.calls[0]?.[0])).toMatch(/^team,requests,/);
      expect(String(write.mock.calls[0]?.[0])).toContain('beta,3,2100000');
      // the config's baseline, priced with the committed catalog
      expect((await runReport('savings', { config, since: '2025-06-01', format: 'json' }))).toBe(0);
      const savings = JSON.parse(String(write.mock.calls[1]?.[0])) as { baseline: { provider: string; upstreamModel: string }; total: { requests: number } };
      expect(savings.baseline).toMatchObject({ provider: 'openai', upstreamModel: 'gpt-5' });
      expect(savings.total.requests).toBe(4);
    } finally {
      write.mockRestore();
    }
  });

  it('exits 1 for a config with problems', async () => {
    const config = join(dir, 'bad.yaml');
    writeFileSync(config, 'storage: mysql://x\n');
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect((await runReport('spend', { config }))).toBe(1);
      expect(error.mock.calls.flat().join('\n')).toMatch(/storage/);
    } finally {
      error.mockRestore();
    }
  });
});
