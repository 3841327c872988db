import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/ledger/sqlite/open-sqlite.js';
import { WorkerUsageWriter, type WorkerWriterOptions } from '../../src/ledger/sqlite/worker-usage-writer.js';
import { row, usageWriterContract } from './usage-writer.contract.js';

const dir = mkdtempSync(join(tmpdir(), 'sy-worker-ledger-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** A new ledger file (created and migrated by the main thread, as the gateway does), and its writer. */
async function openLedger(options: WorkerWriterOptions = {}) {
  const path = join(dir, `ledger-${++files}.db`);
  openSqlite(path).close();
  const writer = await WorkerUsageWriter.open(path, options);
  // a second connection, as the gateway's readers have: what it sees is committed
  const reader = new Database(path, { readonly: true });
  return {
    path,
    writer,
    reader,
    ids: () => (reader.prepare('SELECT id FROM requests ORDER BY id').all() as Array<{ id: string }>).map((r) => r.id),
    async close() {
      await writer.close();
      reader.close();
    },
  };
}

/** Another connection holding the database's write lock until `release`, as a slow commit would. */
function holdWriteLock(path: string): { release(): void } {
  const db = new Database(path);
  db.exec('BEGIN IMMEDIATE');
  return {
    release() {
      db.exec('ROLLBACK');
      db.close();
    },
  };
}

const turn = () => new Promise((r) => setImmediate(r));
const settled = (p: Promise<unknown>) => p.then(() => 'resolved', (err: Error) => `rejected: ${err.message}`);

usageWriterContract('SQLite file, commit worker thread', async () => {
  const l = await openLedger();
  return { writer: l.writer, readRows: async () => l.reader.prepare('SELECT * FROM requests').all() as Array<Record<string, unknown>>, close: () => l.close() };
});

describe('SQLite ledger, commit worker thread', () => {
  it('commits the rows written in one event-loop turn in one transaction', async () => {
    const l = await openLedger();
    try {
      await Promise.all(Array.from({ length: 1_000 }, (_, i) => l.writer.write(row(`turn-${i}`))));
      expect(l.writer.committed()).toEqual({ transactions: 1, rows: 1_000 });
      expect(l.ids()).toHaveLength(1_000);
    } finally {
      await l.close();
    }
  });

  it('puts every batch that arrives while a commit waits into the next transaction, and acknowledges none before its commit', async () => {
    const l = await openLedger();
    const lock = holdWriteLock(l.path);
    try {
      const first = Array.from({ length: 10 }, (_, i) => l.writer.write(row(`first-${i}`)));
      await new Promise((r) => setTimeout(r, 50)); // the thread now waits for the lock inside its first commit
      const later: Array<Promise<void>> = [];
      for (let t = 0; t < 5; t++) {
        for (let i = 0; i < 10; i++) later.push(l.writer.write(row(`later-${t}-${i}`)));
        await turn();
      }
      const states = [...first, ...later].map(settled);
      await new Promise((r) => setTimeout(r, 100));
      expect(l.writer.backlog()).toMatchObject({ pendingRows: 60 });
      let anySettled = false;
      for (const s of states) void s.then(() => (anySettled = true));
      await turn();
      expect(anySettled).toBe(false);
      expect(l.ids()).toEqual([]);
      lock.release();
      expect(new Set(await Promise.all(states))).toEqual(new Set(['resolved']));
      expect(l.writer.committed()).toEqual({ transactions: 2, rows: 60 });
      expect(l.writer.backlog()).toEqual({ pendingRows: 0 });
    } finally {
      await l.close();
    }
  });

  it('resolves a write only once its row is readable from another connection', async () => {
    const l = await openLedger();
    const find = l.reader.prepare('SELECT 1 AS found FROM requests WHERE id = ?');
    const missing: string[] = [];
    try {
      for (let t = 0; t < 20; t++) {
        const writes = Array.from({ length: 1 + (t % 7) * 5 }, (_, i) => {
          const id = `ack-${t}-${i}`;
          return l.writer.write(row(id)).then(() => {
            if (find.get(id) === undefined) missing.push(id);
          });
        });
        if (t % 2 === 0) await Promise.all(writes);
        else await turn();
      }
      await l.writer.close();
      expect(missing).toEqual([]);
      expect(l.ids().length).toBeGreaterThan(20);
    } finally {
      await l.close();
    }
  });

  it('rejects exactly the writes of the batch whose transaction failed', async () => {
    const l = await openLedger();
    const lock = holdWriteLock(l.path);
    try {
      const a = [l.writer.write(row('a-1')), l.writer.write(row('a-2'))].map(settled);
      await new Promise((r) => setTimeout(r, 50));
      // b's bad row breaks a NOT NULL column; b and c reach the thread together, while a's commit waits
      const b = [l.writer.write(row('b-1')), l.writer.write(row('b-bad', { latencyMs: Number.NaN })), l.writer.write(row('b-2'))].map(settled);
      await turn();
      const c = [l.writer.write(row('c-1'))].map(settled);
      await turn();
      lock.release();
      expect(await Promise.all(a)).toEqual(['resolved', 'resolved']);
      expect(new Set(await Promise.all(b))).toEqual(new Set(['rejected: NOT NULL constraint failed: requests.latency_ms']));
      expect(await Promise.all(c)).toEqual(['resolved']);
      expect(l.ids()).toEqual(['a-1', 'a-2', 'c-1']);
      // the writer goes on
      await l.writer.write(row('d-1'));
      expect(l.ids()).toContain('d-1');
    } finally {
      await l.close();
    }
  });

  it('close commits every row written before it, then refuses writes', async () => {
    const l = await openLedger();
    const writes = Array.from({ length: 500 }, (_, i) => l.writer.write(row(`close-${i}`)));
    await l.writer.close();
    expect(new Set(await Promise.all(writes.map(settled)))).toEqual(new Set(['resolved']));
    expect(l.ids()).toHaveLength(500);
    await expect(l.writer.write(row('late'))).rejects.toThrow('the ledger is closed');
    await l.close();
  });

  it('fails to open, loudly, where the thread cannot open the database', async () => {
    await expect(WorkerUsageWriter.open(join(dir, 'no-such-folder', 'ledger.db'))).rejects.toThrow(/directory does not exist/);
  });

  it('restarts a crashed commit thread: batches it held are sent again alone, one that crashes it twice is failed', async () => {
    const crashes: Array<{ code: unknown; outcome: object }> = [];
    // a batch too large for the thread's heap makes it run out of memory: a real crash of the thread
    const l = await openLedger({
      resourceLimits: { maxOldGenerationSizeMb: 16 },
      onCrash: (err, outcome) => crashes.push({ code: (err as NodeJS.ErrnoException).code, outcome }),
    });
    try {
      const before = await settled(l.writer.write(row('before')));
      const huge = Array.from({ length: 200_000 }, (_, i) => l.writer.write(row(`huge-${i}`, { route: 'x'.repeat(40) })));
      await turn();
      const after = [l.writer.write(row('after-1')), l.writer.write(row('after-2'))];
      const outcomes = await Promise.all([...huge.slice(0, 1), ...after].map(settled));
      expect(before).toBe('resolved');
      expect(outcomes[0]).toMatch(/^rejected: the ledger's commit thread crashed 2 times while holding these rows: Worker terminated due to reaching memory limit/);
      expect(outcomes.slice(1)).toEqual(['resolved', 'resolved']);
      expect(crashes.map((c) => c.code)).toEqual(['ERR_WORKER_OUT_OF_MEMORY', 'ERR_WORKER_OUT_OF_MEMORY']);
      expect(crashes[1]!.outcome).toEqual({ retried: 0, failed: 1 });
      expect(l.ids()).toEqual(['after-1', 'after-2', 'before']);
      // the restarted thread goes on committing
      await l.writer.write(row('later'));
      expect(l.ids()).toContain('later');
      expect(l.writer.backlog()).toEqual({ pendingRows: 0 });
    } finally {
      await l.close();
    }
  }, 60_000);
});
