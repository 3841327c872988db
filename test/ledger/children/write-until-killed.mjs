// A process writing ledger rows through the commit-worker writer (the built one, in dist/) as fast as it
// can: 32 loops each write a row, wait for its acknowledgement, print its id and go on, until killed.
// With a file of ids as third argument, it writes those again (plus 500 new rows) and closes cleanly;
// with `--no-close`, it writes 100 rows without waiting for them, never closes, and should simply exit.
import { readFileSync } from 'node:fs';
import { openSqlite } from '../../../dist/ledger/sqlite/open-sqlite.js';
import { WorkerUsageWriter } from '../../../dist/ledger/sqlite/worker-usage-writer.js';

const [path, prefix, againFile] = process.argv.slice(2);
const row = (id) => ({ id, time: Date.now(), requestedModel: 'm', usageEstimated: false, costEstimated: false, latencyMs: 1, status: 200, stream: false, partial: false, route: 'child' });

openSqlite(path).close();
const writer = await WorkerUsageWriter.open(path);
if (againFile === '--no-close') {
  for (let i = 0; i < 100; i++) void writer.write(row(`${prefix}-${i}`)).then(() => i === 99 && process.stdout.write('acknowledged\n'));
} else if (againFile) {
  const ids = readFileSync(againFile, 'utf8').split('\n').filter(Boolean);
  await Promise.all([...ids, ...Array.from({ length: 500 }, (_, i) => `${prefix}-${i}`)].map((id) => writer.write(row(id))));
  await writer.close();
} else {
  const loop = async (n) => {
    for (let i = 0; ; i++) {
      const id = `${prefix}-${n}-${i}`;
      await writer.write(row(id));
      process.stdout.write(`${id}\n`);
    }
  };
  process.stdout.write('ready\n');
  await Promise.all(Array.from({ length: 32 }, (_, n) => loop(n)));
}
