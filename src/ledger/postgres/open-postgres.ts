import pg from 'pg';
import { migratePostgres } from './postgres-schema.js';

const INT8 = 20;
const NUMERIC = 1700;

/**
 * A connection pool to the shared PostgreSQL store, migrated. 64-bit integers (COUNT, SUM, times) come back
 * as JavaScript numbers, as they do from SQLite: ledger figures stay far below 2^53.
 */
export async function openPostgres(url: string, options: { max?: number; queryTimeoutMs?: number } = {}): Promise<pg.Pool> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    // a query on a connection that died without a reset (a cut network) fails rather than waits forever
    query_timeout: options.queryTimeoutMs ?? 15_000,
    keepAlive: true,
    idleTimeoutMillis: 30_000,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === INT8 || oid === NUMERIC ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its connection (the server restarts) must not crash the process.
  pool.on('error', () => undefined);
  // Nor one that loses it while checked out between queries: the failure reaches whoever queries it next.
  pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    await migratePostgres(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  return pool;
}

/** `?` placeholders (the portable queries) as PostgreSQL's `$1, $2…`. */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
