import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlockCoverage, bucketOf } from './engine/coverage.js';
import { sampleMemory } from './engine/memory.js';
import { mutateBytes, type MutationContext } from './engine/mutate-bytes.js';
import type { StructureMutator } from './engine/mutate-json.js';
import { Rng, seedFromEnv } from './engine/rng.js';
import { shrinkInput } from './engine/shrink.js';
import { InputRunner } from './engine/runner.js';
import { HangError } from './engine/watchdog.js';

/**
 * An in-house coverage-guided mutation fuzzer on V8's precise block coverage (jazzer.js's native addon does
 * not load here). Inputs are run in batches with one coverage read per batch (a read costs about a
 * millisecond, far more than most inputs). A batch that reached a block never seen before is replayed in
 * halves, then quarters..., down to the single inputs that reached it; every input that adds a feature (a
 * block, or a new hit-count bucket of one) joins the corpus that later inputs are mutated from.
 *
 * The check given by `load` runs one input and throws when an invariant breaks; any throw, a hang
 * (engine/watchdog.ts) or prototype pollution (engine/prototype-guard.ts) stops the run, and the failing
 * input is shrunk and reported. The same seed and runs give the same inputs.
 */
export type FuzzCheck = (input: Buffer) => void | Promise<void>;

export interface FuzzOptions {
  name: string;
  /** Imports the code under test and returns the check. Called after coverage started: import lazily inside. */
  load: () => Promise<FuzzCheck>;
  /** Whether a script's blocks count as features (by URL). */
  covers: (url: string) => boolean;
  /** Starting inputs; an empty input is used when none is given. */
  seeds: ReadonlyArray<string | Uint8Array>;
  /** Tokens of the input format, inserted by the byte mutators. */
  dictionary?: readonly string[];
  /** A format-aware mutator, used for about half of the mutations; it may decline (undefined). */
  structureMutator?: StructureMutator;
  /** Inputs to run (FUZZ_RUNS overrides; FUZZ_RUNS_SCALE multiplies). */
  runs: number;
  /** Default seed (FUZZ_SEED overrides). */
  seed?: number;
  /** Largest generated input in bytes. */
  maxLen?: number;
  /** Inputs per coverage read. */
  batch?: number;
  /** An input running longer than this is a hang (FUZZ_HANG_MS overrides). */
  hangMs?: number;
  /** Whether the check returns a promise that must be awaited. */
  async?: boolean;
  /** A safety stop: fuzzing ends after this many seconds even if fewer than `runs` inputs ran (default 300). */
  maxSeconds?: number;
}

export interface FuzzFailure {
  kind: 'error' | 'hang';
  error: unknown;
  /** The smallest input found that fails the same way. */
  input: Buffer;
  /** The input as first found. */
  original: Buffer;
  shrinkExecs: number;
  savedTo: string;
}

export interface FuzzReport {
  name: string;
  seed: number;
  runs: number;
  /** Distinct inputs run: the seeds and the generated ones. */
  inputs: number;
  /** Executions in all, replays of batches that found a new block included. */
  execs: number;
  seconds: number;
  execsPerSecond: number;
  corpus: number;
  features: number;
  blocks: number;
  /** Scripts whose blocks counted (sanity: the target really was instrumented). */
  scripts: string[];
  /** Corpus entries found by mutation (not seeds). */
  found: number;
  replays: number;
  coverageReads: number;
  coverageMs: number;
  coveragePostMs: number;
  /** Heap growth between the start and the end of the run, after full collections. */
  heapGrowthBytes: number;
  /** Growth of the process's peak resident memory during the run. */
  peakRssGrowthBytes: number;
  /** Whether the run stopped at maxSeconds before its planned inputs. */
  outOfTime: boolean;
  failure?: FuzzFailure;
}

const DEFAULT_SEED = 0x5eed;

export async function fuzz(options: FuzzOptions): Promise<FuzzReport> {
  const seed = seedFromEnv(options.seed ?? DEFAULT_SEED);
  const runs = runsFromEnv(options.runs);
  const hangMs = Number(process.env.FUZZ_HANG_MS ?? options.hangMs ?? 1000);
  const maxLen = options.maxLen ?? 4096;
  const coverage = new BlockCoverage(options.covers);
  coverage.start();
  const started = performance.now();
  let runner: InputRunner | undefined;
  try {
    const check = ignoringKnownFailures(await options.load());
    runner = new InputRunner(check, hangMs, options.async ? { name: options.name, maxLen, file: inputFile(options.name, seed, 'hang') } : undefined);
    const state = new FuzzState(new Rng(seed), maxLen, options, coverage, runner);
    const found = await state.campaign(runs, options.batch ?? 128, performance.now() + (options.maxSeconds ?? 300) * 1000);
    const failure = found && (await finishWithFailure(options, seed, runner, found.input, found.error));
    const seconds = (performance.now() - started) / 1000;
    return {
      name: options.name,
      seed,
      runs,
      inputs: state.inputs,
      execs: state.execs,
      seconds: round(seconds),
      execsPerSecond: Math.round(state.execs / seconds),
      corpus: state.corpus.length,
      features: state.features.size,
      blocks: coverage.blocks,
      scripts: coverage.scripts,
      found: state.corpus.length - state.seedCount,
      replays: state.replays,
      coverageReads: coverage.takes,
      coverageMs: Math.round(coverage.takeMs),
      coveragePostMs: Math.round(coverage.postMs),
      heapGrowthBytes: state.memory.heapGrowth,
      peakRssGrowthBytes: state.memory.peakRssGrowth,
      outOfTime: state.outOfTime,
      ...(failure && { failure }),
    };
  } finally {
    await runner?.close();
    coverage.stop();
  }
}

/** One run: the corpus, the features seen, the choice of what to mutate next, and the loop. */
class FuzzState {
  readonly corpus: Buffer[] = [];
  readonly features = new Set<number>();
  readonly blocksSeen = new Set<number>();
  seedCount = 0;
  inputs = 0;
  execs = 0;
  replays = 0;
  outOfTime = false;
  memory = { heapGrowth: 0, peakRssGrowth: 0 };
  private readonly context: MutationContext;

  constructor(
    private readonly rng: Rng,
    maxLen: number,
    private readonly options: FuzzOptions,
    private readonly coverage: BlockCoverage,
    private readonly runner: InputRunner,
  ) {
    this.context = {
      rng,
      maxLen,
      dictionary: (options.dictionary ?? []).map((t) => Buffer.from(t, 'utf8')),
      other: () => this.pickParent(),
    };
  }

  /** Seeds first, then batches of mutants until `runs` inputs ran (or the deadline); the first failure found. */
  async campaign(runs: number, batchSize: number, deadline: number): Promise<{ input: Buffer; error: unknown } | undefined> {
    this.coverage.reset();
    const seeds = (this.options.seeds.length > 0 ? this.options.seeds : ['']).map((s) => Buffer.from(s));
    this.seedCount = seeds.length;
    const seedFailure = await this.runner.run(seeds, (input) => this.consider(input, true));
    this.inputs = this.execs = seedFailure ? seedFailure.at + 1 : seeds.length;
    if (seedFailure) return { input: seeds[seedFailure.at] as Buffer, error: seedFailure.error };

    const before = sampleMemory();
    let found: { input: Buffer; error: unknown } | undefined;
    while (!found && this.inputs < runs) {
      if (performance.now() > deadline) {
        this.outOfTime = true;
        break;
      }
      const batch: Buffer[] = [];
      for (let n = Math.min(batchSize, runs - this.inputs); n > 0; n--) batch.push(this.mutate());
      const ownFault = this.runner.pollutedOutsideInputs();
      if (ownFault) throw new Error(`fuzzer bug: mutating changed a built-in prototype (${ownFault.message})`);
      const failure = await this.runner.run(batch);
      this.inputs += failure ? failure.at + 1 : batch.length;
      this.execs += failure ? failure.at + 1 : batch.length;
      found = failure ? { input: batch[failure.at] as Buffer, error: failure.error } : await this.keepNewFinds(batch);
    }
    const after = sampleMemory();
    this.memory = { heapGrowth: after.heapUsed - before.heapUsed, peakRssGrowth: after.maxRss - before.maxRss };
    return found;
  }

  /**
   * After a batch: when it reached blocks never seen, find the inputs that reached them by running halves,
   * then quarters..., of the batch (a group that reaches nothing new is dropped), and keep those that add a
   * feature. Blocks that only a mix of inputs reaches (state kept between inputs) are marked seen, so they
   * do not send every later batch searching again.
   */
  private async keepNewFinds(batch: Buffer[]): Promise<{ input: Buffer; error: unknown } | undefined> {
    const reached = this.newBlocks();
    if (reached.length === 0) return undefined;
    this.replays++;
    const search = async (group: Buffer[]): Promise<{ input: Buffer; error: unknown } | undefined> => {
      const failure = await this.runner.run(group, group.length === 1 ? (input) => this.consider(input, false) : undefined);
      this.execs += failure ? failure.at + 1 : group.length;
      if (failure) return { input: group[failure.at] as Buffer, error: failure.error };
      if (group.length === 1 || this.newBlocks().length === 0) return undefined;
      const mid = group.length >> 1;
      return (await search(group.slice(0, mid))) ?? (await search(group.slice(mid)));
    };
    const mid = batch.length >> 1;
    const found = (await search(batch.slice(0, mid))) ?? (await search(batch.slice(mid)));
    for (const block of reached) this.blocksSeen.add(block);
    return found;
  }

  /** Read the coverage of the input just run; keep it when it shows a new feature (or when it is a seed). */
  private consider(input: Buffer, keep: boolean): void {
    let novel = false;
    this.coverage.take((block, count) => {
      this.blocksSeen.add(block);
      const feature = block * 16 + bucketOf(count);
      if (!this.features.has(feature)) {
        this.features.add(feature);
        novel = true;
      }
    });
    if (novel || keep) this.corpus.push(input);
  }

  /** The blocks that the inputs run since the last coverage read reached and no input reached before. */
  private newBlocks(): number[] {
    const found: number[] = [];
    this.coverage.take((block) => {
      if (!this.blocksSeen.has(block)) found.push(block);
    });
    return found;
  }

  private mutate(): Buffer {
    const parent = this.pickParent();
    const mutator = this.options.structureMutator;
    if (mutator && this.rng.oneIn(2)) {
      let out: Buffer | undefined;
      try {
        out = mutator(parent, this.rng, () => this.pickParent());
      } catch {
        out = undefined; // a mutator's own fault never ends a run: the byte mutators take over
      }
      if (out) return out.length > this.context.maxLen ? out.subarray(0, this.context.maxLen) : out;
    }
    return mutateBytes(parent, this.context);
  }

  /** Recent finds are mutated more often than old entries. */
  private pickParent(): Buffer {
    const n = this.corpus.length;
    if (n === 0) return Buffer.alloc(0);
    const recent = Math.min(n, 32);
    return this.rng.oneIn(2) ? (this.corpus[n - 1 - this.rng.below(recent)] as Buffer) : (this.corpus[this.rng.below(n)] as Buffer);
  }
}

async function finishWithFailure(options: FuzzOptions, seed: number, runner: InputRunner, input: Buffer, error: unknown): Promise<FuzzFailure> {
  const kind = error instanceof HangError ? 'hang' : 'error';
  let smallest = input;
  let lastError = error;
  let shrinkExecs = 0;
  // a hang costs hangMs per try: only errors are shrunk
  if (kind === 'error') {
    const signature = signatureOf(error);
    const shrunk = await shrinkInput(
      input,
      async (candidate) => {
        const err = await runner.runOne(candidate);
        if (err === undefined || err instanceof HangError || signatureOf(err) !== signature) return false;
        lastError = err;
        return true;
      },
      { maxExecs: 3000, maxMs: 3000 },
    );
    smallest = shrunk.input;
    shrinkExecs = shrunk.execs;
  }
  const savedTo = inputFile(options.name, seed, createHash('sha1').update(smallest).digest('hex').slice(0, 12));
  writeFileSync(savedTo, smallest);
  return { kind, error: smallest === input ? error : lastError, input: smallest, original: input, shrinkExecs, savedTo };
}

/** Same failure: same error name, thrown from the same place in the code under test (or with the same message). */
function signatureOf(error: unknown): string {
  if (!(error instanceof Error)) return `thrown ${typeof error}`;
  const frame = (error.stack ?? '').split('\n').find((line) => /\/src\//.test(line));
  return `${error.name}@${frame?.trim() ?? error.message.split('\n')[0]?.replace(/\d+/g, 'N').slice(0, 60)}`;
}

/** Where a failing input of this run is written (in the system's temporary folder). */
function inputFile(name: string, seed: number, tag: string): string {
  const dir = join(tmpdir(), 'switchyard-fuzz');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name.replace(/[^A-Za-z0-9_-]+/g, '_')}-seed${seed}-${tag}.bin`);
}

/**
 * FUZZ_IGNORE (a regular expression, for local runs only) lets fuzzing go on past a failure already known:
 * an error whose `name: message` matches it counts as a normal outcome.
 */
function ignoringKnownFailures(check: FuzzCheck): FuzzCheck {
  const raw = process.env.FUZZ_IGNORE;
  if (!raw) return check;
  const known = new RegExp(raw);
  const isKnown = (err: unknown) => err instanceof Error && known.test(`${err.name}: ${err.message}`);
  return (input) => {
    try {
      const pending = check(input);
      return pending instanceof Promise ? pending.catch((err: unknown) => { if (!isKnown(err)) throw err; }) : pending;
    } catch (err) {
      if (!isKnown(err)) throw err;
    }
  };
}

function runsFromEnv(fallback: number): number {
  const fixed = process.env.FUZZ_RUNS;
  if (fixed !== undefined && fixed.trim() !== '') {
    const value = Number(fixed);
    if (!Number.isInteger(value) || value < 1) throw new Error(`FUZZ_RUNS must be a positive integer, got '${fixed}'`);
    return value;
  }
  const scale = Number(process.env.FUZZ_RUNS_SCALE ?? 1);
  return Math.max(1, Math.round(fallback * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** A failure as text for a test's message: what broke, on which input, and how to run it again. */
export function describeFailure(report: FuzzReport): string {
  const f = report.failure;
  if (!f) return `${report.name}: no failure`;
  const err = f.error;
  const head = err instanceof Error ? `${err.name}: ${err.message}` : `thrown value: ${String(err)}`;
  const stack = err instanceof Error ? (err.stack ?? '').split('\n').slice(1, 12).join('\n') : '';
  const cause = err instanceof Error && err.cause instanceof Error ? `\ncaused by ${err.cause.stack ?? err.cause.message}` : '';
  return [
    `${report.name}: ${f.kind === 'hang' ? 'HANG' : 'FAILURE'} after ${report.inputs} inputs (seed ${report.seed})`,
    head,
    stack + cause,
    `smallest failing input (${f.input.length} bytes, shrunk from ${f.original.length} in ${f.shrinkExecs} tries):`,
    `  as text: ${JSON.stringify(f.input.toString('utf8')).slice(0, 4000)}`,
    `  as base64: ${f.input.toString('base64').slice(0, 4000)}`,
    `saved to ${f.savedTo}`,
    `reproduce: FUZZ_SEED=${report.seed} npx vitest run <this file>`,
  ].join('\n');
}

/** One line for the log: what was run and what it reached. */
export function summarize(report: FuzzReport): string {
  return (
    `[fuzz] ${report.name}: ${report.inputs} inputs (${report.execs} runs) in ${report.seconds}s (${report.execsPerSecond}/s), seed ${report.seed}, ` +
    `corpus ${report.corpus} (+${report.found} found), features ${report.features}, blocks ${report.blocks} in ${report.scripts.length} scripts, ` +
    `replays ${report.replays}, coverage reads ${report.coverageReads} (${report.coverageMs} ms, ${report.coveragePostMs} in V8), ` +
    `heap +${(report.heapGrowthBytes / 2 ** 20).toFixed(1)} MiB, peak RSS +${(report.peakRssGrowthBytes / 2 ** 20).toFixed(1)} MiB`
  );
}
