import { execFile } from 'node:child_process';
import { repoRoot } from '../support/run-cli.js';
import { npmEnv } from '../cli/signal-start.js';

/** One entry of `npm pack --json`: what the package would be, file by file. */
export interface PackResult {
  name: string;
  version: string;
  filename: string;
  files: Array<{ path: string; size: number }>;
}

/**
 * `npm pack --json` on the checkout, bounded in time. Scripts are skipped: `prepare` would rebuild dist, which
 * `npm test` has just built; the registry cannot answer (npmEnv), and packing a folder needs none.
 */
export function runNpmPack(extraArgs: string[]): Promise<PackResult> {
  return new Promise((resolve, reject) => {
    execFile(
      'npm',
      ['pack', '--json', '--ignore-scripts', ...extraArgs],
      { cwd: repoRoot, env: npmEnv(), timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`npm pack ${extraArgs.join(' ')} failed: ${err.message}\n${stderr}`));
        const [result] = JSON.parse(stdout) as PackResult[];
        if (!result) return reject(new Error(`npm pack printed no package:\n${stdout}`));
        resolve(result);
      },
    );
  });
}
