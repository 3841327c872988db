import { Worker, type ResourceLimits } from 'node:worker_threads';
import { COMMIT_WORKER_SOURCE, type CommitBatchMessage, type CommitWorkerData, type CommitWorkerReply } from './commit-worker-source.js';

/** What a commit thread tells its owner. */
export interface CommitThreadEvents {
  reply(m: CommitWorkerReply): void;
  /** The thread ended without being asked to (an uncaught error, its heap limit), after its last reply. */
  crash(err: Error): void;
}

/**
 * One commit worker thread (`COMMIT_WORKER_SOURCE`) on the ledger's file. It keeps the process alive only
 * while `keepAlive(true)`: an idle ledger does not hold a process open, one with rows in flight does.
 */
export class CommitThread {
  private readonly worker: Worker;
  private reffed = true;
  private stopping = false;

  constructor(data: CommitWorkerData, resourceLimits: ResourceLimits | undefined, events: CommitThreadEvents) {
    this.worker = new Worker(COMMIT_WORKER_SOURCE, { eval: true, workerData: data, ...(resourceLimits && { resourceLimits }) });
    let error: Error | undefined;
    this.worker.on('message', (m: CommitWorkerReply) => events.reply(m));
    this.worker.on('error', (err) => (error = err));
    this.worker.on('exit', (code) => {
      if (!this.stopping) events.crash(error ?? new Error(`the ledger's commit thread exited (code ${code})`));
    });
  }

  post(message: CommitBatchMessage): void {
    this.worker.postMessage(message);
  }

  keepAlive(busy: boolean): void {
    if (busy === this.reffed) return;
    this.reffed = busy;
    if (busy) this.worker.ref();
    else this.worker.unref();
  }

  /** Close the thread's connection and wait for the thread to end (after the batches already posted). */
  async stop(): Promise<void> {
    this.stopping = true;
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.keepAlive(true);
    this.worker.postMessage({ close: true });
    await exited;
  }
}
