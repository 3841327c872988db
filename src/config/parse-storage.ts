import { configRelativePath } from './config-relative-path.js';
import { DEFAULT_SPOOL_DIR, DEFAULT_SQLITE_PATH, type StorageConfig } from './gateway-config.js';

/**
 * `sqlite:PATH` or `postgres://…` as a StorageConfig; undefined for anything else. Relative paths (the
 * SQLite file, the spool folder) are taken from `baseDir`, the config file's folder, and made absolute.
 */
export function parseStorage(text: string | undefined, spoolDir: string | undefined, baseDir?: string): StorageConfig | undefined {
  if (text === undefined) return parseStorage(`sqlite:${DEFAULT_SQLITE_PATH}`, spoolDir, baseDir);
  if (text.startsWith('sqlite:') && text.length > 7) {
    const written = text.slice('sqlite:'.length);
    const path = configRelativePath(written, baseDir);
    return { kind: 'sqlite', path, ...(baseDir !== undefined && path !== written && { written }) };
  }
  if (/^postgres(ql)?:\/\/./.test(text)) return { kind: 'postgres', url: text, spoolDir: configRelativePath(spoolDir ?? DEFAULT_SPOOL_DIR, baseDir) };
  return undefined;
}
