import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sy-router-cli-'));
const fixture = join(repoRoot, 'test', 'router', 'fixtures', 'toy-routing.jsonl');
const p = (name: string) => join(dir, name);

describe('switchyard router (built CLI)', () => {
  it('split → train → eval, text, JSON and SVG', async () => {
    let r = await runCli(['router', 'split', '--data', fixture, '--train', p('train.jsonl'), '--test', p('test.jsonl'), '--seed', '4']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/42 examples → .*train\.jsonl, 18 →/);

    r = await runCli(['router', 'train', '--data', p('train.jsonl'), '--out', p('model.json'), '--epochs', '6']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/trained lr on \d+ prompts .*, best epoch \d+ of 6, validation APGR/);
    expect(r.stderr).toMatch(/epoch/);

    r = await runCli(['router', 'eval', '--model', p('model.json'), '--data', p('test.jsonl'), '--svg', p('curve.svg')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/toy: 18 prompts/);
    expect(r.stdout).toMatch(/^router\s+\d\.\d{3}/m);
    expect(r.stdout).toMatch(/^random\s+0\.500\s+50\.0%\s+80\.0%/m);
    expect(r.stdout).toMatch(/^oracle\s/m);
    const svg = readFileSync(p('curve.svg'), 'utf8');
    expect(svg).toMatch(/^<svg /);
    expect(svg).toMatch(/router \(APGR/);

    r = await runCli(['router', 'eval', '--model', p('model.json'), '--data', p('test.jsonl'), '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { datasets: Array<{ dataset: string; router: { apgr: number }; random: { apgr: number }; oracle: { apgr: number } }> };
    expect(json.datasets[0]!.dataset).toBe('toy');
    expect(json.datasets[0]!.random.apgr).toBeCloseTo(0.5, 9);
    expect(json.datasets[0]!.oracle.apgr).toBeGreaterThanOrEqual(json.datasets[0]!.router.apgr);
  });

  it("router eval pools every row of a file with several datasets into an 'all' row, or prints only that with --by none", async () => {
    const lines = readFileSync(fixture, 'utf8').trim().split('\n');
    // the same prompts as two datasets: a file with many `dataset` values still has one overall figure
    const two = lines.map((l, i) => JSON.stringify({ ...(JSON.parse(l) as object), dataset: i % 2 === 0 ? 'even' : 'odd' }));
    writeFileSync(p('two.jsonl'), `${two.join('\n')}\n`);
    let r = await runCli(['router', 'eval', '--data', p('two.jsonl'), '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    type Row = { dataset: string; n: number; router: { apgr: number }; random: { apgr: number } };
    const rows = (JSON.parse(r.stdout) as { datasets: Row[] }).datasets;
    expect(rows.map((d) => [d.dataset, d.n])).toEqual([['even', 30], ['odd', 30], ['all', 60]]);
    expect(rows[2]!.random.apgr).toBeCloseTo(0.5, 9);
    // the pooled row is the file evaluated as one dataset, not an average of the others
    writeFileSync(p('one.jsonl'), `${lines.map((l) => JSON.stringify({ ...(JSON.parse(l) as object), dataset: 'all' })).join('\n')}\n`);
    const single = (JSON.parse((await runCli(['router', 'eval', '--data', p('one.jsonl'), '--format', 'json'])).stdout) as { datasets: Row[] }).datasets;
    expect(single).toHaveLength(1);
    expect(rows[2]!.router.apgr).toBeCloseTo(single[0]!.router.apgr, 12);
    r = await runCli(['router', 'eval', '--data', p('two.jsonl'), '--by', 'none']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^all \(every row of the file pooled\): 60 prompts/);
    expect(r.stdout).not.toMatch(/^even/m);
    r = await runCli(['router', 'eval', '--data', p('two.jsonl'), '--by', 'model']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--by must be dataset or none/);
  });

  it('the boosted kinds say how many trees they grew, not an epoch they do not have', async () => {
    for (const [kind, shape] of [
      ['gbt', /, 30 trees of depth 2, validation APGR/],
      ['ens', /, lr \+ 200 trees of depth 1, validation APGR/],
    ] as const) {
      const r = await runCli(['router', 'train', '--data', fixture, '--kind', kind, '--out', p(`${kind}.json`)]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`trained ${kind} on \\d+ prompts`));
      expect(r.stdout).toMatch(shape);
      expect(r.stdout + r.stderr).not.toContain('undefined');
    }
  });

  it('reports bad lines with their numbers and exits 1', async () => {
    writeFileSync(p('bad.jsonl'), '{"prompt":"a","weak_score":1,"strong_score":1}\n{"prompt":"b","weak_score":"x","strong_score":1}\n');
    const r = await runCli(['router', 'train', '--data', p('bad.jsonl'), '--out', p('never.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.jsonl:2: weak_score: must be a number in 0\.\.1/);
    expect(existsSync(p('never.json'))).toBe(false);
  });

  it('imports a ZeroEval matrix and evaluates it with the shipped model', async () => {
    const matrix = join(repoRoot, 'test', 'router', 'fixtures', 'tiny_matrix.csv');
    let r = await runCli(['router', 'import', 'zeroeval', matrix, '--weak', 'Meta-Llama-3.1-70B-Instruct', '--strong', 'gpt-4o-2024-08-06', '--out', p('ze.jsonl')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/2 examples/);
    expect(r.stderr).toMatch(/llama-3\.1-70b-instruct/);
    r = await runCli(['router', 'eval', '--data', p('ze.jsonl')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/zeroeval-tiny: 2 prompts/);
    r = await runCli(['router', 'import', 'zeroeval', matrix, '--out', p('x.jsonl')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--weak and --strong/);
  });
});
