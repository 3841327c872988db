import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteUsageWriter } from '../../src/ledger/sqlite/sqlite-usage-writer.js';
import { WorkerUsageWriter } from '../../src/ledger/sqlite/worker-usage-writer.js';
import { openLedgerStores } from '../../src/server/open-ledger-stores.js';
import { row } from './usage-writer.contract.js';

const dir = mkdtempSync(join(tmpdir(), 'sy-writer-choice-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const all = { since: 0 };

describe('the SQLite ledger writer the gateway opens', () => {
  it('commits on this thread for a :memory: database (no other connection can see it)', async () => {
    const stores = await openLedgerStores({ kind: 'sqlite', path: ':memory:' });
    try {
      expect(stores.ledger).toBeInstanceOf(SqliteUsageWriter);
      await Promise.all([stores.ledger.write(row('m-1')), stores.ledger.write(row('m-2'))]);
      expect(await stores.usage.count(all)).toBe(2);
    } finally {
      await stores.close();
    }
  });

  it('commits on a worker thread for a file, and the gateway reads each row once its write resolved', async () => {
    const stores = await openLedgerStores({ kind: 'sqlite', path: join(dir, 'ledger.db') });
    try {
      expect(stores.ledger).toBeInstanceOf(WorkerUsageWriter);
      for (let i = 0; i < 5; i++) {
        await stores.ledger.write(row(`f-${i}`, { cost: 0.5 }));
        expect(await stores.usage.count(all)).toBe(i + 1);
      }
      expect(await stores.usage.spentSince({}, 0)).toBe(2.5);
    } finally {
      await stores.close();
    }
  });
});
