import type pg from 'pg';

/** Any fixed number: the advisory lock every process takes while it migrates, so only one migrates at a time. */
const MIGRATION_LOCK = 7_246_315_001;

/**
 * The shared store's schema: the same tables and indexes as the embedded one (src/ledger/sqlite/sqlite-schema.ts),
 * in portable types (BIGINT unix-ms times, 0/1 flags as SMALLINT), plus the kill switches and audit log.
 * Numbered migrations, each applied once inside its own transaction.
 */
const MIGRATIONS: string[] = [
  `CREATE TABLE requests (
     id TEXT PRIMARY KEY,
     ts BIGINT NOT NULL,
     key_id TEXT,
     team TEXT,
     requested_model TEXT NOT NULL,
     provider TEXT,
     provider_type TEXT,
     served_model TEXT,
     catalog_model TEXT,
     developer TEXT,
     model_origin TEXT,
     provider_jurisdiction TEXT,
     input_tokens BIGINT,
     cached_input_tokens BIGINT,
     cache_write_tokens BIGINT,
     output_tokens BIGINT,
     reasoning_tokens BIGINT,
     usage_estimated SMALLINT NOT NULL,
     cost_usd DOUBLE PRECISION,
     cost_estimated SMALLINT NOT NULL,
     ttft_ms DOUBLE PRECISION,
     latency_ms DOUBLE PRECISION NOT NULL,
     status INTEGER NOT NULL,
     error_code TEXT,
     stream SMALLINT NOT NULL,
     partial SMALLINT NOT NULL,
     route TEXT,
     attempts TEXT,
     request_body TEXT,
     response_body TEXT
   );
   CREATE INDEX requests_ts ON requests (ts);
   CREATE INDEX requests_key_ts ON requests (key_id, ts);
   CREATE INDEX requests_team_ts ON requests (team, ts);
   CREATE TABLE api_keys (
     id TEXT PRIMARY KEY,
     hash TEXT NOT NULL UNIQUE,
     prefix TEXT NOT NULL,
     name TEXT,
     team TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     revoked_at BIGINT,
     budget_usd DOUBLE PRECISION,
     budget_period TEXT,
     rpm INTEGER,
     tpm INTEGER,
     models TEXT,
     store_bodies SMALLINT NOT NULL DEFAULT 0
   );
   CREATE INDEX api_keys_prefix ON api_keys (prefix);`,
  `CREATE TABLE kill_switches (
     kind TEXT NOT NULL,
     value TEXT NOT NULL,
     reason TEXT,
     actor TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     PRIMARY KEY (kind, value)
   );
   CREATE TABLE audit_log (
     id SERIAL PRIMARY KEY,
     ts BIGINT NOT NULL,
     actor TEXT NOT NULL,
     action TEXT NOT NULL,
     target TEXT NOT NULL,
     reason TEXT
   );
   CREATE TABLE control_version (
     singleton SMALLINT PRIMARY KEY DEFAULT 1 CHECK (singleton = 1),
     version BIGINT NOT NULL
   );
   INSERT INTO control_version (version) VALUES (0);`,
  `ALTER TABLE requests ADD COLUMN router_score DOUBLE PRECISION;
   ALTER TABLE requests ADD COLUMN router_tier TEXT;
   ALTER TABLE requests ADD COLUMN strong_cost_usd DOUBLE PRECISION;
   ALTER TABLE requests ADD COLUMN purpose TEXT;
   ALTER TABLE requests ADD COLUMN router_route TEXT;
   CREATE TABLE shadow_samples (
     id TEXT PRIMARY KEY,
     ts BIGINT NOT NULL,
     route TEXT NOT NULL,
     request_id TEXT NOT NULL,
     score DOUBLE PRECISION NOT NULL,
     served_tier TEXT NOT NULL,
     weak_model TEXT,
     strong_model TEXT,
     prompt TEXT,
     weak_answer TEXT,
     strong_answer TEXT,
     weak_cost_usd DOUBLE PRECISION,
     strong_cost_usd DOUBLE PRECISION,
     verdict TEXT,
     judge_model TEXT
   );
   CREATE INDEX shadow_samples_ts ON shadow_samples (ts);`,
  `CREATE TABLE ui_session_revocations (
     id TEXT PRIMARY KEY,
     expires_at BIGINT NOT NULL
   );`,
  `ALTER TABLE requests ADD COLUMN cache TEXT;
   ALTER TABLE requests ADD COLUMN cache_saved_usd DOUBLE PRECISION;`,
  `ALTER TABLE api_keys ADD COLUMN expires_at BIGINT;
   CREATE TABLE team_budgets (
     team TEXT PRIMARY KEY,
     budget_usd DOUBLE PRECISION NOT NULL,
     budget_period TEXT NOT NULL,
     updated_at BIGINT NOT NULL
   );`,
  `ALTER TABLE requests ADD COLUMN router_served_tier TEXT;`,
  `ALTER TABLE shadow_samples ADD COLUMN threshold DOUBLE PRECISION;`,
];

/** Apply what is missing, holding the advisory lock: processes that start together migrate one after another. */
export async function migratePostgres(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
      const applied = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
      for (const [i, sql] of MIGRATIONS.entries()) {
        const version = i + 1;
        if (applied.has(version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(sql);
          await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [version, Date.now()]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw err;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
