import { describe, it } from 'vitest';
import { violation } from './support/invariants.js';
import { corpusFiles, FUZZ_TEST_TIMEOUT_MS, runFuzzTarget, scriptsUnder } from './support/run-target.js';

/**
 * The router's JSONL reader (parseRoutingJsonl), as `switchyard router train|eval|import` run it on files
 * of any origin, and the router's scoring of each example it accepts (the same feature extraction that
 * scores live requests for `model: "auto"`). The reader never throws: every non-blank line becomes an
 * example or a reported bad line with its number; every accepted example scores in [0, 1].
 */
const DICTIONARY = [
  '{"prompt":', '"weak_score":', '"strong_score":', '"weak_cost":', '"strong_cost":', '"dataset":', '"role":', '"content":',
  '"type":"text"', '"text":', '[{"role":"user","content":"x"}]', '\n', '\r\n', '\r', '\u2028', '\uFEFF', '0', '1', '0.5', '-0',
  '1e-320', '1e309', 'null', 'true', '""', '[]', '{}', '"__proto__":', '"constructor":', ',', ':', '{', '}', '[', ']', '"',
  '```python\ndef f():\n    return 1\n```', 'SELECT * FROM t;', '\u4e2d\u6587', '\u{1F600}', '\\u0000', '\\ud800',
];

describe('fuzz: router JSONL reader', () => {
  it(
    'parseRoutingJsonl accounts for every line and never throws; accepted examples score in [0, 1]',
    async () => {
      await runFuzzTarget({
        name: 'routing-jsonl',
        runs: 40_000,
        maxLen: 4096,
        covers: scriptsUnder('src/routing/router/'),
        seeds: corpusFiles('routing-jsonl'),
        dictionary: DICTIONARY,
        load: async () => {
          const { parseRoutingJsonl } = await import('../../src/routing/router/read-routing-jsonl.js');
          const { loadRouterModel } = await import('../../src/routing/router/load-router-model.js');
          const { scoreRequest } = await import('../../src/routing/router/router-model.js');
          const model = loadRouterModel();
          return (input) => {
            const text = input.toString('utf8');
            const { examples, bad } = parseRoutingJsonl(text);
            const lines = text.split('\n');
            const nonBlank = lines.filter((l) => l.trim() !== '').length;
            violation(examples.length + bad.length === nonBlank, () => `${examples.length} examples + ${bad.length} bad lines for ${nonBlank} lines`);
            for (const b of bad) violation(Number.isInteger(b.line) && b.line >= 1 && b.line <= lines.length && typeof b.error === 'string', () => `bad line ${JSON.stringify(b)}`);
            for (const example of examples) {
              const score = scoreRequest(model, { prompt: example.prompt });
              violation(Number.isFinite(score) && score >= 0 && score <= 1, () => `score ${score}`);
            }
          };
        },
      });
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
