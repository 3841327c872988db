import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auxiliaryTargets, readZeroEvalMatrix } from '../../src/routing/router/zeroeval-auxiliary.js';

// Four prompts, cheap W, strong S and two other models A, B (hand-computed expectations below).
const CSV = [
  'id,question,gold,W|correct,S|correct,A|correct,B|correct,W|output_chars,S|output_chars',
  '1,p1,x,1,1,1,1,1,1',
  '2,p2,x,0,1,1,0,1,1',
  '3,p3,x,0,1,0,1,1,1',
  '4,p4,x,0,0,0,0,1,1',
  '5,p5,x,,1,1,1,1,1',
].join('\n');

function matrix() {
  const dir = mkdtempSync(join(tmpdir(), 'sy-aux-'));
  writeFileSync(join(dir, 'm_matrix.csv'), `${CSV}\n`);
  return readZeroEvalMatrix(join(dir, 'm_matrix.csv'));
}

describe('auxiliary targets from a ZeroEval matrix', () => {
  it('reads models and rows, missing answers as NaN', () => {
    const m = matrix();
    expect(m.models).toEqual(['W', 'S', 'A', 'B']);
    expect(Number.isNaN(m.rows.get('p5')![0]!)).toBe(true);
  });

  it('ease bins: own label blended with the mean label of prompts of similar ease (ties share a bin)', () => {
    // ease (A, B): p1 1, p2 .5, p3 .5, p4 0. Two bins of two, widened to keep p2 and p3 together: {p4, p2, p3} mean
    // label 1/3, {p1} mean 1. p5 lacks the cheap model's answer and gets no target.
    const t = auxiliaryTargets(matrix(), ['p1', 'p2', 'p3', 'p4', 'p5'], { weak: 'W', strong: 'S', method: 'ease', bins: 2, ownWeight: 0.5 });
    expect(t.get('p1')).toBeCloseTo(1, 12);
    expect(t.get('p2')).toBeCloseTo(1 / 6, 12);
    expect(t.get('p3')).toBeCloseTo(1 / 6, 12);
    expect(t.get('p4')).toBeCloseTo(2 / 3, 12);
    expect(t.has('p5')).toBe(false);
  });

  it('pools: pair labels of the models nearest in accuracy on the given prompts', () => {
    // Accuracy on p1..p4: W .25, S .75, A .5, B .5. Weak pool {W, A} (tie broken by column order), strong pool {S, B}.
    // p2: W≥S no, W≥B yes, A≥S yes, A≥B yes → 3/4; own label 0; blend ½ → 3/8.
    const t = auxiliaryTargets(matrix(), ['p1', 'p2', 'p3', 'p4'], { weak: 'W', strong: 'S', poolSize: 2, ownWeight: 0.5 });
    expect(t.get('p2')).toBeCloseTo(3 / 8, 12);
    expect(t.get('p1')).toBeCloseTo(1, 12);
  });

  it('only the prompts asked about get targets', () => {
    const t = auxiliaryTargets(matrix(), ['p1', 'p2'], { weak: 'W', strong: 'S', method: 'ease' });
    expect([...t.keys()].sort()).toEqual(['p1', 'p2']);
  });

  it('names a missing column', () => {
    expect(() => auxiliaryTargets(matrix(), ['p1'], { weak: 'nope', strong: 'S' })).toThrow(/no column for nope/);
  });
});
