import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { parseConfigText } from '../../src/config/load-config.js';

function issuesOf(yaml: string, env: Record<string, string> = {}): string[] {
  try {
    parseConfigText(yaml, 'test.yaml', env);
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  return [];
}

const example = `
listen: 127.0.0.1:4000
providers:
  deepseek:  { type: deepseek, api_key: "\${DEEPSEEK_API_KEY}" }
  local:     { type: openai-compatible, base_url: "http://127.0.0.1:8000/v1" }
  anthropic: { type: anthropic, api_key: "\${ANTHROPIC_API_KEY}" }
  google:    { type: gemini, api_key: "\${GEMINI_API_KEY}" }
models:
  deepseek-v3:   { deployments: [deepseek/deepseek-chat] }
  qwen3-32b:     { deployments: [local/Qwen/Qwen3-32B] }
  claude-sonnet: { deployments: [anthropic/claude-sonnet-4-5] }
  gemini-flash:  { deployments: [google/gemini-2.5-flash] }
  qwen/qwen3-32b: { deployments: [local/Qwen/Qwen3-32B] }
`;
const keys = { DEEPSEEK_API_KEY: 'sk-d', ANTHROPIC_API_KEY: 'sk-a', GEMINI_API_KEY: 'g-k' };

describe('config', () => {
  it('loads the documented example, resolving secrets from the environment', () => {
    const config = parseConfigText(example, 'test.yaml', keys);
    expect(config.listen).toEqual({ host: '127.0.0.1', port: 4000 });
    expect(config.providers.find((p) => p.id === 'deepseek')).toMatchObject({
      type: 'deepseek',
      apiKey: 'sk-d',
      baseUrl: 'https://api.deepseek.com/v1',
    });
    expect(config.providers.find((p) => p.id === 'local')?.baseUrl).toBe('http://127.0.0.1:8000/v1');
    expect(config.models.find((m) => m.name === 'qwen3-32b')?.deployments).toEqual([{ providerId: 'local', model: 'Qwen/Qwen3-32B' }]);
    expect(config.models.find((m) => m.name === 'qwen/qwen3-32b')).toBeDefined();
    expect(Object.isFrozen(config) && Object.isFrozen(config.providers[0])).toBe(true);
  });

  it('an unset environment variable is an error at the field that uses it', () => {
    expect(issuesOf(example, { ANTHROPIC_API_KEY: 'a', GEMINI_API_KEY: 'g' })).toContain(
      'providers.deepseek.api_key: environment variable DEEPSEEK_API_KEY is not set',
    );
  });

  it('${VAR:-default} falls back', () => {
    const config = parseConfigText('listen: "${ADDR:-127.0.0.1:5000}"\n', 't', {});
    expect(config.listen.port).toBe(5000);
  });

  it('unknown keys are rejected with their path', () => {
    const issues = issuesOf(`
providers:
  local: { type: vllm, base_url: "http://127.0.0.1:8000/v1", apikey: x }
modles: {}
`);
    expect(issues).toEqual(expect.arrayContaining([expect.stringMatching(/^providers\.local\.apikey: unknown key/), expect.stringMatching(/^modles: unknown key/)]));
  });

  it('wrong types, unknown provider types and dangling deployments are named', () => {
    const issues = issuesOf(`
listen: 4000
providers:
  a: { type: deepseak, api_key: k }
  b: { type: openai-compatible }
  c: { type: vllm, timeouts: { connect_ms: -1 } }
models:
  m: { deployments: [nowhere/x, bare] }
  "qwen/qwen3": { deployments: [] }
`);
    expect(issues.join('\n')).toMatch(/listen: expected string/);
    expect(issues.join('\n')).toMatch(/providers\.c\.timeouts\.connect_ms: must be a whole number ≥ 1, got -1/);
    expect(issues.join('\n')).toMatch(/models\["qwen\/qwen3"\]\.deployments: expected array length/);
  });

  it('semantic errors come after the schema passes', () => {
    const issues = issuesOf(`
providers:
  a: { type: deepseak, api_key: k }
  b: { type: openai-compatible }
  d: { type: deepseek }
models:
  m: { deployments: [nowhere/x, bare] }
`);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^providers\.a\.type: unknown provider type 'deepseak'; known types: .*deepseek/),
        expect.stringMatching(/^providers\.b\.base_url: required for type 'openai-compatible'/),
        expect.stringMatching(/^providers\.d\.api_key: required for type 'deepseek'.*DEEPSEEK_API_KEY/),
        expect.stringMatching(/^models\.m\.deployments\[0\]: unknown provider 'nowhere'/),
        expect.stringMatching(/^models\.m\.deployments\[1\]: 'bare' must be <provider id>\/<upstream model name>/),
      ]),
    );
  });

  it('a bad listen address is explained', () => {
    expect(issuesOf('listen: "localhost"\n')).toEqual([expect.stringMatching(/^listen: expected HOST:PORT/)]);
  });

  it('YAML syntax errors are reported, not thrown raw', () => {
    expect(issuesOf('providers: [unclosed\n')[0]).toMatch(/YAML syntax/);
  });

  it('provider ids may not contain a slash', () => {
    expect(issuesOf('providers:\n  "a/b": { type: vllm }\n').join('\n')).toMatch(/providers\["a\/b"\]/);
  });
});

describe('config: every problem in one run', () => {
  it('reports schema and semantic problems together, naming the invalid provider as configured', () => {
    const issues = issuesOf(`
providers:
  local: { type: openai-compatble, base_url: "http://127.0.0.1:8000/v1" }
  other: { type: vllm, api_kye: x }
models:
  m: { deployments: [other/x, local/y, nope/z] }
`);
    const text = issues.join('\n');
    expect(text).toMatch(/providers\.other\.api_kye: unknown key/);
    expect(text).toMatch(/providers\.local\.type: unknown provider type 'openai-compatble'/);
    expect(text).toMatch(/models\.m\.deployments\[2\]: unknown provider 'nope' \(configured providers: local, other\)/);
    expect(text).not.toMatch(/deployments\[0\]|deployments\[1\]/);
  });

  it('a non-loopback listen address needs a client key', () => {
    expect(issuesOf('listen: 0.0.0.0:4000\n').join('\n')).toMatch(/^listen: 0\.0\.0\.0 is reachable from other machines: set auth\.master_key/);
    expect(issuesOf('listen: 0.0.0.0:4000\nauth: { master_key: "${MK}" }\n', { MK: '0123456789abcdef0123' })).toEqual([]);
  });

  it('secrets written in the file: kept on loopback (and listed), refused off loopback unless allow_literal_secrets', () => {
    const literal = 'auth: { master_key: "0123456789abcdef0123" }\nproviders:\n  d: { type: deepseek, api_key: "sk-literal-123", headers: { X-Org: acme, X-Auth-Token: "t-literal" } }\n';
    const config = parseConfigText(literal, 't', {});
    expect(config.literalSecrets).toEqual({ paths: ['auth.master_key', 'providers.d.api_key', 'providers.d.headers.X-Auth-Token'], allowed: false });
    expect(config.masterKeyVariable).toBeUndefined();
    const off = issuesOf(`listen: 0.0.0.0:4000\n${literal}`).join('\n');
    expect(off).toMatch(/^listen: secrets are written in the config file \(auth\.master_key, providers\.d\.api_key, providers\.d\.headers\.X-Auth-Token\) and 0\.0\.0\.0 is reachable .*allow_literal_secrets: true/);
    expect(off).not.toContain('sk-literal-123');
    expect(issuesOf(`listen: 0.0.0.0:4000\nallow_literal_secrets: true\n${literal}`)).toEqual([]);
    const referenced = parseConfigText('auth: { master_key: "${GW_KEY}" }\n', 't', { GW_KEY: '0123456789abcdef0123' });
    expect(referenced.literalSecrets).toBeUndefined();
    expect(referenced.masterKeyVariable).toBe('GW_KEY');
  });

  it('an unset variable is reported once, not again for the empty value it leaves', () => {
    const issues = issuesOf('providers:\n  d: { type: deepseek, api_key: "${NOPE_KEY}" }\nlisten: "${NOPE_ADDR}"\n');
    expect(issues).toEqual(['providers.d.api_key: environment variable NOPE_KEY is not set', 'listen: environment variable NOPE_ADDR is not set']);
  });

  it("a value of the wrong shape says the field's rule, not 'Expected union value'", () => {
    const issues = issuesOf('providers:\n  l: { type: vllm }\nmodels:\n  m: { deployments: [l/m] }\nroutes:\n  r: { strategy: weighted, targets: [{ target: m, weight: -1 }, 5] }\n');
    expect(issues).toEqual(['routes.r.targets[0].weight: must be a number > 0, got -1', 'routes.r.targets[1]: expected string or object']);
  });

  it('schema problems do not hide the other problems of the same entry', () => {
    const issues = issuesOf(`
providers:
  l: { type: vllm, api_kye: x }
models:
  m: { deployments: [l/m] }
routes:
  r: { strategy: weighted, targets: [{ target: m, weight: -1 }, nowhere] }
  q: { strategy: fallback, targets: [m], hedge_after_ms: 0 }
`);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^providers\.l\.api_kye: unknown key/),
        'routes.r.targets[0].weight: must be a number > 0, got -1',
        "routes.r.targets[1]: 'nowhere' is not a route, a configured model, or <provider id>/<model> of a configured provider",
        'routes.q.hedge_after_ms: must be a whole number ≥ 1, got 0',
      ]),
    );
    expect(issues).toHaveLength(4);
  });

  it('offline (a command that sends nothing): secrets may stay unset, every other field must resolve', () => {
    const text = 'auth: { master_key: "${SWITCHYARD_MASTER_KEY}" }\nproviders:\n  d: { type: deepseek, api_key: "${DEEPSEEK_API_KEY}" }\n  l: { type: vllm, base_url: "${LOCAL_URL}" }\n';
    const config = parseConfigText(text, 't', { LOCAL_URL: 'http://127.0.0.1:8000/v1' }, undefined, { offline: true });
    expect(config.providers.map((p) => p.id)).toEqual(['d', 'l']);
    expect(config.providers[1]!.baseUrl).toBe('http://127.0.0.1:8000/v1');
    expect(() => parseConfigText(text, 't', {}, undefined, { offline: true })).toThrow(/providers\.l\.base_url: environment variable LOCAL_URL is not set/);
    expect(() => parseConfigText(text, 't', { LOCAL_URL: 'http://x' })).toThrow(/SWITCHYARD_MASTER_KEY is not set/);
  });
});
