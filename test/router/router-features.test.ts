import { CODE_DIM, CODE_FEATURE_NAMES, codeFeatures } from '../../src/routing/router/code-features.js';
import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../src/spec/chat-request.js';
import { featuresOfChatRequest, featuresOfPrompt, FeatureExtractor } from '../../src/routing/router/extract-features.js';
import { DEFAULT_FEATURE_CONFIG, DENSE_FEATURE_NAMES, TREE_DENSE_DIM, TREE_FEATURE_NAMES } from '../../src/routing/router/feature-config.js';
import { hashFeatures } from '../../src/routing/router/hash-features.js';
import { viewOfChatRequest } from '../../src/routing/router/prompt-view.js';

const dense = (f: { dense: Float32Array }, name: (typeof TREE_FEATURE_NAMES)[number]) => f.dense[TREE_FEATURE_NAMES.indexOf(name)]!;

describe('router features', () => {
  it('hashes to the same buckets and signs on every run and machine (model files depend on it)', () => {
    const idx = new Int32Array(64);
    const val = new Float32Array(64);
    const n = hashFeatures('Hello world', DEFAULT_FEATURE_CONFIG, idx, val);
    // 8 character 4-grams, 2 words, 1 bigram.
    expect(n).toBe(11);
    expect([...idx.slice(0, n)]).toEqual([18571, 24393, 13120, 20021, 1096, 16004, 13384, 27340, 22039, 14665, 12145]);
    expect([...val.slice(0, n)].map(Math.sign)).toEqual([-1, -1, 1, -1, -1, -1, -1, -1, -1, 1, 1]);
  });

  it('is deterministic and case-insensitive', () => {
    const a = featuresOfPrompt('What is the derivative of x^2?', DEFAULT_FEATURE_CONFIG);
    const b = featuresOfPrompt('WHAT IS THE DERIVATIVE OF X^2?', DEFAULT_FEATURE_CONFIG);
    expect([...a.idx]).toEqual([...b.idx]);
    expect([...a.val]).toEqual([...b.val]);
    expect(a.dense.length).toBe(TREE_DENSE_DIM);
    expect(TREE_FEATURE_NAMES.slice(0, DENSE_FEATURE_NAMES.length)).toEqual([...DENSE_FEATURE_NAMES]);
  });

  it('measures math and code structure (used by boosted trees)', () => {
    const code = featuresOfPrompt('def f(xs):\n    for x in xs:\n        if x > 10000:\n            return xs[1:].count(x)\n    return [[(1)]]', DEFAULT_FEATURE_CONFIG);
    expect(dense(code, 'loops')).toBeCloseTo(1 / 3, 6);
    expect(dense(code, 'branches')).toBeCloseTo(1 / 4, 6);
    expect(dense(code, 'code_lines')).toBeCloseTo(Math.log1p(4) / 4, 6);
    expect(dense(code, 'indent_depth')).toBeCloseTo(3 / 5, 6);
    expect(dense(code, 'nesting_depth')).toBeCloseTo(1 / 2, 6);
    expect(dense(code, 'max_number_digits')).toBeCloseTo(0.5, 6);
    expect(dense(code, 'method_calls')).toBeCloseTo(1 / 5, 6);
    expect(dense(code, 'slices')).toBeCloseTo(1 / 3, 6);
    const math = featuresOfPrompt('Let $f(x) = \\frac{1}{2}x^2$ and \\sqrt{y} = 3.', DEFAULT_FEATURE_CONFIG);
    expect(dense(math, 'latex_commands')).toBeCloseTo(2 / 8, 6);
    expect(dense(math, 'equals_signs')).toBeCloseTo(2 / 6, 6);
  });

  it('measures code-reasoning statistics of a CRUXEval-style prompt (used by kind ens)', () => {
    const prompt = [
      'Complete the assertion with the output.',
      '[PYTHON]',
      'def f(nums):',
      '    out = []',
      '    for i in range(len(nums)):',
      '        for j in nums[i:]:',
      '            if (i + j) % 2:',
      "                out.append(str(j).upper())",
      '    return sorted(out)',
      "assert f([1, 2, 3]) == ??",
      '[/PYTHON]',
    ].join('\n');
    const x = codeFeatures(prompt, new Float32Array(CODE_DIM));
    const at = (name: (typeof CODE_FEATURE_NAMES)[number]) => x[CODE_FEATURE_NAMES.indexOf(name)]!;
    expect(at('code_for_loops')).toBeCloseTo(2 / 3);
    expect(at('code_nested_loops')).toBeCloseTo(1 / 2);
    expect(at('code_while_loops')).toBe(0);
    expect(at('code_recursion')).toBe(0);
    expect(at('code_modulo')).toBeCloseTo(1 / 2);
    expect(at('code_sorting')).toBeCloseTo(1 / 2);
    expect(at('code_slices')).toBeGreaterThan(0);
    expect(at('code_asks_input')).toBe(0);
    expect(at('code_input_literal_chars')).toBeCloseTo(Math.log1p('([1, 2, 3]) '.length) / 6);
    const input = codeFeatures('[PYTHON]\ndef g(n):\n    return g(n - 1) if n else 0\nassert g(??) == 0\n[/PYTHON]', new Float32Array(CODE_DIM));
    expect(input[CODE_FEATURE_NAMES.indexOf('code_recursion')]).toBe(1);
    expect(input[CODE_FEATURE_NAMES.indexOf('code_asks_input')]).toBe(1);
  });

  it('reads the request shape: system prompt, turns, tools, JSON schema, code and math', () => {
    const req: ChatRequest = {
      model: 'auto',
      stream: false,
      includeUsage: false,
      messages: [
        { role: 'system', content: 'Be terse.' },
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
        { role: 'user', content: 'Fix this:\n```js\nfunction f() { return 1; }\n```\nand compute \\frac{1}{2}.' },
      ],
      tools: [{ name: 'lookup' }],
      responseFormat: { type: 'json_schema', name: 'x', schema: {} },
    };
    const f = featuresOfChatRequest(req, DEFAULT_FEATURE_CONFIG);
    expect(dense(f, 'system_prompt')).toBe(1);
    expect(dense(f, 'json_requested')).toBe(1);
    expect(dense(f, 'tools_requested')).toBeGreaterThan(0);
    expect(dense(f, 'code_fence')).toBe(1);
    expect(dense(f, 'code_tokens')).toBeGreaterThan(0);
    expect(dense(f, 'math_markup')).toBeGreaterThan(0);
    expect(dense(f, 'user_turns')).toBeCloseTo(Math.log1p(2) / 2, 6);
    const plain = featuresOfPrompt('hi', DEFAULT_FEATURE_CONFIG);
    expect(dense(plain, 'system_prompt')).toBe(0);
    expect(dense(plain, 'tools_requested')).toBe(0);
  });

  it('gives a messages array and the equivalent ChatRequest the same features', () => {
    const messages = [
      { role: 'system', content: 'You are kind.' },
      { role: 'user', content: 'Translate: bonjour' },
    ];
    const a = featuresOfPrompt(messages, DEFAULT_FEATURE_CONFIG);
    const b = featuresOfChatRequest(
      { model: 'm', stream: false, includeUsage: false, messages: messages as ChatRequest['messages'] },
      DEFAULT_FEATURE_CONFIG,
    );
    expect([...a.idx]).toEqual([...b.idx]);
    expect([...a.dense]).toEqual([...b.dense]);
  });

  it('notices scripts other than Latin', () => {
    const f = featuresOfPrompt('请解释量子纠缠 и немного по-русски', DEFAULT_FEATURE_CONFIG);
    expect(dense(f, 'cjk_share')).toBeGreaterThan(0);
    expect(dense(f, 'cyrillic_share')).toBeGreaterThan(0);
  });

  it('bounds the work on long prompts to the head and tail windows', () => {
    const long = 'word '.repeat(20_000);
    const ex = new FeatureExtractor(DEFAULT_FEATURE_CONFIG);
    const f = ex.extract(viewOfChatRequest({ model: 'm', stream: false, includeUsage: false, messages: [{ role: 'user', content: long }] }));
    expect(f.n).toBeLessThanOrEqual(3 * (DEFAULT_FEATURE_CONFIG.headChars + DEFAULT_FEATURE_CONFIG.tailChars));
    expect(dense(f, 'log_chars')).toBeCloseTo(Math.log1p(long.length) / 10, 5);
  });
});
