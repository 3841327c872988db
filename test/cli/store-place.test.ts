import { describe, expect, it } from 'vitest';
import { storagePlace } from '../../src/cli/cli-store.js';

/** The `Store:` line every command and the start banner print names the store, never its secrets. */
describe('storagePlace', () => {
  it('masks the password in the user part and in libpq parameters', () => {
    const text = storagePlace({ kind: 'postgres', url: 'postgres://u:s3cret@db.internal:5432/sy?password=leak&sslpassword=leak2&sslmode=require', spoolDir: '/x' });
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('leak');
    expect(text).toContain('db.internal:5432/sy');
    expect(text).toContain('sslmode=require');
  });

  it('names a SQLite file by its path', () => {
    expect(storagePlace({ kind: 'sqlite', path: '/srv/sy/switchyard.db' })).toBe('SQLite file /srv/sy/switchyard.db');
  });
});
