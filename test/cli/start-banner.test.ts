import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, exited, freePort, runCli, spawnCli, waitForHealth } from '../support/run-cli.js';

/**
 * What `start` says about client authentication is true: no "anyone can use it" warning once virtual keys
 * exist (the gateway then answers 401), a `Try:` line that names the key actually configured without
 * printing it, and a warning (or, off loopback, a refusal) for secrets written in the file.
 */
const dir = mkdtempSync(join(tmpdir(), 'sy-start-banner-'));

function config(name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function banner(file: string, env = cleanEnv()): Promise<{ output: string; port: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawnCli(['start', '--config', file, '--listen', `127.0.0.1:${port}`], env);
  await waitForHealth(`http://127.0.0.1:${port}/health`);
  // the banner is printed right after the gateway listens
  for (let i = 0; i < 50 && !child.output().includes('SDKs:'); i++) await new Promise((r) => setTimeout(r, 50));
  return {
    output: child.output(),
    port,
    stop: async () => {
      child.kill('SIGTERM');
      expect(await exited(child)).toBe(0);
    },
  };
}

describe('switchyard start: the banner', () => {
  it('with virtual keys issued and no master key: no open-gateway warning, a virtual key in Try:, and 401 without one', async () => {
    const file = config('keys.yaml', [`storage: "sqlite:${join(dir, 'keys.db')}"`, 'log_level: warn', 'providers:', '  local: { type: vllm }']);
    const created = await runCli(['keys', 'create', '--team', 't', '--config', file, '--create-store']);
    expect(created.code, created.stderr).toBe(0);
    const started = await banner(file);
    try {
      expect(started.output).not.toMatch(/no client authentication/i);
      expect(started.output).toContain('a virtual key is required');
      expect(started.output).toContain('-H "authorization: Bearer <virtual key>"');
      const res = await fetch(`http://127.0.0.1:${started.port}/v1/models`);
      expect(res.status).toBe(401);
    } finally {
      await started.stop();
    }
  });

  it('a master key written in the file: Try: points at the file, never prints it, and the literal secret is warned about', async () => {
    const key = 'literal-master-key-0123456789';
    const file = config('literal.yaml', [`storage: "sqlite:${join(dir, 'literal.db')}"`, 'log_level: warn', `auth: { master_key: "${key}" }`, 'providers:', '  local: { type: vllm }']);
    const started = await banner(file);
    try {
      expect(started.output).toContain('-H "authorization: Bearer <auth.master_key from the config file>"');
      expect(started.output).not.toContain('$SWITCHYARD_MASTER_KEY');
      expect(started.output).toContain('Warning: secrets written in the config file (auth.master_key)');
      expect(started.output).not.toContain(key);
    } finally {
      await started.stop();
    }
  });

  it('a master key from a variable: Try: names that variable', async () => {
    const file = config('env.yaml', [`storage: "sqlite:${join(dir, 'env.db')}"`, 'log_level: warn', 'auth: { master_key: "${MY_GATEWAY_KEY}" }', 'providers:', '  local: { type: vllm }']);
    const started = await banner(file, cleanEnv({ MY_GATEWAY_KEY: 'from-the-environment-0123456789' }));
    try {
      expect(started.output).toContain('-H "authorization: Bearer $MY_GATEWAY_KEY"');
      expect(started.output).not.toContain('from-the-environment-0123456789');
      expect(started.output).not.toMatch(/Warning/);
    } finally {
      await started.stop();
    }
  });

  it('refuses a non-loopback address with secrets written in the file, naming the fields and the override', async () => {
    const file = config('exposed.yaml', [`storage: "sqlite:${join(dir, 'exposed.db')}"`, 'auth: { master_key: "literal-master-key-0123456789" }', 'providers:', '  local: { type: vllm }']);
    const r = await runCli(['start', '--config', file, '--listen', '0.0.0.0:0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Refusing to listen on 0\.0\.0\.0:0: secrets are written in the config file \(auth\.master_key\).*allow_literal_secrets: true/);
    expect(r.stderr).not.toContain('literal-master-key-0123456789');
  });
});
