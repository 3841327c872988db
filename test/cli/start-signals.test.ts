import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/run-cli.js';
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
