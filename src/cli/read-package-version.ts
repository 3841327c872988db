import { readFileSync } from 'node:fs';

/**
 * The version in the package's own package.json, read when asked rather than copied in at build time, so
 * `switchyard --version` names what is installed. The file sits two folders up from both src/cli and dist/cli.
 */
export function readPackageVersion(): string {
  const url = new URL('../../package.json', import.meta.url);
  const pkg = JSON.parse(readFileSync(url, 'utf8')) as { version?: unknown };
  if (typeof pkg.version !== 'string') throw new Error(`${url.pathname} has no version`);
  return pkg.version;
}
