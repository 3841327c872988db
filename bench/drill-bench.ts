/**
 * How long `switchyard drill` takes over a ledger of 100,000 requests (the issue's target: under 5 s).
 * Builds a 30-day SQLite ledger through the gateway's own writer (rows spread over 8 models, 12 teams, 40
 * keys and 5 providers), then runs the real CLI on it three times and prints the wall times.
 * Usage: node build-bench/bench/drill-bench.js [--rows N]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { LedgerRow } from '../src/ledger/ledger-row.js';
import { openSqlite } from '../src/ledger/sqlite/open-sqlite.js';
import { SqliteUsageWriter } from '../src/ledger/sqlite/sqlite-usage-writer.js';

const rowsArg = process.argv.indexOf('--rows');
const ROWS = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 100_000;
const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), 'sy-drill-bench-'));
const dbPath = join(dir, 'ledger.db');
const served: Array<[string, string, string]> = [
  ['v3', 'deepseek', 'deepseek-chat'],
  ['v3', 'together', 'deepseek-ai/DeepSeek-V3.1'],
  ['qwen3', 'qwen', 'qwen3-235b-a22b'],
  ['qwen3', 'together', 'Qwen/Qwen3-235B-A22B-Instruct-2507-tput'],
  ['sonnet', 'claude', 'claude-sonnet-4-5'],
  ['gpt', 'openai', 'gpt-5'],
  ['kimi', 'moonshot', 'kimi-k2-0905-preview'],
  ['ds-only', 'deepseek', 'deepseek-chat'],
];

async function main(): Promise<void> {
  const db = openSqlite(dbPath);
  const writer = new SqliteUsageWriter(db);
  const now = Date.now();
  let t0 = performance.now();
  for (let start = 0; start < ROWS; start += 5000) {
    const batch: Promise<void>[] = [];
    for (let i = start; i < Math.min(ROWS, start + 5000); i++) {
      const [model, provider, servedModel] = served[i % served.length]!;
      const row: LedgerRow = {
        id: `bench-${i}`,
        time: now - Math.floor((i / ROWS) * 29 * DAY),
        keyId: `key_${i % 40}`,
        team: `team-${i % 12}`,
        requestedModel: model,
        provider,
        servedModel,
        inputTokens: 200 + (i % 1800),
        outputTokens: 50 + (i % 400),
        cost: 0.0001 * (1 + (i % 7)),
        usageEstimated: false,
        costEstimated: false,
        latencyMs: 300,
        status: 200,
        stream: i % 2 === 0,
        partial: false,
      };
      batch.push(writer.write(row));
    }
    await Promise.all(batch);
  }
  await writer.close();
  db.close();
  console.log(`ledger: ${ROWS.toLocaleString('en-US')} rows written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const config = join(dir, 'switchyard.yaml');
  writeFileSync(
    config,
    [
      `storage: "sqlite:${dbPath}"`,
      'providers:',
      ...['deepseek', 'together', 'qwen', 'moonshot', 'openai'].map((p) => `  ${p}: { type: ${p}, api_key: k-000000, base_url: "http://127.0.0.1:9/v1" }`),
      '  claude: { type: anthropic, api_key: k-000000, base_url: "http://127.0.0.1:9/v1" }',
      'models:',
      '  v3: { deployments: [deepseek/deepseek-chat, together/deepseek-ai/DeepSeek-V3.1] }',
      '  qwen3: { deployments: [qwen/qwen3-235b-a22b, together/Qwen/Qwen3-235B-A22B-Instruct-2507-tput] }',
      '  sonnet: { deployments: [claude/claude-sonnet-4-5] }',
      '  gpt: { deployments: [openai/gpt-5] }',
      '  kimi: { deployments: [moonshot/kimi-k2-0905-preview] }',
      '  ds-only: { deployments: [deepseek/deepseek-chat] }',
      '',
    ].join('\n'),
  );
  const bin = resolve('bin/switchyard.js');
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    t0 = performance.now();
    const r = spawnSync(process.execPath, [bin, 'drill', '--without', 'origin:CN', '--since', '30d', '-c', config], { encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`drill failed: ${r.stderr}`);
    if (run === 0) console.log(r.stdout);
  }
  console.log(`drill over ${ROWS.toLocaleString('en-US')} rows (whole CLI run, process start included): ${times.map((t) => `${(t / 1000).toFixed(2)} s`).join(', ')}`);
  rmSync(dir, { recursive: true, force: true });
}

await main();
