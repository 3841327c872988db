import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startThenSignal, writeStartConfig } from '../cli/signal-start.js';
import { cleanEnv, repoRoot } from '../support/run-cli.js';
import { runNpmPack } from './run-npm-pack.js';

/**
 * The package as someone installs it: the tarball `npm pack` makes, unpacked into a scratch folder with the
 * checkout's dependencies beside it, and its bin run with node, as docs/deployment.md runs it in production.
 */
const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
let installed: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sy-installed-'));
  const pack = await runNpmPack(['--pack-destination', dir]);
  execFileSync('tar', ['-xzf', join(dir, pack.filename), '-C', dir], { timeout: 30_000 });
  installed = join(dir, 'package');
  symlinkSync(join(repoRoot, 'node_modules'), join(installed, 'node_modules'), 'dir');
}, 70_000);

function runInstalled(args: string[]): string {
  return execFileSync(process.execPath, [join(installed, 'bin', 'switchyard.js'), ...args], { env: cleanEnv(), timeout: 15_000, encoding: 'utf8' });
}

describe('the installed package', () => {
  it('--version and -V print the version from package.json', () => {
    expect(runInstalled(['--version']).trim()).toBe(version);
    expect(runInstalled(['-V']).trim()).toBe(version);
  });

  it('reads the version when it runs, not when it was built', () => {
    const file = join(installed, 'package.json');
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { version: string };
    writeFileSync(file, JSON.stringify({ ...pkg, version: '9.8.7-check' }));
    try {
      expect(runInstalled(['--version']).trim()).toBe('9.8.7-check');
    } finally {
      writeFileSync(file, JSON.stringify(pkg));
    }
  });

  it('its bin, run with node, stops listening and exits 0 on SIGTERM', { timeout: 40_000 }, async () => {
    const { file, port } = await writeStartConfig();
    const r = await startThenSignal({
      command: process.execPath,
      args: [join(installed, 'bin', 'switchyard.js'), 'start', '--config', file],
      cwd: tmpdir(),
      env: cleanEnv(),
      port,
      signal: 'SIGTERM',
    });
    expect(r.stillListening, r.output).toBe(false);
    expect(r.code, r.output).toBe(0);
  });
});
