import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { TEST_PG_URL } from './test-services.js';

/** The shared PostgreSQL server of the development and CI machines (trust auth). */
const PG_ADMIN_URL = TEST_PG_URL;

export interface TestDatabase {
  name: string;
  /** A URL to the new database, on `port` (the shared server's, or a proxy's in front of it). */
  url(port?: number): string;
  drop(): Promise<void>;
}

/**
 * A database of its own for one test file, so tests running at the same time on the same server never
 * see each other's tables; `drop` removes it (closing connections still open to it).
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `sy_${label.replace(/\W/g, '_').toLowerCase()}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const base = new URL(PG_ADMIN_URL);
  return {
    name,
    url(port?: number) {
      const u = new URL(base.href);
      u.pathname = `/${name}`;
      if (port !== undefined) u.port = String(port);
      return u.href;
    },
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
