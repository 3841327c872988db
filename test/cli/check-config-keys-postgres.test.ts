import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueKey } from '../../src/auth/issue-key.js';
import { openPostgres } from '../../src/ledger/postgres/open-postgres.js';
import { PostgresKeyStore } from '../../src/ledger/postgres/postgres-key-store.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres-test-db.js';
import { freePort, runCli } from '../support/run-cli.js';

/**
 * `check-config` on a PostgreSQL store: key policies are checked against its keys, read in a read-only
 * transaction; a database without the gateway's tables, or a server that does not answer, is reported as
 * not checked, and nothing is created there.
 */
describe('switchyard check-config: key policies on PostgreSQL', () => {
  let withKeys: TestDatabase;
  let empty: TestDatabase;
  let prefix: string;
  const dir = mkdtempSync(join(tmpdir(), 'sy-check-keys-pg-'));
  const config = (name: string, url: string, keys: string[]) => {
    const file = join(dir, name);
    writeFileSync(file, [`storage: "${url}"`, 'policies:', '  keys:', ...keys.map((k) => `    "${k}": { no_training: true }`), ''].join('\n'));
    return file;
  };

  beforeAll(async () => {
    withKeys = await createTestDatabase('check_keys');
    empty = await createTestDatabase('check_keys_empty');
    const pool = await openPostgres(withKeys.url(), { max: 1 });
    prefix = (await issueKey(new PostgresKeyStore(pool), { team: 't' })).record.prefix;
    await pool.end();
  });
  afterAll(async () => {
    await withKeys?.drop();
    await empty?.drop();
  });

  it('passes a key it has and rejects one it has not', async () => {
    const r = await runCli(['check-config', config('pg.yaml', withKeys.url(), [`${prefix}…`, 'sy-NotAKey'])]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('1 problem(s)');
    expect(r.stderr).toContain('policies.keys.sy-NotAKey: no key with this id or prefix in the store (postgres)');
  });

  it('reports the keys as not checked on a database without the tables, and creates none', async () => {
    const r = await runCli(['check-config', config('pg-empty.yaml', empty.url(), ['sy-NotAKey'])]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('policies.keys: not checked against the store: cannot read the PostgreSQL store (42P01)');
    const client = new pg.Client({ connectionString: empty.url() });
    await client.connect();
    const { rows } = await client.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'");
    await client.end();
    expect(rows[0]).toEqual({ n: 0 });
  });

  it('reports the keys as not checked when the server does not answer', async () => {
    const r = await runCli(['check-config', config('pg-down.yaml', withKeys.url(await freePort()), ['sy-NotAKey'])]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('not checked against the store: cannot read the PostgreSQL store (ECONNREFUSED)');
  });
});
