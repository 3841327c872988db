import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDefaultCatalog } from '../../src/catalog/load-catalog.js';
import { importRouteLlm } from '../../src/routing/router/import-routellm.js';
import { CHARS_PER_TOKEN, importZeroEval } from '../../src/routing/router/import-zeroeval.js';
import { parseCsv } from '../../src/routing/router/parse-csv.js';
import { parseRoutingJsonl } from '../../src/routing/router/read-routing-jsonl.js';
import { splitExamples } from '../../src/routing/router/split-examples.js';
import { priceZeroEvalModel } from '../../src/routing/router/zeroeval-models.js';
import { repoRoot } from '../support/run-cli.js';

const fixtures = join(repoRoot, 'test', 'router', 'fixtures');

describe('CSV parser', () => {
  it('handles quoted commas, doubled quotes, newlines in fields and CRLF', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\r\n1,\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
      ['1', ''],
    ]);
    expect(() => parseCsv('a\n"open')).toThrow(/inside a quoted field/);
  });
});

describe('importers', () => {
  it('routellm: reads MMLU subject files and leaves out contaminated prompts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sy-routellm-'));
    const mmlu = join(dir, 'evals', 'mmlu');
    mkdirSync(join(mmlu, 'responses'), { recursive: true });
    copyFileSync(join(fixtures, 'mmlu_tiny.csv'), join(mmlu, 'responses', 'mmlu_tiny.csv'));
    copyFileSync(join(fixtures, 'contaminated_prompts.jsonl'), join(mmlu, 'contaminated_prompts.jsonl'));
    const { examples, notes } = importRouteLlm(dir);
    expect(examples).toEqual([
      { prompt: 'What is 2 + 2?\nA. 3\nB. 4\nAnswer:', weak_score: 1, strong_score: 1, dataset: 'routellm-mmlu' },
      { prompt: 'Which, of these, is a "prime"?\nA. 4\nB. 7\nAnswer:', weak_score: 0, strong_score: 1, dataset: 'routellm-mmlu' },
    ]);
    expect(notes.join('\n')).toMatch(/1 contaminated prompts left out/);
  });

  it('zeroeval: picks the columns, skips missing results, prices from the catalog', () => {
    const catalog = loadDefaultCatalog();
    const { examples } = importZeroEval(join(fixtures, 'tiny_matrix.csv'), {
      weak: 'Meta-Llama-3.1-70B-Instruct',
      strong: 'gpt-4o-2024-08-06',
      catalog,
    });
    expect(examples).toHaveLength(2);
    expect(examples[1]!.prompt).toBe('A train leaves at 3pm,\ntravelling "fast". When does it arrive?');
    expect([examples[1]!.weak_score, examples[1]!.strong_score]).toEqual([0, 1]);
    expect(examples[0]!.dataset).toBe('zeroeval-tiny');
    const strong = priceZeroEvalModel(catalog, 'gpt-4o-2024-08-06');
    expect(strong.catalogId).toBe('gpt-4o');
    const q = 'What is 3 * 4?';
    const expected = ((q.length / CHARS_PER_TOKEN) * strong.price.input + (800 / CHARS_PER_TOKEN) * strong.price.output) / 1e6;
    expect(examples[0]!.strong_cost).toBeCloseTo(expected, 15);
    expect(examples[0]!.weak_cost!).toBeLessThan(examples[0]!.strong_cost!);
    expect(() => importZeroEval(join(fixtures, 'tiny_matrix.csv'), { weak: 'nope', strong: 'gpt-4o-2024-08-06', catalog })).toThrow(/no column nope\|correct/);
  });
});

describe('JSONL contract', () => {
  it('reports every bad line with its number', () => {
    const text = [
      '{"prompt":"ok","weak_score":1,"strong_score":0}',
      '{"prompt":"x","weak_score":2,"strong_score":0}',
      'not json',
      '',
      '{"prompt":[{"role":"user","content":"hi"}],"weak_score":0,"strong_score":1,"dataset":"d","weak_cost":0.1}',
      '{"prompt":"x","weak_score":0,"strong_score":1,"extra":1}',
    ].join('\n');
    const { examples, bad } = parseRoutingJsonl(text);
    expect(examples).toHaveLength(2);
    expect(bad.map((b) => b.line)).toEqual([2, 3, 6]);
    expect(bad[0]!.error).toMatch(/weak_score/);
    expect(bad[2]!.error).toMatch(/extra: unknown field/);
  });
});

describe('split', () => {
  const { examples } = parseRoutingJsonl(readFileSync(join(fixtures, 'toy-routing.jsonl'), 'utf8'));
  const more = [...examples, ...examples.slice(0, 10).map((e) => ({ ...e, dataset: 'other' }))];

  it('is deterministic for a seed, disjoint by prompt, and per dataset', () => {
    const a = splitExamples(more, 0.3, 9);
    const b = splitExamples(more, 0.3, 9);
    expect(a).toEqual(b);
    expect(a.train.length + a.test.length).toBe(more.length);
    const key = (e: (typeof more)[number]) => `${e.dataset}|${JSON.stringify(e.prompt)}`;
    const testKeys = new Set(a.test.map(key));
    expect(a.train.some((e) => testKeys.has(key(e)))).toBe(false);
    expect(a.test.filter((e) => e.dataset === 'toy')).toHaveLength(18);
    expect(a.test.filter((e) => e.dataset === 'other')).toHaveLength(3);
    expect(splitExamples(more, 0.3, 10)).not.toEqual(a);
  });
});
