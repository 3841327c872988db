import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeUpstream } from '../support/fake-upstream.js';
import { exited, freePort, repoRoot, spawnCli, waitForHealth } from '../support/run-cli.js';
import { npmEnv, startThenSignal, writeStartConfig } from './signal-start.js';

/**
 * The README starts the gateway with `npm start`. npm runs a script through `sh -c` and forwards SIGTERM and
 * SIGINT to that shell only; without `exec` in the script the shell dies and the gateway, orphaned, keeps
 * listening. These runs send the signal to npm alone, as systemd or a container runtime would.
 */
describe('npm start passes signals to the gateway', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal}: the gateway stops listening and npm exits 0`, { timeout: 40_000 }, async () => {
      const { file, port } = await writeStartConfig();
      const r = await startThenSignal({ command: 'npm', args: ['start', '--', '--config', file], cwd: repoRoot, env: npmEnv(), port, signal });
      expect(r.stillListening, r.output).toBe(false);
      expect(r.code, r.output).toBe(0);
      expect(r.output).toContain(`${signal}: finishing in-flight requests`);
    });
  }
});

describe('Ctrl-C under npm start: the gateway gets the signal twice', () => {
  it('a repeat within a second is ignored: an in-flight stream finishes and the exit is clean', { timeout: 30_000 }, async () => {
    const upstream = await FakeUpstream.start();
    const frames = Array.from({ length: 8 }, (_, i) =>
      `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: `${i} ` }, finish_reason: i === 7 ? 'stop' : null }] })}\n\n`,
    );
    upstream.reply({ sse: [...frames, 'data: [DONE]\n\n'], frameDelayMs: 100 });
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'sy-sigint-'));
    const file = join(dir, 'switchyard.yaml');
    writeFileSync(file, `listen: 127.0.0.1:${port}\nlog_level: warn\nstorage: sqlite:./x.db\nproviders:\n  local: { type: vllm, base_url: "${upstream.url}/v1" }\nmodels:\n  m: { deployments: [local/m] }\n`);
    const child = spawnCli(['start', '--config', file]);
    try {
      await waitForHealth(`http://127.0.0.1:${port}/health`);
      const res = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'count' }] }),
      });
      const body = res.text();
      await new Promise((r) => setTimeout(r, 150));
      child.kill('SIGINT');
      await new Promise((r) => setTimeout(r, 50));
      child.kill('SIGINT'); // npm's forwarded copy of the same Ctrl-C
      expect(await body).toContain('"content":"7 "');
      expect(await exited(child)).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await upstream.close();
    }
  });
});
