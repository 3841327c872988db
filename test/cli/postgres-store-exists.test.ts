import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/postgres-test-db.js';
import { runCli } from '../support/run-cli.js';
import { postgresSkipReason } from '../support/test-services.js';

const noPostgres = await postgresSkipReason();

/**
 * On PostgreSQL too, a command finds the gateway's store or says there is none: it never lays the schema
 * into a database no gateway has used (`--create-store` does, when asked).
 */
describe.skipIf(noPostgres)('commands on a PostgreSQL database without a store', () => {
  let db: TestDatabase;
  let config: string;
  const tables = async () => {
    const client = new pg.Client({ connectionString: db.url() });
    await client.connect();
    try {
      return (await client.query<{ found: string | null }>("SELECT to_regclass('api_keys')::text AS found")).rows[0]?.found ?? null;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase('no_store');
    config = join(mkdtempSync(join(tmpdir(), 'sy-pg-store-')), 'switchyard.yaml');
    writeFileSync(config, `storage: "${db.url()}"\n`);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('read and write commands refuse and create nothing; --create-store creates it', async () => {
    for (const args of [['keys', 'list'], ['kills'], ['kill', 'provider:deepseek'], ['keys', 'create', '--team', 't']]) {
      const r = await runCli([...args, '--config', config]);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(1);
      expect(r.stderr).toContain('no Switchyard store in that PostgreSQL database yet');
    }
    expect(await tables()).toBeNull();
    const created = await runCli(['keys', 'create', '--team', 't', '--create-store', '--config', config]);
    expect(created.code, created.stderr).toBe(0);
    expect(await tables()).toBe('api_keys');
  });
});
