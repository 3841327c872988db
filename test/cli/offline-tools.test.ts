import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runCli } from '../support/run-cli.js';

/**
 * The commands that send nothing (route explain, policy explain, drill) read the config for its names and
 * rules: the secrets it refers to need not be set in the shell that runs them, while every other field is
 * resolved as the gateway would (an unset one is named, not replaced by a stand-in).
 */
const dir = mkdtempSync(join(tmpdir(), 'sy-offline-'));
const file = join(dir, 'switchyard.yaml');

beforeAll(async () => {
  writeFileSync(
    file,
    [
      `storage: "sqlite:${join(dir, 'store.db')}"`,
      'auth:',
      '  master_key: "${SWITCHYARD_MASTER_KEY}"',
      '  admin_key: "${SWITCHYARD_ADMIN_KEY}"',
      'providers:',
      '  deepseek: { type: deepseek, api_key: "${DEEPSEEK_API_KEY}", headers: { X-Api-Key: "${DEEPSEEK_API_KEY}" } }',
      '  local: { type: vllm, base_url: "${LOCAL_LLM_URL}" }',
      'models:',
      '  chat: { deployments: [deepseek/deepseek-chat, local/qwen] }',
      '',
    ].join('\n'),
  );
  const created = await runCli(['kill', 'provider:local', '--reason', 'test', '--config', file, '--create-store'], cleanEnv({ LOCAL_LLM_URL: 'http://127.0.0.1:8000/v1' }));
  expect(created.code, created.stderr).toBe(0);
});

describe('offline tools without the secrets in the shell', () => {
  const env = cleanEnv({ LOCAL_LLM_URL: 'http://127.0.0.1:8000/v1' });

  it('route explain, policy explain and drill run with SWITCHYARD_MASTER_KEY and the provider keys unset', async () => {
    for (const args of [
      ['route', 'explain', '--model', 'chat'],
      ['policy', 'explain', '--model', 'chat'],
      ['drill', '--without', 'provider:deepseek'],
    ]) {
      const r = await runCli([...args, '--config', file], env);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stdout + r.stderr).not.toMatch(/is not set|unset-in-this-shell/);
    }
    const route = await runCli(['route', 'explain', '--model', 'chat', '--config', file], env);
    expect(route.stdout).toContain('deepseek/deepseek-chat');
    expect(route.stdout).toMatch(/local\/qwen.*kill/is);
  });

  it('a field they need that names an unset variable is reported by that name', async () => {
    const r = await runCli(['route', 'explain', '--model', 'chat', '--config', file], cleanEnv());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('providers.local.base_url: environment variable LOCAL_LLM_URL is not set');
    expect(r.stderr).not.toMatch(/SWITCHYARD_MASTER_KEY|DEEPSEEK_API_KEY/);
  });
});
