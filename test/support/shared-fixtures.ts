import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Where the recorded provider traffic lives: $SWITCHYARD_FIXTURES, else ../shared/fixtures beside the
 * repository. Undefined when neither exists (a fresh clone elsewhere): tests that need it skip and say why.
 */
export const sharedFixturesDir: string | undefined = (() => {
  const candidates = [process.env.SWITCHYARD_FIXTURES, join(repoRoot, '..', 'shared', 'fixtures')];
  for (const c of candidates) if (c && existsSync(c)) return c;
  return undefined;
})();

export const sharedFixturesSkipReason = sharedFixturesDir
  ? ''
  : 'recorded provider traffic not found (set SWITCHYARD_FIXTURES or place it at ../shared/fixtures); replay tests skipped';

if (!sharedFixturesDir) console.warn(`[switchyard tests] ${sharedFixturesSkipReason}`);

/** Read a file under the shared fixtures folder. */
export function readSharedFixture(relativePath: string): string {
  if (!sharedFixturesDir) throw new Error(sharedFixturesSkipReason);
  return readFileSync(join(sharedFixturesDir, relativePath), 'utf8');
}

/** Read one of the project's own small fixtures under test/fixtures. */
export function readOwnFixture(relativePath: string): string {
  return readFileSync(join(repoRoot, 'test', 'fixtures', relativePath), 'utf8');
}
