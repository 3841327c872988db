import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { LedgerRow } from '../../src/ledger/ledger-row.js';
import { RowSpool } from '../../src/ledger/spool/row-spool.js';
import { SpooledUsageWriter } from '../../src/ledger/spool/spooled-usage-writer.js';
import { openLedgerStores } from '../../src/server/open-ledger-stores.js';
import { watchLedgerBacklog } from '../../src/telemetry/ledger-backlog-metrics.js';
import { row } from '../ledger/usage-writer.contract.js';
import { readMetrics } from './read-metrics.js';

/**
 * The ledger's backlog as the metrics read it: rows not yet durable (SQLite's group commit, the spool's
 * append) and, with PostgreSQL, rows spooled on disk while it is away and how old the oldest is.
 */
const dir = mkdtempSync(join(tmpdir(), 'sy-backlog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function gauges(read: Parameters<typeof watchLedgerBacklog>[1], now?: () => number): Promise<Record<string, number>> {
  const registry = new Registry();
  watchLedgerBacklog(registry, read, now);
  const out: Record<string, number> = {};
  for (const f of readMetrics(await registry.metrics())) out[f.name] = Number(f.metrics[0]!.value);
  return out;
}

describe('ledger backlog', () => {
  it('SQLite: rows waiting for their group commit, then none', async () => {
    const stores = await openLedgerStores({ kind: 'sqlite', path: ':memory:' });
    try {
      const ledger = stores.ledger;
      const before = Date.now();
      const written = [1, 2, 3].map((i) => ledger.write(row(`sq-${i}`)));
      const waiting = ledger.backlog!();
      expect(waiting.pendingRows).toBe(3);
      expect(waiting.pendingSince).toBeGreaterThanOrEqual(before);
      const metrics = await gauges(() => ledger.backlog!(), () => waiting.pendingSince! + 1500);
      expect(metrics).toEqual({ switchyard_ledger_pending_rows: 3, switchyard_ledger_pending_age_seconds: 1.5 });
      await Promise.all(written);
      expect(ledger.backlog!()).toEqual({ pendingRows: 0 });
    } finally {
      await stores.close();
    }
  });

  it('a spool while PostgreSQL is away: rows on disk, segments and the lag, then drained', async () => {
    let down = true;
    const committed: LedgerRow[] = [];
    const sink = async (rows: readonly LedgerRow[]) => {
      if (down) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      committed.push(...rows);
    };
    const spool = await RowSpool.open(dir, 'outage');
    const writer = new SpooledUsageWriter(spool, sink, { drainIntervalMs: 10, maxRetryMs: 20 });
    try {
      const started = Date.now();
      for (let batch = 0; batch < 3; batch++) {
        await Promise.all(Array.from({ length: 10 }, (_, i) => writer.write(row(`sp-${batch}-${i}`))));
        await new Promise((r) => setTimeout(r, 30)); // the drainer seals a segment and fails to send it
      }
      const backlog = writer.backlog();
      expect(backlog.pendingRows).toBe(0);
      expect(backlog.spooledRows).toBe(30);
      expect(backlog.spooledSegments).toBeGreaterThanOrEqual(1);
      expect(backlog.spooledSince).toBeGreaterThanOrEqual(started - 1);
      const metrics = await gauges(() => writer.backlog(), () => backlog.spooledSince! + 90_000);
      expect(metrics).toMatchObject({
        switchyard_ledger_pending_rows: 0,
        switchyard_ledger_spool_rows: 30,
        switchyard_ledger_spool_segments: backlog.spooledSegments!,
        switchyard_ledger_spool_age_seconds: 90,
      });
      down = false;
      await writer.drained();
      expect(committed).toHaveLength(30);
      expect(writer.backlog()).toMatchObject({ pendingRows: 0, spooledRows: 0, spooledSegments: 0 });
      expect(writer.backlog().spooledSince).toBeUndefined();
    } finally {
      await writer.close();
    }
  });

  it("a spool's segments left by an earlier run count, and are dated by their names", async () => {
    const first = await RowSpool.open(dir, 'restart');
    await first.append([row('left-1'), row('left-2')]);
    await first.seal();
    await first.close();
    const again = await RowSpool.open(dir, 'restart');
    const depth = again.depth();
    expect(depth.segments).toBe(1);
    expect(depth.oldestAt).toBeLessThanOrEqual(Date.now());
    // their rows are counted once read (the drainer reads the oldest first)
    expect((await again.readOldest())?.rows).toHaveLength(2);
    expect(again.depth().rows).toBe(2);
    await again.removeOldest();
    expect(again.depth()).toEqual({ rows: 0, segments: 0, oldestAt: undefined });
    await again.close();
  });
});
