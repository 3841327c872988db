/** What the main thread hands the commit worker: one event-loop turn's rows, as `ledgerParams` arrays. */
export interface CommitBatchMessage {
  id: number;
  rows: unknown[][];
  /** Commit this batch in a transaction of its own (a batch retried after a crash of the worker). */
  alone?: boolean;
}

/** What the commit worker answers: `ready` once, then per transaction the batches it committed or failed. */
export type CommitWorkerReply =
  | { ready: true }
  | { done: number[] }
  | { failed: number[]; message: string; code: string | undefined };

/** Settings the worker starts with (its `workerData`). */
export interface CommitWorkerData {
  /** better-sqlite3's entry file, resolved by the main thread. */
  module: string;
  path: string;
  sql: string;
  busyTimeoutMs: number;
  minIntervalMs: number;
  /** The connection's `wal_autocheckpoint`; undefined keeps SQLite's default. */
  walAutocheckpoint: number | undefined;
}

/**
 * The commit worker's code (CommonJS, run with `eval`, so it needs no built file beside the sources). It
 * opens its own connection to the database (WAL, `synchronous = NORMAL`, as `openSqlite`) and commits
 * the batches it is sent: every batch waiting when it starts a transaction goes into that one transaction
 * (those that arrived during the last commit included: a natural group commit), and while batches arrive
 * together (the last transaction carried more than one row) transactions start at least `minIntervalMs`
 * apart. A transaction that fails on a row's data (a constraint, a value SQLite cannot bind) is retried
 * batch by batch, so that only the batch holding the bad row is failed; any other failure fails every
 * batch of the transaction. `{ close: true }` closes the connection and ends the thread.
 */
export const COMMIT_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData, receiveMessageOnPort } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const Database = require(workerData.module);
const db = new Database(workerData.path);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = ' + Number(workerData.busyTimeoutMs));
if (workerData.walAutocheckpoint !== undefined) db.pragma('wal_autocheckpoint = ' + Number(workerData.walAutocheckpoint));
const insert = db.prepare(workerData.sql);
const insertAll = db.transaction((batches) => {
  for (const batch of batches) for (const params of batch.rows) insert.run(params);
});
const DATA_ERROR = /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG|RANGE)/;
const queue = [];
let timer;
let lastEnd = 0;
let lastRows = 0;

parentPort.on('message', (message) => {
  queue.push(message);
  if (timer === undefined) run();
});
parentPort.postMessage({ ready: true });

function run() {
  timer = undefined;
  for (;;) {
    for (let m = receiveMessageOnPort(parentPort); m !== undefined; m = receiveMessageOnPort(parentPort)) queue.push(m.message);
    if (queue.length === 0) return;
    if (queue[0].close) return close();
    const wait = lastRows > 1 ? lastEnd + workerData.minIntervalMs - performance.now() : 0;
    if (wait > 0) {
      timer = setTimeout(run, wait);
      return;
    }
    const batches = take();
    commit(batches);
    lastEnd = performance.now();
    lastRows = 0;
    for (const b of batches) lastRows += b.rows.length;
  }
}

/** The batches of the next transaction: those waiting up to a close, or a batch to commit alone. */
function take() {
  if (queue[0].alone) return [queue.shift()];
  let n = 0;
  while (n < queue.length && !queue[n].close && !queue[n].alone) n++;
  return queue.splice(0, n);
}

function commit(batches) {
  try {
    insertAll.immediate(batches);
    parentPort.postMessage({ done: batches.map((b) => b.id) });
  } catch (err) {
    const data = err instanceof TypeError || err instanceof RangeError || DATA_ERROR.test(String(err && err.code));
    if (data && batches.length > 1) {
      for (const b of batches) commit([b]);
      return;
    }
    const message = String((err && err.message) || err);
    parentPort.postMessage({ failed: batches.map((b) => b.id), message, code: err && typeof err.code === 'string' ? err.code : undefined });
  }
}

function close() {
  db.close();
  parentPort.close();
}
`;
