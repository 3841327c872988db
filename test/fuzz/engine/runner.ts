import { PrototypeGuard, PrototypePollution } from './prototype-guard.js';
import { HangError, runWithTimeout, StallGuard } from './watchdog.js';

export type Check = (input: Buffer) => void | Promise<void>;

/** The first input of a run that failed: its index and what it threw (a HangError for a hang). */
export interface RunFailure {
  at: number;
  error: unknown;
}

/**
 * Runs inputs through the check, in order, stopping at the first that throws or hangs. Synchronous checks
 * run whole batches under one vm timeout (cheap); when it fires, the input that was running is run again
 * alone to tell a hang from a slow batch. Async checks are awaited one by one under a StallGuard. After
 * each input and each batch, the built-in prototypes are checked for pollution (PrototypeGuard).
 * `each` runs after every input that passed (the fuzzer reads coverage there).
 */
export class InputRunner {
  private readonly stall: StallGuard | undefined;
  private readonly prototypes = new PrototypeGuard();

  constructor(
    private readonly check: Check,
    private readonly hangMs: number,
    asyncOptions?: { name: string; maxLen: number; file: string },
  ) {
    this.stall = asyncOptions && new StallGuard(hangMs, { ...asyncOptions, killMs: Math.max(5000, 5 * hangMs) });
  }

  async run(inputs: readonly Buffer[], each?: (input: Buffer) => void): Promise<RunFailure | undefined> {
    const failure = await this.runChecked(inputs, each);
    if (failure || !this.prototypes.check()) return failure;
    // a guarded prototype changed during the batch: find the input that changes it
    for (let at = 0; at < inputs.length; at++) {
      const again = await this.runChecked(inputs.slice(at, at + 1));
      if (again) return { at, error: again.error };
      const error = this.prototypes.check();
      if (error) return { at, error };
    }
    return { at: inputs.length - 1, error: new PrototypePollution('a guarded prototype changed during a batch, by no single input alone') };
  }

  private runChecked(inputs: readonly Buffer[], each?: (input: Buffer) => void): Promise<RunFailure | undefined> {
    return this.stall ? this.runAsync(this.stall, inputs, each) : Promise.resolve(this.runSync(inputs, each));
  }

  /** A prototype change made outside any input (by the fuzzer itself), undone; undefined when there is none. */
  pollutedOutsideInputs(): Error | undefined {
    return this.prototypes.check();
  }

  /** What one input throws (undefined when it passes). */
  async runOne(input: Buffer): Promise<unknown> {
    return (await this.run([input]))?.error;
  }

  async close(): Promise<void> {
    await this.stall?.close();
  }

  private runSync(inputs: readonly Buffer[], each?: (input: Buffer) => void): RunFailure | undefined {
    let i = 0;
    let failure: RunFailure | undefined;
    const runFromI = () => {
      for (; i < inputs.length; i++) {
        const input = inputs[i] as Buffer;
        try {
          this.check(input);
        } catch (error) {
          failure = { at: i, error };
          return;
        }
        const polluted = this.prototypes.quickCheck();
        if (polluted) {
          failure = { at: i, error: polluted };
          return;
        }
        each?.(input);
      }
    };
    while (i < inputs.length && !failure) {
      if (runWithTimeout(runFromI, this.hangMs) === 'done') break;
      // the batch ran out of time during input i: alone, does it finish in time?
      const input = inputs[i] as Buffer;
      let thrown: { error: unknown } | undefined;
      const alone = runWithTimeout(() => {
        try {
          this.check(input);
        } catch (error) {
          thrown = { error };
        }
      }, this.hangMs);
      if (alone === 'timeout') return { at: i, error: new HangError(this.hangMs) };
      if (thrown) return { at: i, error: thrown.error };
      const polluted = this.prototypes.quickCheck();
      if (polluted) return { at: i, error: polluted };
      each?.(input);
      i++;
    }
    return failure;
  }

  private async runAsync(stall: StallGuard, inputs: readonly Buffer[], each?: (input: Buffer) => void): Promise<RunFailure | undefined> {
    let i = 0;
    try {
      return await stall.guard(async () => {
        for (; i < inputs.length; i++) {
          const input = inputs[i] as Buffer;
          stall.enter(input);
          try {
            await this.check(input);
          } catch (error) {
            return { at: i, error };
          } finally {
            stall.leave();
          }
          const polluted = this.prototypes.quickCheck();
          if (polluted) return { at: i, error: polluted };
          each?.(input);
        }
        return undefined;
      });
    } catch (error) {
      if (error instanceof HangError) return { at: i, error };
      throw error;
    }
  }
}
