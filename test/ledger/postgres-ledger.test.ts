import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertLedgerRows } from '../../src/ledger/postgres/insert-ledger-rows.js';
import { openPostgres } from '../../src/ledger/postgres/open-postgres.js';
import { RowSpool } from '../../src/ledger/spool/row-spool.js';
import { SpooledUsageWriter, type RowSink } from '../../src/ledger/spool/spooled-usage-writer.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres-test-db.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { postgresSkipReason } from '../support/test-services.js';
import { row, usageWriterContract } from './usage-writer.contract.js';

const noPostgres = await postgresSkipReason();

/** The ledger contract on PostgreSQL (through the spool, as the gateway writes), and the spool's promises. */
let db: TestDatabase;
let pool: pg.Pool;
const dir = mkdtempSync(join(tmpdir(), 'sy-pg-ledger-'));
let spools = 0;

beforeAll(async () => {
  db = await createTestDatabase('ledger');
  pool = await openPostgres(db.url());
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function openWriter(sink: pg.Pool | RowSink, name = `s${++spools}`, options = {}) {
  const spool = await RowSpool.open(dir, name);
  const send: RowSink = typeof sink === 'function' ? sink : (rows) => insertLedgerRows(sink, rows);
  return new SpooledUsageWriter(spool, send, { drainIntervalMs: 20, maxRetryMs: 200, closeDrainMs: 1_000, ...options });
}

const ids = async (prefix: string) =>
  (await pool.query<{ id: string }>('SELECT id FROM requests WHERE id LIKE $1', [`${prefix}%`])).rows.map((r) => r.id);

describe.skipIf(noPostgres)('PostgreSQL', () => {
  usageWriterContract('PostgreSQL through the spool', async () => {
    await pool.query('TRUNCATE requests');
    const writer = await openWriter(pool);
    return {
      writer,
      readRows: async () => {
        await writer.drained();
        return (await pool.query('SELECT * FROM requests')).rows as Array<Record<string, unknown>>;
      },
      close: () => writer.close(),
    };
  });
});

describe.skipIf(noPostgres)('spooled PostgreSQL ledger', () => {
  it('keeps serving through an outage and writes every row exactly once when PostgreSQL returns', async () => {
    const proxy = await TcpProxy.start(Number(new URL(db.url()).port || 5432));
    const viaProxy = await openPostgres(db.url(proxy.port), { max: 2 });
    let outages = 0;
    let recovered = -1;
    const writer = await openWriter(viaProxy, 'outage', { onOutage: () => outages++, onRecovered: (n: number) => (recovered = n) });
    try {
      await Promise.all(Array.from({ length: 50 }, (_, i) => writer.write(row(`out-a${i}`))));
      await writer.drained();
      proxy.cut();
      // writes still resolve (durable in the spool) while PostgreSQL cannot be reached
      const started = Date.now();
      for (let i = 0; i < 200; i++) await writer.write(row(`out-b${i}`, { time: Date.now() }));
      expect(Date.now() - started).toBeLessThan(2_000);
      await new Promise((r) => setTimeout(r, 300));
      expect(outages).toBe(1);
      expect(writer.inOutage).toBe(true);
      expect(await ids('out-b')).toHaveLength(0);
      proxy.restore();
      const deadline = Date.now() + 10_000;
      // rows are visible once committed; the recovery is reported after the last segment is removed from the spool
      while (((await ids('out-')).length < 250 || recovered < 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const seen = await ids('out-');
      expect(seen).toHaveLength(250);
      expect(new Set(seen).size).toBe(250);
      expect(recovered).toBeGreaterThanOrEqual(200);
    } finally {
      await writer.close();
      await viaProxy.end();
      await proxy.close();
    }
  }, 20_000);

  it('replays what a previous run left in its spool, adding no duplicates', async () => {
    // a sink that is down for the whole first run: rows stay on disk
    const down: RowSink = async () => {
      throw new Error('down');
    };
    const failing = await openWriter(down, 'replay', { closeDrainMs: 0 });
    await Promise.all(Array.from({ length: 30 }, (_, i) => failing.write(row(`rep${i}`))));
    await failing.close();
    expect(readdirSync(join(dir, 'replay')).filter((f) => f.endsWith('.jsonl')).length).toBeGreaterThan(0);
    // some of them had reached PostgreSQL already before the "crash"
    await insertLedgerRows(pool, Array.from({ length: 10 }, (_, i) => row(`rep${i}`)));
    const again = await openWriter(pool, 'replay');
    await again.drained();
    await again.close();
    const seen = await ids('rep');
    expect(seen.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `rep${i}`).sort());
    expect(readdirSync(join(dir, 'replay')).filter((f) => f.endsWith('.jsonl'))).toEqual([]);
  });

  it('adopts the segments of a spool folder whose process is gone', async () => {
    const spool = await RowSpool.open(dir, 'gone');
    await spool.append([row('orphan1'), row('orphan2')]);
    await spool.close();
    // pretend its owner died: a pid that cannot be running
    writeFileSync(join(dir, 'gone', 'owner.pid'), '2147483646');
    const adopter = await openWriter(pool, 'adopter');
    await adopter.drained();
    await adopter.close();
    expect((await ids('orphan')).sort()).toEqual(['orphan1', 'orphan2']);
  });
});
