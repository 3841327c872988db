import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LedgerRow } from '../../src/ledger/ledger-row.js';
import { makeLedgerDir, makeSqliteLedger } from '../reports/make-sqlite-ledger.js';
import { runCli } from '../support/run-cli.js';

/** `switchyard report providers` shows each capped group's share over its window, from the ledger. */
const now = Date.now();
let n = 0;
const row = (provider: string, origin: string, minutesAgo: number, tokens: number): LedgerRow => ({
  id: `c${++n}`,
  time: now - minutesAgo * 60_000,
  requestedModel: 'm',
  provider,
  servedModel: 'x',
  modelOrigin: origin,
  developer: origin === 'CN' ? 'DeepSeek' : 'Mistral AI',
  inputTokens: tokens,
  outputTokens: 0,
  cost: tokens / 1e6,
  usageEstimated: false,
  costEstimated: false,
  latencyMs: 1,
  status: 200,
  stream: false,
  partial: false,
});

let config: string;
beforeAll(async () => {
  const dir = makeLedgerDir();
  const db = join(dir, 'l.db');
  // in the last hour: deepseek 6 requests (600 tokens), mistral 4 requests (1,400 tokens); two hours ago: 10 more mistral
  const rows = [
    ...Array.from({ length: 6 }, (_, i) => row('deepseek', 'CN', 5 + i, 100)),
    ...Array.from({ length: 4 }, (_, i) => row('mistral', 'FR', 10 + i, 350)),
    ...Array.from({ length: 10 }, () => row('mistral', 'FR', 120, 100)),
    // not served traffic: a failure and a shadow call in the window do not count
    { ...row('mistral', 'FR', 3, 100), status: 502, errorCode: 'upstream_error' },
    { ...row('mistral', 'FR', 3, 100), purpose: 'shadow' as const },
  ];
  (await makeSqliteLedger(rows, db)).close();
  config = join(dir, 'c.yaml');
  writeFileSync(
    config,
    [
      `storage: "sqlite:${db}"`,
      'concentration:',
      '  - { by: provider, max_share: 0.5, window: 1h }',
      '  - { by: origin, max_share: 0.5, measure: tokens, window: 1h, only: [CN] }',
      '',
    ].join('\n'),
  );
});

describe('report providers with concentration caps', () => {
  it('gives the share of each capped group over its window, hand-checked', async () => {
    const r = await runCli(['report', 'providers', '-c', config, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.concentration).toEqual([
      { by: 'provider', measure: 'requests', window: '1h', group: 'deepseek', share: 0.6, maxShare: 0.5, overCap: true },
      { by: 'provider', measure: 'requests', window: '1h', group: 'mistral', share: 0.4, maxShare: 0.5, overCap: false },
      { by: 'origin', measure: 'tokens', window: '1h', group: 'CN', share: 0.3, maxShare: 0.5, overCap: false },
    ]);
    const text = await runCli(['report', 'providers', '-c', config]);
    expect(text.stdout).toContain('Concentration caps');
    expect(text.stdout).toMatch(/provider\s+deepseek\s+requests\s+1h\s+60\.0%\s+50\.0%\s+AT CAP/);
  });
});
