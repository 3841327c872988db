import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

/**
 * `switchyard keys` as a user types it (issue 20, item 7): each bad flag is named as typed with what it
 * got, `--models` is checked against the config, a reference to several keys says so, and keys can be
 * given an expiry, renamed, rotated and listed with what they spent.
 */
const dir = mkdtempSync(join(tmpdir(), 'sy-keys-cli-'));
const db = join(dir, 'keys.db');
const config = join(dir, 'switchyard.yaml');

beforeAll(() => {
  writeFileSync(
    config,
    [`storage: "sqlite:${db}"`, 'providers:', '  local: { type: vllm, base_url: "http://127.0.0.1:9/v1" }', 'models:', '  cheap: { deployments: [local/a] }', ''].join('\n'),
  );
});

const keys = (...args: string[]) => runCli(['keys', ...args, '--config', config]);

async function create(...args: string[]): Promise<{ key: string; id: string }> {
  const r = await keys('create', '--team', 't', '--create-store', ...args);
  expect(r.code, r.stderr).toBe(0);
  const key = r.stdout.trim();
  return { key, id: /\(id ([0-9a-f-]+)\)/.exec(r.stderr)![1]! };
}

describe('switchyard keys: messages', () => {
  it('names the flag as typed and what it got', async () => {
    const rpm = await keys('create', '--team', 't', '--rpm', 'abc');
    expect(rpm.code).toBe(2);
    expect(rpm.stderr).toContain('Invalid --rpm: expected a number, got "abc".');
    const tpm = await keys('create', '--team', 't', '--tpm', '1.5');
    expect(tpm.stderr).toContain('Invalid --tpm: expected an integer, got 1.5.');
    const period = await keys('create', '--team', 't', '--budget', '1', '--period', 'year');
    expect(period.code).toBe(2);
    expect(period.stderr).toContain("Invalid --period: expected 'day', 'week' or 'month', got 'year'.");
    expect(period.stderr).not.toContain('budget-period');
    const expires = await keys('create', '--team', 't', '--expires', 'tomorrow');
    expect(expires.code).toBe(2);
    expect(expires.stderr).toContain('Invalid --expires: expected a span from now such as 30d or 12h');
  });

  it("refuses --models naming a model the config does not serve, and creates nothing", async () => {
    const r = await keys('create', '--team', 't', '--models', 'cheap,nosuchmodel', '--create-store');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Invalid --models: unknown model 'nosuchmodel': this gateway serves cheap, or <provider>/<model> for its providers (local).");
    expect(existsSync(db)).toBe(false);
    const ok = await keys('create', '--team', 't', '--models', 'cheap,local/b', '--create-store');
    expect(ok.code, ok.stderr).toBe(0);
  });

  it('an ambiguous reference lists the candidates; revoking twice says when it was revoked', async () => {
    const a = await create('--name', 'alpha');
    await create('--name', 'beta');
    const ambiguous = await keys('revoke', 'sy-');
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toMatch(/'sy-' is ambiguous: it matches \d+ keys \(/);
    expect(ambiguous.stderr).toContain(`${a.key.slice(0, 10)}… 'alpha' (team t, id ${a.id})`);
    expect(ambiguous.stderr).toContain("'beta'");
    expect(ambiguous.stderr).not.toMatch(/No key/);
    const near = await keys('revoke', a.key.slice(0, 7));
    expect(near.code).toBe(1);
    expect(near.stderr).toContain(`Did you mean ${a.key.slice(0, 10)}…`);
    const first = await keys('revoke', a.key.slice(0, 10));
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Revoked /);
    const second = await keys('revoke', a.id);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/was already revoked at \d{4}-\d{2}-\d{2}T[\d:.]+Z; nothing changed\./);
    expect(second.stdout).not.toMatch(/^Revoked /);
  });
});

describe('switchyard keys: expiry, rename, rotate, spend', () => {
  it('lists what each key spent in its current period, its expiry and status', async () => {
    const budgeted = await create('--budget', '5', '--period', 'day', '--expires', '2099-01-31');
    const plain = await create();
    const ledger = new Database(db);
    const insert = ledger.prepare(
      `INSERT INTO requests (id, ts, key_id, requested_model, usage_estimated, cost_usd, cost_estimated, latency_ms, status, stream, partial)
       VALUES (?, ?, ?, 'cheap', 0, ?, 0, 1, 200, 0, 0)`,
    );
    insert.run('r1', Date.now(), budgeted.id, 1.25);
    insert.run('r2', Date.now() - 3 * 86_400_000, budgeted.id, 100); // an earlier day: not in this period
    insert.run('r3', Date.now(), plain.id, 0.005);
    ledger.close();
    const list = await keys('list');
    expect(list.code).toBe(0);
    const header = list.stdout.split('\n')[0]!.split('\t');
    expect(header).toEqual(['prefix', 'id', 'team', 'name', 'limits', 'models', 'spent', 'expires', 'status']);
    const row = (id: string) => list.stdout.split('\n').find((l) => l.includes(id))!.split('\t');
    expect(row(budgeted.id).slice(4)).toEqual(['$5/day', 'all', '$1.2500 this day', '2099-01-31T00:00:00.000Z', 'active']);
    expect(row(plain.id)[6]).toBe('$0.005000 this month');
    expect(row(plain.id)[7]).toBe('never');
    const json = JSON.parse((await keys('list', '--format', 'json')).stdout) as Array<{ id: string; spend: { usd: number; period: string }; expiresAt?: number }>;
    const entry = json.find((k) => k.id === budgeted.id)!;
    expect(entry.spend).toMatchObject({ usd: 1.25, period: 'day' });
    expect(entry.expiresAt).toBe(Date.parse('2099-01-31T00:00:00Z'));
  });

  it('renames a key, and rotates it: a new secret printed once, the same id and limits', async () => {
    const k = await create('--name', 'ci', '--rpm', '60');
    const renamed = await keys('rename', k.key.slice(0, 10), 'ci-nightly');
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(renamed.stdout).toContain("'ci' → 'ci-nightly'");
    const rotated = await keys('rotate', k.id);
    expect(rotated.code, rotated.stderr).toBe(0);
    const fresh = rotated.stdout.trim();
    expect(fresh).toMatch(/^sy-[0-9A-Za-z]{32}$/);
    expect(fresh).not.toBe(k.key);
    expect(rotated.stderr).toContain(`Rotated key ${k.key.slice(0, 10)}… → ${fresh.slice(0, 10)}… (id ${k.id}`);
    const list = (await keys('list')).stdout;
    const row = list.split('\n').find((l) => l.includes(k.id))!.split('\t');
    expect(row[0]).toBe(`${fresh.slice(0, 10)}…`);
    expect(row[3]).toBe('ci-nightly');
    expect(row[4]).toBe('60 rpm');
    expect(list).not.toContain(fresh);
    // the stored hash is the new secret's; the old secret's is gone
    const ledger = new Database(db, { readonly: true });
    const stored = ledger.prepare('SELECT hash FROM api_keys WHERE id = ?').get(k.id) as { hash: string };
    ledger.close();
    const { createHash } = await import('node:crypto');
    expect(stored.hash).toBe(createHash('sha256').update(fresh).digest('hex'));
  });
});

describe('switchyard keys team-budget', () => {
  it('sets, lists with what the team spent together, and removes a team budget', async () => {
    const bad = await keys('team-budget', 'search', '--budget', 'lots');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Invalid --budget: expected a number, got "lots".');
    const missing = await keys('team-budget', 'search');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Invalid --budget: is required');
    const set = await keys('team-budget', 'search', '--budget', '20', '--period', 'week');
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain("Team 'search' now shares a budget of $20 per week");
    const a = await create('--team', 'search');
    const ledger = new Database(db);
    ledger
      .prepare(
        `INSERT INTO requests (id, ts, key_id, team, requested_model, usage_estimated, cost_usd, cost_estimated, latency_ms, status, stream, partial)
         VALUES ('t1', ?, ?, 'search', 'cheap', 0, 2.5, 0, 1, 200, 0, 0)`,
      )
      .run(Date.now(), a.id);
    ledger.close();
    const list = await keys('team-budgets');
    expect(list.code).toBe(0);
    const row = list.stdout.split('\n').find((l) => l.startsWith('search\t'))!.split('\t');
    expect(row.slice(0, 3)).toEqual(['search', '$20/week', '$2.5000 this week']);
    const removed = await keys('team-budget', 'search', '--remove');
    expect(removed.code).toBe(0);
    const again = await keys('team-budget', 'search', '--remove');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("Team 'search' has no budget");
  });
});
