import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LedgerRow } from '../../src/ledger/ledger-row.js';
import { RowSpool } from '../../src/ledger/spool/row-spool.js';
import { SpooledUsageWriter } from '../../src/ledger/spool/spooled-usage-writer.js';
import { row } from './usage-writer.contract.js';

const dir = mkdtempSync(join(tmpdir(), 'sy-spool-gc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('spool group commit', () => {
  it('gathers every row written while an append is in flight into the next single append', async () => {
    const spool = await RowSpool.open(dir, 'gc');
    const appends: number[] = [];
    const append = spool.append.bind(spool);
    let release: (() => void) | undefined;
    spool.append = async (rows: readonly LedgerRow[]) => {
      appends.push(rows.length);
      // hold the first append, as a slow fdatasync would
      if (appends.length === 1) await new Promise<void>((r) => (release = r));
      return append(rows);
    };
    const sent: string[] = [];
    const writer = new SpooledUsageWriter(spool, async (rows) => void sent.push(...rows.map((r) => r.id)), { drainIntervalMs: 10_000 });
    try {
      const first = writer.write(row('gc-0'));
      await new Promise((r) => setImmediate(r));
      expect(appends).toEqual([1]);
      // rows written over several event-loop turns while the first append waits on the disk
      const later: Promise<void>[] = [];
      for (let turn = 0; turn < 5; turn++) {
        for (let i = 0; i < 10; i++) later.push(writer.write(row(`gc-${turn}-${i}`)));
        await new Promise((r) => setImmediate(r));
      }
      let firstDone = false;
      void first.then(() => (firstDone = true));
      await new Promise((r) => setImmediate(r));
      expect(firstDone).toBe(false);
      release!();
      await Promise.all([first, ...later]);
      expect(appends).toEqual([1, 50]);
      await writer.drained();
      expect(new Set(sent).size).toBe(51);
    } finally {
      await writer.close();
    }
  });
});

describe('spool segments', () => {
  it('rows written one at a time while the drainer was idle share one segment (no new file, no folder sync, per append)', async () => {
    const spool = await RowSpool.open(dir, 'one-at-a-time');
    const sent: string[] = [];
    const writer = new SpooledUsageWriter(spool, async (rows) => void sent.push(...rows.map((r) => r.id)), { drainIntervalMs: 10_000 });
    try {
      await new Promise((r) => setTimeout(r, 20)); // the drainer's first round is over: it sleeps until rows arrive
      for (let i = 0; i < 5; i++) {
        await writer.write(row(`single-${i}`));
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(spool.depth()).toMatchObject({ rows: 5, segments: 1 });
      expect(sent).toEqual([]);
      await writer.drained();
      expect(sent).toEqual(['single-0', 'single-1', 'single-2', 'single-3', 'single-4']);
    } finally {
      await writer.close();
    }
  });
});
