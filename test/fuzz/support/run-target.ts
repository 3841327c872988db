import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { describeFailure, fuzz, summarize, type FuzzOptions, type FuzzReport } from '../coverage-fuzzer.js';

export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');

/** A coverage filter: scripts under these folders of the repository (`src/`, `node_modules/yaml/`). */
export function scriptsUnder(...folders: string[]): (url: string) => boolean {
  const roots = folders.map((f) => resolve(REPO_ROOT, f) + '/');
  return (url) => {
    const path = url.startsWith('file:') ? fileURLToPath(url) : url;
    return roots.some((root) => path.startsWith(root));
  };
}

export interface TargetLimits {
  /** Heap growth allowed over the run, after full collections (the corpus itself is a few MiB at most). */
  maxHeapGrowthMiB?: number;
  /** Growth allowed of the process's peak resident memory. */
  maxPeakRssGrowthMiB?: number;
}

/**
 * Run one fuzz target and hold it to the common rules: no failure or hang, every planned input run, the
 * target really instrumented, memory bounded.
 */
export async function runFuzzTarget(options: FuzzOptions & TargetLimits): Promise<FuzzReport> {
  const report = await fuzz(options);
  console.log(summarize(report));
  if (report.failure) throw new Error(describeFailure(report));
  expect(report.scripts.length, 'no script of the target was instrumented').toBeGreaterThan(0);
  expect(report.outOfTime, `${report.name}: stopped at its time limit after ${report.inputs} of ${report.runs} inputs`).toBe(false);
  expect(report.inputs).toBeGreaterThanOrEqual(report.runs);
  expect(report.heapGrowthBytes / 2 ** 20, 'heap growth (MiB)').toBeLessThan(options.maxHeapGrowthMiB ?? 64);
  expect(report.peakRssGrowthBytes / 2 ** 20, 'peak RSS growth (MiB)').toBeLessThan(options.maxPeakRssGrowthMiB ?? 256);
  return report;
}

/** Files of the project's own fixtures (test/fixtures/<provider>/) whose names end with `suffix`. */
export function ownFixtures(provider: string, suffix: string): string[] {
  const dir = join(REPO_ROOT, 'test', 'fixtures', provider);
  return readdirSync(dir)
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => readFileSync(join(dir, name), 'utf8'));
}

/** Seed files we wrote for the fuzzers (test/fuzz/corpus/<folder>/). */
export function corpusFiles(folder: string): string[] {
  const dir = join(REPO_ROOT, 'test', 'fuzz', 'corpus', folder);
  return readdirSync(dir)
    .sort()
    .map((name) => readFileSync(join(dir, name), 'utf8'));
}

/** Per-test timeout for fuzz tests: generous, since FUZZ_RUNS may ask for far longer runs. */
export const FUZZ_TEST_TIMEOUT_MS = 600_000;
