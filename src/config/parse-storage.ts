import { DEFAULT_SPOOL_DIR, DEFAULT_STORAGE, type StorageConfig } from './gateway-config.js';

/** `sqlite:PATH` or `postgres://…` as a StorageConfig; undefined for anything else. */
export function parseStorage(text: string | undefined, spoolDir: string | undefined): StorageConfig | undefined {
  if (text === undefined) return DEFAULT_STORAGE;
  if (text.startsWith('sqlite:') && text.length > 7) return { kind: 'sqlite', path: text.slice('sqlite:'.length) };
  if (/^postgres(ql)?:\/\/./.test(text)) return { kind: 'postgres', url: text, spoolDir: spoolDir ?? DEFAULT_SPOOL_DIR };
  return undefined;
}
