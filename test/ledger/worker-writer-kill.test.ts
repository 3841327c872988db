import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { exited, repoRoot } from '../support/run-cli.js';
import { waitUntil } from '../support/wait-until.js';

/**
 * `kill -9` of a process writing through the commit-worker writer (the built one, as the gateway runs
 * it): every row whose write had resolved is in the file, once, and writing those rows again after a
 * restart adds none twice.
 */
const child = join(repoRoot, 'test', 'ledger', 'children', 'write-until-killed.mjs');
const dir = mkdtempSync(join(tmpdir(), 'sy-worker-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function countIds(path: string): Map<string, number> {
  const db = new Database(path, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const counts = new Map<string, number>();
    for (const { id } of db.prepare('SELECT id FROM requests').all() as Array<{ id: string }>) counts.set(id, (counts.get(id) ?? 0) + 1);
    return counts;
  } finally {
    db.close();
  }
}

describe('kill -9 of a process writing through the commit worker', () => {
  it('loses no acknowledged row and stores none twice', async () => {
    if (!existsSync(join(repoRoot, 'dist', 'ledger', 'sqlite', 'worker-usage-writer.js'))) {
      throw new Error('dist/ is missing the commit-worker writer: run `npm run build` first');
    }
    const path = join(dir, 'ledger.db');
    const writer = spawn(process.execPath, [child, path, 'k']);
    let out = '';
    let errors = '';
    writer.stdout.on('data', (d) => (out += d));
    writer.stderr.on('data', (d) => (errors += d));
    const acked = () => out.split('\n').slice(0, -1).filter((l) => l !== 'ready'); // the last piece may be cut
    try {
      await waitUntil(() => acked().length >= 5_000 || writer.exitCode !== null, 60_000, '5,000 acknowledged rows');
      expect(errors).toBe('');
    } finally {
      writer.kill('SIGKILL');
      await exited(writer);
    }
    const ids = acked();
    expect(ids.length).toBeGreaterThanOrEqual(5_000);
    const counts = countIds(path);
    expect(ids.filter((id) => counts.get(id) !== 1)).toEqual([]);

    // the acknowledged rows written again after a restart, with new ones: each stored once
    const again = join(dir, 'again.txt');
    writeFileSync(again, ids.join('\n'));
    const rerun = spawn(process.execPath, [child, path, 'r', again], { stdio: 'inherit' });
    expect(await exited(rerun, 30_000)).toBe(0);
    const after = countIds(path);
    expect([...after.values()].every((n) => n === 1)).toBe(true);
    expect(after.size).toBe(counts.size + 500);
  }, 120_000);

  it('keeps a process alive until its rows are acknowledged, and not after', async () => {
    const path = join(dir, 'no-close.db');
    const writer = spawn(process.execPath, [child, path, 'n', '--no-close']);
    let out = '';
    writer.stdout.on('data', (d) => (out += d));
    try {
      expect(await exited(writer, 20_000)).toBe(0);
    } finally {
      if (writer.exitCode === null) writer.kill('SIGKILL'); // held open: the test has failed; leave no process behind
    }
    expect(out).toBe('acknowledged\n');
    expect(countIds(path).size).toBe(100);
  });
});
