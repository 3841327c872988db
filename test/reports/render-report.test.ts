import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerRow } from '../../src/ledger/ledger-row.js';
import type { UsageQueries } from '../../src/ledger/usage-queries.js';
import { buildReport } from '../../src/reports/build-report.js';
import { parseReportFormat, renderReport } from '../../src/reports/render-report.js';
import { ReportOptionError } from '../../src/reports/report-option-error.js';
import { HAND_LEDGER, NOW } from './hand-ledger.js';
import { makeLedgerDir, makeSqliteLedger } from './make-sqlite-ledger.js';
import { testCatalog } from './test-catalog.js';
import type { QueriesHandle } from './usage-queries.contract.js';

const dir = makeLedgerDir();
const catalog = testCatalog();
let handle: QueriesHandle;
let queries: UsageQueries;
beforeAll(async () => {
  handle = await makeSqliteLedger(HAND_LEDGER, join(dir, 'hand.db'));
  queries = handle.queries;
});
afterAll(async () => {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

const render = async (name: string, options: Record<string, string>, format: 'table' | 'csv' | 'json') =>
  renderReport((await buildReport(name, options, queries, catalog, NOW)), format);

/** The lines of the first table in a text report (from its header to the blank line after it). */
function firstTable(text: string, header: RegExp): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => header.test(l));
  const end = lines.indexOf('', start);
  return lines.slice(start, end);
}

describe('table format', () => {
  it('aligns the spend table and sets the total and the notes apart', async () => {
    const text = (await render('spend', { by: 'team' }, 'table'));
    expect(text.split('\n').slice(0, 2)).toEqual(['Spend by team, 2025-05-31T12:00:00.000Z to 2025-06-30T12:00:00.000Z', '7 requests, $1.7350 known cost']);
    const table = firstTable(text, /^team/);
    expect(table).toHaveLength(7); // header, rule, 3 teams, rule, total
    expect(new Set(table.map((l) => l.length)).size).toBe(1);
    expect(table[2]).toMatch(/^beta\s+3\s+2,100,000\s+1,000,000\s+210,000\s+\$1\.0250\s+1\s+0\s+1$/);
    expect(table[4]).toMatch(/^\(no team\)\s+1\s+20,000\s+0\s+5,000\s+\$0\.0000\s+1\s+0\s+0$/);
    expect(table[6]).toMatch(/^total\s+7\s+3,520,000\s+1,200,000\s+365,000\s+\$1\.7350\s+2\s+1\s+2$/);
    expect(text).toContain('Notes:\n  - 2 requests had an unknown cost (no price known) and are not in the cost figures.\n');
  });

  it('prints the savings with the baseline, the days covered and the yearly projection', async () => {
    const text = (await render('savings', { baseline: 'openai/gpt-5' }, 'table'));
    expect(text).toContain('Baseline price per million tokens: input $1.25, cached input $0.125, output $10 (test, 2025-06-01)');
    expect(text).toContain('7 requests, 4 compared; paid $1.7250, at baseline $6.6250, saving $4.9000 (74.0%)');
    expect(text).toMatch(/Data covers 28 days; projected saving per year: \$63\.87[45]0/);
    const teams = firstTable(text, /^team/);
    expect(teams[2]).toMatch(/^beta\s+2\s+\$1\.0250\s+\$3\.6000\s+\$2\.5750\s+71\.5%\s+1\s+0\s+0$/);
    expect(text).toMatch(/\(not served\)\s+0 .* -\s+1\s+0\s+0\n/);
    expect(text).toContain('2 requests had unknown token counts and cannot be re-priced: left out of both sides.');
  });

  it('prints origins overall and per bucket', async () => {
    const text = (await render('origins', { by: 'week' }, 'table'));
    const overall = firstTable(text, /^origin /);
    expect(overall[2]).toMatch(/^CN\s+4\s+3,750,000\s+96\.5%\s+\$1\.5100\s+87\.0%\s+1\s+0$/);
    const weekly = firstTable(text, /^week\s+origin/);
    expect(weekly.slice(2).map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual([
      '2025-06-02 CN',
      '2025-06-02 US',
      '2025-06-09 CN',
      '2025-06-09 US',
      '2025-06-16 CN',
      '2025-06-16 unknown',
    ]);
    expect(text).toContain('By developer, per week');
  });

  it('names self-hosted and unserved rows in the providers table', async () => {
    const text = (await render('providers', {}, 'table'));
    expect(text).toMatch(/\nlocal\s+vllm\s+self-hosted\s+1\s+14\.3%/);
    expect(text).toMatch(/\n\(not served\)\s+-\s+unknown\s+1\s+14\.3%\s+0\s+0\.0%/);
  });

  it('says so when there are no requests', async () => {
    const text = (await render('spend', { by: 'team', since: '1h' }, 'table'));
    expect(text).toContain('0 requests, $0.0000 known cost');
    expect(text).toContain('(no requests)');
  });
});

describe('csv format', () => {
  it('writes one flat table with raw figures and empty cells for unknown groups', async () => {
    const csv = (await render('spend', { by: 'team' }, 'csv'));
    expect(csv).toBe(
      [
        'team,requests,input_tokens,cached_input_tokens,output_tokens,cost_usd,unknown_cost_requests,estimated_cost_requests,unknown_token_requests',
        'beta,3,2100000,1000000,210000,1.025,1,0,1',
        'alpha,3,1400000,200000,150000,0.71,0,1,1',
        ',1,20000,0,5000,0,1,0,0',
        '',
      ].join('\r\n'),
    );
  });

  it('puts savings per team, per model and the total in one table', async () => {
    const lines = (await render('savings', { baseline: 'openai/gpt-5' }, 'csv')).trimEnd().split('\r\n');
    expect(lines[0]).toBe('scope,name,compared_requests,paid_usd,baseline_usd,saving_usd,saving_pct,unknown_token_requests,unknown_cost_requests,estimated_cost_requests');
    expect(lines.map((l) => l.split(',').slice(0, 2).join(','))).toEqual([
      'scope,name',
      'team,beta',
      'team,alpha',
      'team,',
      'model,ds/deepseek-chat',
      'model,oa/gpt-5',
      'model,tg/Qwen/Qwen3-235B-A22B',
      'model,local/llama-3.1-8b',
      'model,',
      'total,total',
    ]);
    expect(lines.at(-1)).toBe('total,total,4,1.725,6.625,4.9,73.9622641509434,2,1,0');
    expect(lines[3]).toBe('team,,0,0,0,0,,0,1,0'); // no saving % without a baseline cost
  });

  it('gives origin shares as fractions, overall rows as bucket "all"', async () => {
    const lines = (await render('origins', { by: 'month' }, 'csv')).trimEnd().split('\r\n');
    expect(lines[0]).toBe('bucket,dimension,name,requests,tokens,token_share,cost_usd,spend_share,unknown_token_requests,unknown_cost_requests');
    expect(lines[1]).toBe('all,origin,CN,4,3750000,0.965250965250965,1.51,0.870317002881844,1,0');
    expect(lines.filter((l) => l.startsWith('2025-06-01,origin,'))).toHaveLength(3);
  });

  it('quotes names holding commas or quotes', async () => {
    const odd: LedgerRow = { ...HAND_LEDGER[0]!, id: 'odd', team: 'R&D, "Paris"' };
    const h = await makeSqliteLedger([odd], join(dir, 'odd.db'));
    try {
      const csv = renderReport((await buildReport('spend', { by: 'team' }, h.queries, undefined, NOW)), 'csv');
      expect(csv.split('\r\n')[1]).toBe('"R&D, ""Paris""",1,1000000,200000,100000,0.5,0,0,0');
    } finally {
      await h.close();
    }
  });
});

describe('json format', () => {
  it('is the report object itself', async () => {
    for (const name of ['spend', 'origins', 'providers']) {
      const report = (await buildReport(name, {}, queries, catalog, NOW));
      expect(JSON.parse(renderReport(report, 'json'))).toEqual(JSON.parse(JSON.stringify(report, (_k, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(15)) : v))));
    }
    const savings = JSON.parse((await render('savings', { baseline: 'openai/gpt-5' }, 'json'))) as Record<string, unknown>;
    expect(savings).toMatchObject({ report: 'savings', requests: 7, daysCovered: 28, total: { requests: 4, paidUsd: 1.725, baselineUsd: 6.625, savingUsd: 4.9 } });
  });

  it('accepts only table, csv and json', async () => {
    expect(parseReportFormat(undefined)).toBe('table');
    expect(() => parseReportFormat('xml')).toThrow(ReportOptionError);
  });
});
