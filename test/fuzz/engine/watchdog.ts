import vm from 'node:vm';
import { Worker } from 'node:worker_threads';

/**
 * Hang detection. An input that runs longer than `hangMs` is a hang:
 * - synchronous code runs under `runWithTimeout`: node's vm timeout interrupts it (a loop included) and
 *   the fuzzer gets an ordinary answer, so the run ends with a normal failure report;
 * - an async input whose promise never settles is caught by a timer (`StallGuard.guard`);
 * - an async input that spins in synchronous code (where no timer can fire and V8 cannot be interrupted
 *   safely) is the last resort of a helper thread: after `killMs` without progress it writes the input to
 *   stderr and to a file, then kills the process, so CI fails loudly instead of hanging.
 */
export class HangError extends Error {
  constructor(readonly ms: number) {
    super(`no result after ${ms} ms: the input hangs (or is far too slow)`);
    this.name = 'HangError';
  }
}

const context = vm.createContext({ run: undefined as (() => void) | undefined });
const call = new vm.Script('run()');

/** Run `fn`, interrupting it after `ms`; whether it finished. What `fn` throws is thrown. */
export function runWithTimeout(fn: () => void, ms: number): 'done' | 'timeout' {
  context.run = fn;
  try {
    call.runInContext(context, { timeout: ms });
    return 'done';
  } catch (err) {
    if ((err as { code?: string } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return 'timeout';
    throw err;
  } finally {
    context.run = undefined;
  }
}

const KILLER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { writeSync, writeFileSync } = require('node:fs');
const state = new Int32Array(workerData.state);
const input = new Uint8Array(workerData.input);
let seen = -1;
let since = Date.now();
const timer = setInterval(() => {
  if (Atomics.load(state, 2) === 1) return clearInterval(timer);
  const tick = Atomics.load(state, 0);
  if (Atomics.load(state, 1) === 0 || tick !== seen) { seen = tick; since = Date.now(); return; }
  if (Date.now() - since < workerData.killMs) return;
  const bytes = Buffer.from(input.subarray(0, Atomics.load(state, 3)));
  writeFileSync(workerData.file, bytes);
  writeSync(2, '\\n[fuzz] ' + workerData.name + ': HANG — an input ran ' + workerData.killMs + ' ms in synchronous code; killing the test process.\\n' +
    '[fuzz] input (' + bytes.length + ' bytes) as text: ' + JSON.stringify(bytes.toString('utf8')).slice(0, 4000) + '\\n' +
    '[fuzz] saved to ' + workerData.file + '\\n');
  process.kill(process.pid, 'SIGKILL');
}, 50);
`;

/** For async targets: the never-settling promise timer, and the helper thread of last resort. */
export class StallGuard {
  /** [0] inputs started, [1] 1 while an input runs, [2] 1 to stop the helper, [3] bytes of the current input. */
  private readonly state = new Int32Array(new SharedArrayBuffer(16));
  private readonly input: Uint8Array;
  private readonly worker: Worker;

  constructor(
    private readonly hangMs: number,
    options: { name: string; maxLen: number; file: string; killMs: number },
  ) {
    this.input = new Uint8Array(new SharedArrayBuffer(Math.max(1, options.maxLen)));
    this.worker = new Worker(KILLER_SOURCE, {
      eval: true,
      workerData: { state: this.state.buffer, input: this.input.buffer, name: options.name, file: options.file, killMs: options.killMs },
    });
    this.worker.unref();
  }

  /** Mark that `input` starts running. */
  enter(input: Buffer): void {
    const n = Math.min(input.length, this.input.length);
    this.input.set(input.subarray(0, n));
    Atomics.store(this.state, 3, n);
    Atomics.add(this.state, 0, 1);
    Atomics.store(this.state, 1, 1);
  }

  leave(): void {
    Atomics.store(this.state, 1, 0);
  }

  /** Resolve with `work`'s result, or reject with a HangError when one input in it makes no progress for hangMs. */
  guard<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let tick = Atomics.load(this.state, 0);
      let since = performance.now();
      const timer = setInterval(() => {
        const now = Atomics.load(this.state, 0);
        if (Atomics.load(this.state, 1) === 0 || now !== tick) {
          tick = now;
          since = performance.now();
        } else if (performance.now() - since > this.hangMs) {
          clearInterval(timer);
          this.leave();
          reject(new HangError(this.hangMs));
        }
      }, Math.max(10, Math.floor(this.hangMs / 10)));
      work()
        .then(resolve, reject)
        .finally(() => clearInterval(timer));
    });
  }

  async close(): Promise<void> {
    Atomics.store(this.state, 2, 1);
    await this.worker.terminate();
  }
}
