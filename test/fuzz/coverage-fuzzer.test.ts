import { describe, expect, it } from 'vitest';
import { fuzz, type FuzzOptions } from './coverage-fuzzer.js';
import { PrototypePollution } from './engine/prototype-guard.js';
import { scriptsUnder } from './support/run-target.js';

/**
 * The fuzzer's own tests, on planted faults: coverage guidance finds a 4-byte magic prefix that blind
 * mutation would need billions of tries for; the failing input is shrunk to the prefix; prototype
 * pollution is caught and undone; a synchronous infinite loop and a promise that never settles are
 * reported as hangs instead of hanging the test; the same seed gives the same run.
 */
type Planted = typeof import('./support/planted-target.js');

/** A fresh instance of the planted module (compiled now, under this run's coverage). */
let instances = 0;
async function planted(): Promise<Planted> {
  const url = `./support/planted-target.js?instance=${++instances}`;
  return (await import(/* @vite-ignore */ url)) as Planted;
}

const base = {
  covers: scriptsUnder('test/fuzz/support/'),
  seeds: ['hello'],
  seed: 7,
  runs: 200_000,
} satisfies Partial<FuzzOptions>;

describe('coverage-guided fuzzer', () => {
  it('follows coverage to a planted 4-byte prefix, and shrinks the input to it', async () => {
    const report = await fuzz({ ...base, name: 'planted-prefix', load: async () => (await planted()).magicPrefix });
    expect(report.scripts.some((s) => s.includes('planted-target'))).toBe(true);
    expect(report.failure?.kind).toBe('error');
    expect(report.failure?.error).toBeInstanceOf(RangeError);
    expect(report.failure?.input.toString('latin1')).toBe('FUZZ');
    expect(report.inputs).toBeLessThan(base.runs);
  });

  it('gives the same run for the same seed', async () => {
    const run = async () => {
      const r = await fuzz({ ...base, runs: 3000, name: 'planted-determinism', load: async () => (await planted()).magicPrefix });
      return { inputs: r.inputs, execs: r.execs, corpus: r.corpus, features: r.features, failed: r.failure?.input.toString('latin1') };
    };
    expect(await run()).toEqual(await run());
  });

  it('reports prototype pollution, and undoes it', async () => {
    const report = await fuzz({ ...base, seeds: ['ok', 'P'], runs: 100, name: 'planted-pollution', load: async () => (await planted()).polluteOnP });
    expect(report.failure?.error).toBeInstanceOf(PrototypePollution);
    expect(report.failure?.input.toString('latin1')).toBe('P');
    expect('fuzzPolluted' in {}).toBe(false);
  });

  it('reports a synchronous infinite loop as a hang', async () => {
    const report = await fuzz({ ...base, seeds: ['ok', 'L'], runs: 100, hangMs: 200, name: 'planted-spin', load: async () => (await planted()).spinOnL });
    expect(report.failure?.kind).toBe('hang');
    expect(report.failure?.input.toString('latin1')).toBe('L');
  });

  it('reports a promise that never settles as a hang', async () => {
    const report = await fuzz({ ...base, seeds: ['ok', 'W'], runs: 100, hangMs: 200, async: true, name: 'planted-stall', load: async () => (await planted()).stallOnW });
    expect(report.failure?.kind).toBe('hang');
    expect(report.failure?.input.toString('latin1')).toBe('W');
  });
});
