import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/ledger/sqlite/open-sqlite.js';
import { SqliteUsageWriter } from '../../src/ledger/sqlite/sqlite-usage-writer.js';
import { row, usageWriterContract } from './usage-writer.contract.js';

usageWriterContract('SQLite file', async () => {
  const db = openSqlite(join(mkdtempSync(join(tmpdir(), 'sy-ledger-')), 'ledger.db'));
  const writer = new SqliteUsageWriter(db);
  return {
    writer,
    readRows: async () => db.prepare('SELECT * FROM requests').all() as Array<Record<string, unknown>>,
    close: async () => {
      await writer.close();
      db.close();
    },
  };
});

describe('SQLite ledger, in-thread writer', () => {
  it('rejects a row it cannot store (NaN binds as NULL in a NOT NULL column) instead of skipping it in silence', async () => {
    const db = openSqlite(':memory:');
    const writer = new SqliteUsageWriter(db);
    try {
      await expect(writer.write(row('nan', { latencyMs: Number.NaN }))).rejects.toThrow(/NOT NULL constraint failed: requests.latency_ms/);
      await writer.write(row('fine'));
      expect(db.prepare('SELECT id FROM requests').all()).toEqual([{ id: 'fine' }]);
    } finally {
      await writer.close();
      db.close();
    }
  });
});
