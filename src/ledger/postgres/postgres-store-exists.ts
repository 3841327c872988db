import pg from 'pg';

/**
 * Whether a PostgreSQL database already holds a Switchyard store (its schema was made by a gateway's
 * first start), asked without creating or migrating anything.
 */
export async function postgresStoreExists(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000, query_timeout: 5_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ found: string | null }>("SELECT to_regclass('api_keys')::text AS found");
    return rows[0]?.found != null;
  } finally {
    await client.end().catch(() => undefined);
  }
}
