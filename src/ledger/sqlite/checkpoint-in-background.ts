import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Moves the WAL checkpoint (copying committed pages into the database file, with an fsync) off the event
 * loop: the main connection no longer checkpoints on its own, and a worker thread with its own connection
 * runs a passive checkpoint every second. Readers and the writer are never blocked by it.
 */
export function checkpointInBackground(path: string, intervalMs = 1_000): { stop(): Promise<void> } {
  const worker = new Worker(
    `
    const { parentPort, workerData } = require('node:worker_threads');
    const Database = require(workerData.module);
    const db = new Database(workerData.path);
    db.pragma('busy_timeout = 5000');
    const timer = setInterval(() => {
      try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
    }, workerData.intervalMs);
    parentPort.on('message', () => {
      clearInterval(timer);
      try { db.pragma('wal_checkpoint(TRUNCATE)'); } catch {}
      db.close();
      parentPort.postMessage('closed');
    });
    `,
    { eval: true, workerData: { path, intervalMs, module: require_resolve('better-sqlite3') } },
  );
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        worker.once('message', () => void worker.terminate().then(() => resolve()));
        worker.once('error', () => resolve());
        worker.postMessage('stop');
      }),
  };
}

function require_resolve(name: string): string {
  return createRequire(import.meta.url).resolve(name);
}
