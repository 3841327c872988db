import { isAbsolute, resolve } from 'node:path';

/**
 * A path written in a config file is relative to that file's folder, so the gateway and every command reach
 * the same file whatever folder they run in. Paths from the environment or code (no file) are relative to
 * the current folder, made absolute so every message names the file exactly.
 */
export function configRelativePath(path: string, baseDir: string | undefined): string {
  if (path === ':memory:' || isAbsolute(path)) return path;
  return resolve(baseDir ?? process.cwd(), path);
}
