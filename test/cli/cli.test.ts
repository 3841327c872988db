import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from '../support/fake-upstream.js';
import { cleanEnv, exited, freePort, runCli, spawnCli, waitForHealth } from '../support/run-cli.js';

/** The built `switchyard` command, run as users run it. */
const dir = mkdtempSync(join(tmpdir(), 'switchyard-cli-'));
let upstream: FakeUpstream;

beforeAll(async () => {
  upstream = await FakeUpstream.start();
});
afterAll(async () => {
  await upstream.close();
});

function writeConfig(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('switchyard check-config', () => {
  it('prints the path of a typo and exits 1', async () => {
    const file = writeConfig(
      'typo.yaml',
      `providers:\n  local: { type: vllm, base_url: "http://127.0.0.1:8000/v1", api_kye: x }\nmodels:\n  m: { deployments: [local/m] }\n`,
    );
    const r = await runCli(['check-config', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/providers\.local\.api_kye: unknown key/);
  });

  it('accepts a valid config', async () => {
    const file = writeConfig('ok.yaml', `providers:\n  local: { type: vllm }\nmodels:\n  m: { deployments: [local/m] }\n`);
    const r = await runCli(['check-config', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/valid/);
  });

  it('prints every problem in one run: schema, semantic and key-policy problems together, each once', async () => {
    const file = writeConfig(
      'many.yaml',
      [
        `storage: "sqlite:${join(dir, 'many.db')}"`,
        'providers:',
        '  local: { type: vllm, api_kye: x }',
        '  ds: { type: deepseek, api_key: "${UNSET_IN_THIS_SHELL}" }',
        'models:',
        '  m: { deployments: [local/m, nowhere/m] }',
        'routes:',
        '  r: { strategy: weighted, targets: [{ target: m, weight: -1 }, missing] }',
        'policies:',
        '  keys:',
        '    sy-NotAKey: { origins: { deny: [CN] } }',
        '',
      ].join('\n'),
    );
    const created = await runCli(['keys', 'create', '--team', 't', '--config', file, '--create-store']);
    expect(created.code, created.stderr).toBe(0);
    const r = await runCli(['check-config', file]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toContain('6 problem(s)');
    expect(r.stderr).toMatch(/providers\.local\.api_kye: unknown key/);
    expect(r.stderr).toContain('providers.ds.api_key: environment variable UNSET_IN_THIS_SHELL is not set');
    expect(r.stderr).not.toMatch(/providers\.ds\.api_key: required/);
    expect(r.stderr).toMatch(/models\.m\.deployments\[1\]: unknown provider 'nowhere'/);
    expect(r.stderr).toContain('routes.r.targets[0].weight: must be a number > 0, got -1');
    expect(r.stderr).toMatch(/routes\.r\.targets\[1\]: 'missing' is not a route/);
    expect(r.stderr).toMatch(/policies\.keys\.sy-NotAKey: no key with this id or prefix in the store/);
    expect(r.stderr).not.toContain('union');
  });

  it('warns about secrets written in the file without printing them', async () => {
    const file = writeConfig('literal.yaml', `auth: { master_key: "literal-master-key-0123456789" }\nproviders:\n  d: { type: deepseek, api_key: "sk-literal-0000" }\n`);
    const r = await runCli(['check-config', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Warning: secrets written in the config file (auth.master_key, providers.d.api_key)');
    expect(r.stdout + r.stderr).not.toMatch(/literal-master-key|sk-literal-0000/);
  });

  it('a missing file is a clear error', async () => {
    const r = await runCli(['check-config', join(dir, 'nope.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot read the file \(ENOENT\)/);
  });
});

describe('switchyard start', () => {
  it('zero-config: serves /health on the given address and says what it found', async () => {
    const port = await freePort();
    const child = spawnCli(['start', '--listen', `127.0.0.1:${port}`], cleanEnv({ DEEPSEEK_API_KEY: 'sk-test-zero-config' }));
    try {
      await waitForHealth(`http://127.0.0.1:${port}/health`);
      const models = (await (await fetch(`http://127.0.0.1:${port}/v1/models`)).json()) as { data: Array<{ id: string }> };
      expect(models.data.map((m) => m.id)).toContain('deepseek/deepseek-chat');
      expect(child.output()).toMatch(/deepseek \(DeepSeek, key from DEEPSEEK_API_KEY\)/);
      expect(child.output()).toMatch(/no client authentication configured/);
      expect(child.output()).not.toContain('sk-test-zero-config');
    } finally {
      child.kill('SIGTERM');
      expect(await exited(child)).toBe(0);
    }
  });

  it('refuses a non-loopback address without client authentication', async () => {
    const r = await runCli(['start', '--listen', '0.0.0.0:0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Refusing to listen on 0\.0\.0\.0.*auth\.master_key/s);
  });

  it('SIGTERM: stops accepting, lets an in-flight stream finish, exits 0', async () => {
    const port = await freePort();
    const frames = Array.from({ length: 10 }, (_, i) =>
      `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: `${i} ` }, finish_reason: i === 9 ? 'stop' : null }] })}\n\n`,
    );
    upstream.reply({ sse: [...frames, 'data: [DONE]\n\n'], frameDelayMs: 100 });
    const file = writeConfig(
      'start.yaml',
      `listen: 127.0.0.1:${port}\nlog_level: warn\nstorage: sqlite:./start.db\nproviders:\n  local: { type: vllm, base_url: "${upstream.url}/v1" }\nmodels:\n  m: { deployments: [local/m] }\n`,
    );
    const child = spawnCli(['start', '--config', file]);
    try {
      await waitForHealth(`http://127.0.0.1:${port}/health`);
      const res = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'count' }] }),
      });
      const body = res.text();
      await new Promise((r) => setTimeout(r, 250));
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 100));
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
      const text = await body;
      expect(text).toContain('"content":"9 "');
      expect(text.trim().endsWith('data: [DONE]')).toBe(true);
      expect(await exited(child)).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('an invalid config file stops start with the field path', async () => {
    const file = writeConfig('bad.yaml', 'listen: nowhere\n');
    const r = await runCli(['start', '--config', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/listen: expected HOST:PORT/);
  });
});

describe('switchyard keys', () => {
  it('creates a key (printed once), lists it by prefix and revokes it, on the configured store', async () => {
    const db = join(dir, 'keys.db');
    const file = writeConfig('keys.yaml', `storage: "sqlite:${db}"\nproviders:\n  x: { type: deepseek, api_key: "\${UNSET_IN_THIS_SHELL}" }\n`);
    const refused = await runCli(['keys', 'create', '--team', 'search', '--config', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`No store at SQLite file ${db}`);
    expect(existsSync(db)).toBe(false);
    const created = await runCli(['keys', 'create', '--team', 'search', '--budget', '5', '--period', 'day', '--rpm', '60', '--config', file, '--create-store']);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stderr).toContain(`Store: SQLite file ${db} (storage of ${file}, found by --config)`);
    const key = created.stdout.trim();
    expect(key).toMatch(/^sy-[0-9A-Za-z]{32}$/);
    const listed = await runCli(['keys', 'list', '--config', file]);
    expect(listed.stdout).toContain(key.slice(0, 10));
    expect(listed.stdout).not.toContain(key);
    expect(listed.stdout).toMatch(/\$5\/day, 60 rpm/);
    const revoked = await runCli(['keys', 'revoke', key.slice(0, 10), '--config', file]);
    expect(revoked.code).toBe(0);
    expect((await runCli(['keys', 'list', '--config', file])).stdout).toMatch(/revoked/);
  });

  it('refuses a bad option with a clear message', async () => {
    const r = await runCli(['keys', 'create', '--team', 't', '--period', 'year', '--budget', '1', '--config', writeConfig('k2.yaml', `storage: "sqlite:${join(dir, 'k2.db')}"\n`)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--budget-period|period/);
  });
});
