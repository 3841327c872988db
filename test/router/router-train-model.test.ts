import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateByDataset } from '../../src/routing/router/evaluate-router.js';
import { loadRouterModel } from '../../src/routing/router/load-router-model.js';
import { parseRoutingJsonl } from '../../src/routing/router/read-routing-jsonl.js';
import { decide, routerModelFromFile, scoreRequest, thresholdForQuality, thresholdForStrongShare } from '../../src/routing/router/router-model.js';
import type { RouterModelFile } from '../../src/routing/router/model-file.js';
import { splitExamples } from '../../src/routing/router/split-examples.js';
import { trainRouter } from '../../src/routing/router/train-router.js';
import { repoRoot } from '../support/run-cli.js';

const fixture = readFileSync(join(repoRoot, 'test', 'router', 'fixtures', 'toy-routing.jsonl'), 'utf8');
const { examples } = parseRoutingJsonl(fixture);

describe('training and evaluating on our own small fixture', () => {
  const { train, test } = splitExamples(examples, 0.3, 3);

  for (const kind of ['lr', 'mlp'] as const) {
    it(`${kind}: learns which prompts need the strong model (held-out APGR well above random)`, () => {
      const { file } = trainRouter(train, { kind, seed: 2, maxEpochs: 8 });
      const model = routerModelFromFile(file);
      const scores = test.map((e) => scoreRequest(model, e));
      const [ev] = evaluateByDataset(test, scores);
      expect(ev!.dataset).toBe('toy');
      expect(ev!.router.apgr!).toBeGreaterThan(ev!.random.apgr! + 0.2);
      expect(ev!.router.costSavedAt95!).toBeGreaterThan(ev!.random.costSavedAt95!);
      expect(file.training.datasets).toEqual({ toy: train.length });
    });
  }

  it('round-trips through the JSON model file with identical scores', () => {
    const { file } = trainRouter(train, { kind: 'mlp', seed: 5, maxEpochs: 3, hidden: 4 });
    const a = routerModelFromFile(file);
    const b = routerModelFromFile(JSON.parse(JSON.stringify(file)) as RouterModelFile);
    for (const e of test) expect(scoreRequest(b, e)).toBe(scoreRequest(a, e));
    expect(() => routerModelFromFile({ ...file, version: 99 })).toThrow(/version 99/);
    expect(() => routerModelFromFile({ ...file, weights: { ...file.weights, w: 'AAAA' } })).toThrow(/weights\.w/);
  });

  it('gbt: boosted trees over the dense statistics learn the fixture and round-trip through the model file', () => {
    const { file } = trainRouter(train, { kind: 'gbt', seed: 2, boost: { rounds: 30, minLeaf: 3 } });
    expect(file.kind).toBe('gbt');
    expect(file.denseFeatures).toContain('nesting_depth');
    const a = routerModelFromFile(file);
    const b = routerModelFromFile(JSON.parse(JSON.stringify(file)) as RouterModelFile);
    const scores = test.map((e) => scoreRequest(a, e));
    for (const [i, e] of test.entries()) expect(scoreRequest(b, e)).toBe(scores[i]);
    const [ev] = evaluateByDataset(test, scores);
    expect(ev!.router.apgr!).toBeGreaterThan(ev!.random.apgr! + 0.2);
    const nodes = file.weights.nodes as number;
    const bad = Buffer.from(new Float32Array(nodes).fill(999).buffer).toString('base64');
    expect(() => routerModelFromFile({ ...file, weights: { ...file.weights, feature: bad } })).toThrow(/bad tree feature/);
    expect(() => routerModelFromFile({ ...file, denseFeatures: file.denseFeatures.slice(0, 24) })).toThrow(/dense features differ/);
  });

  it('ens: lr + trees over the dense and code statistics learn the fixture and round-trip through the model file', () => {
    const { file } = trainRouter(train, { kind: 'ens', seed: 2, maxEpochs: 8, boost: { rounds: 60, minLeaf: 3 } });
    expect(file.kind).toBe('ens');
    expect(file.denseFeatures).toContain('code_nested_loops');
    expect(file.weights.lrWeight).toBe(0.5);
    const a = routerModelFromFile(file);
    const b = routerModelFromFile(JSON.parse(JSON.stringify(file)) as RouterModelFile);
    const scores = test.map((e) => scoreRequest(a, e));
    for (const [i, e] of test.entries()) expect(scoreRequest(b, e)).toBe(scores[i]);
    const [ev] = evaluateByDataset(test, scores);
    expect(ev!.router.apgr!).toBeGreaterThan(ev!.random.apgr! + 0.2);
    expect(() => routerModelFromFile({ ...file, weights: { ...file.weights, lrWeight: 2 } })).toThrow(/lrWeight/);
    expect(() => routerModelFromFile({ ...file, denseFeatures: file.denseFeatures.slice(0, 34) })).toThrow(/dense features differ/);
  });

  it('trains on soft targets when given them', () => {
    // Targets opposite to the labels: the model must follow the targets, so its held-out APGR falls below random.
    const { file } = trainRouter(train, { seed: 2, maxEpochs: 8, patience: 100, target: (e) => (e.weak_score >= e.strong_score ? 0 : 1) });
    const model = routerModelFromFile(file);
    const [ev] = evaluateByDataset(test, test.map((e) => scoreRequest(model, e)));
    expect(ev!.router.apgr!).toBeLessThan(0.5);
  });

  it('maps a strong-call share and a quality target to thresholds, and decides', () => {
    const model = routerModelFromFile(trainRouter(train, { seed: 2, maxEpochs: 4 }).file);
    const t10 = thresholdForStrongShare(model, 0.1);
    const t50 = thresholdForStrongShare(model, 0.5);
    expect(t10).toBeLessThanOrEqual(t50);
    expect(thresholdForStrongShare(model, 0)).toBe(0);
    expect(thresholdForStrongShare(model, 1)).toBe(Number.POSITIVE_INFINITY);
    expect(decide(0.2, 0.5)).toBe('strong');
    expect(decide(0.7, 0.5)).toBe('weak');
    const q = thresholdForQuality(model, 0.95);
    const rel = model.file.calibration.relativeQuality;
    const share = rel.findIndex((r) => r >= 0.95) / 100;
    expect(q).toBe(thresholdForStrongShare(model, share));
  });
});

describe('the shipped default model', () => {
  it('loads, names its sources, and scores a canonical request in 0..1', () => {
    const model = loadRouterModel();
    expect(model.file.training.sources.join(' ')).toMatch(/RouteLLM/);
    expect(model.file.training.sources.join(' ')).toMatch(/ZeroEval/);
    const s = scoreRequest(model, {
      model: 'auto',
      stream: false,
      includeUsage: false,
      messages: [{ role: 'user', content: 'Find all real x with x^4 - 5x^2 + 4 = 0.' }],
    });
    expect(s).toBeGreaterThan(0);
    expect(s).toBeLessThan(1);
    const t = thresholdForStrongShare(model, 0.3);
    expect(['weak', 'strong']).toContain(decide(s, t));
  });
});
