import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '../../src/ledger/sqlite/open-sqlite.js';
import { SqliteUsageWriter } from '../../src/ledger/sqlite/sqlite-usage-writer.js';
import { usageWriterContract } from './usage-writer.contract.js';

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
