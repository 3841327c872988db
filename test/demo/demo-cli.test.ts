import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, exited, freePort, spawnCli, waitForHealth } from '../support/run-cli.js';
import { waitUntil } from '../support/wait-until.js';

/**
 * The built CLI (`npm run build` first, as `npm test` does): `switchyard demo` prints that everything is
 * simulated, the addresses, the keys and what to paste, serves on the port it printed, and stops on
 * SIGINT with exit code 0; `switchyard start` with nothing found points to it.
 */
describe('switchyard demo (CLI)', () => {
  it('prints the banner and keys, serves, and stops cleanly on SIGINT', { timeout: 15_000 }, async () => {
    const store = join(mkdtempSync(join(tmpdir(), 'sy-demo-cli-')), 'demo.db');
    const child = spawnCli(['demo', '--port', '0', '--no-traffic', '--store', store]);
    try {
      await waitUntil(() => child.output().includes('Ctrl-C stops the demo.') || child.exitCode !== null, 10_000, 'the banner');
      const out = child.output();
      expect(out).toContain('EVERYTHING HERE IS SIMULATED');
      expect(out).toContain('Live traffic: off');
      const url = /Gateway: +(http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
      expect(out).toContain(`Dashboard:  ${url}/ui`);
      expect(out).toContain(`Metrics:    ${url}/metrics`);
      expect(out).toContain(`Store:      ${store}`);
      const adminKey = /Admin key: +(\S+)/.exec(out)![1]!;
      const demoKey = /Demo key: +(sy-\S+)/.exec(out)![1]!;
      expect(out).toContain(`curl ${url}/v1/chat/completions -H "authorization: Bearer ${demoKey}"`);
      expect(out).toContain(`client = OpenAI(base_url="${url}/v1", api_key="${demoKey}")`);
      await waitForHealth(`${url}/health`);
      const models = await fetch(`${url}/v1/models`, { headers: { authorization: `Bearer ${demoKey}` } });
      expect(models.status).toBe(200);
      const report = await fetch(`${url}/admin/reports/origins`, { headers: { authorization: `Bearer ${adminKey}` } });
      expect(report.status).toBe(200);
      child.kill('SIGINT');
      expect(await exited(child)).toBe(0);
      expect(child.output()).toContain('SIGINT: stopping the demo');
      await expect(fetch(`${url}/health`)).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('a bad --port is refused', { timeout: 15_000 }, async () => {
    const child = spawnCli(['demo', '--port', 'x']);
    expect(await exited(child)).toBe(1);
    expect(child.output()).toMatch(/--port 'x': expected a whole number/);
  });
});

describe('switchyard start with no providers', () => {
  it('points to switchyard demo', { timeout: 15_000 }, async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'sy-start-empty-'));
    const child = spawnCli(['start', '--listen', `127.0.0.1:${port}`], cleanEnv(), dir);
    try {
      await waitForHealth(`http://127.0.0.1:${port}/health`);
      await waitUntil(() => child.output().includes('switchyard demo'), 5_000, 'the banner');
      expect(child.output()).toContain('No providers found.');
      expect(child.output()).toMatch(/`switchyard demo` runs the gateway on simulated providers/);
    } finally {
      child.kill('SIGTERM');
      expect(await exited(child)).toBe(0);
    }
  });
});
