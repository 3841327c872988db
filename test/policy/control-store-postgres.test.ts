import { afterAll, beforeAll, describe } from 'vitest';
import type { TestDatabase } from '../support/postgres-test-db.js';
import { createTestDatabase } from '../support/postgres-test-db.js';
import { openPostgres } from '../../src/ledger/postgres/open-postgres.js';
import { PostgresControlStore } from '../../src/ledger/postgres/postgres-control-store.js';
import { postgresSkipReason } from '../support/test-services.js';
import { controlStoreContract } from './control-store.contract.js';

const noPostgres = await postgresSkipReason();

/** The ControlStore contract on PostgreSQL: each test on emptied tables of its own database. */
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('control-contract');
});
afterAll(async () => {
  await db?.drop();
});

describe.skipIf(noPostgres)('PostgreSQL', () => {
  controlStoreContract('PostgreSQL', async () => {
    const pool = await openPostgres(db.url(), { max: 2 });
    await pool.query('TRUNCATE kill_switches, audit_log RESTART IDENTITY');
    return { store: new PostgresControlStore(pool), close: () => pool.end() };
  });
});
