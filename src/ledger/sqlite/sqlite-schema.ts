import type Database from 'better-sqlite3';

/**
 * The embedded store's schema, as numbered migrations applied in order inside one transaction each.
 * SQL here stays portable (integer unix-ms times, no SQLite-only types) so the PostgreSQL backend can keep
 * the same shape.
 */
const MIGRATIONS: string[] = [
  `CREATE TABLE requests (
     id TEXT PRIMARY KEY,
     ts INTEGER NOT NULL,
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
     input_tokens INTEGER,
     cached_input_tokens INTEGER,
     cache_write_tokens INTEGER,
     output_tokens INTEGER,
     reasoning_tokens INTEGER,
     usage_estimated INTEGER NOT NULL,
     cost_usd REAL,
     cost_estimated INTEGER NOT NULL,
     ttft_ms REAL,
     latency_ms REAL NOT NULL,
     status INTEGER NOT NULL,
     error_code TEXT,
     stream INTEGER NOT NULL,
     partial INTEGER NOT NULL,
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
     created_at INTEGER NOT NULL,
     revoked_at INTEGER,
     budget_usd REAL,
     budget_period TEXT,
     rpm INTEGER,
     tpm INTEGER,
     models TEXT,
     store_bodies INTEGER NOT NULL DEFAULT 0
   );`,
  `CREATE TABLE kill_switches (
     kind TEXT NOT NULL,
     value TEXT NOT NULL,
     reason TEXT,
     actor TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     PRIMARY KEY (kind, value)
   );
   CREATE TABLE audit_log (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     ts INTEGER NOT NULL,
     actor TEXT NOT NULL,
     action TEXT NOT NULL,
     target TEXT NOT NULL,
     reason TEXT
   );
   CREATE TABLE control_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
   INSERT INTO control_version (id, version) VALUES (1, 0);`,
  `ALTER TABLE requests ADD COLUMN router_score REAL;
   ALTER TABLE requests ADD COLUMN router_tier TEXT;
   ALTER TABLE requests ADD COLUMN strong_cost_usd REAL;
   ALTER TABLE requests ADD COLUMN purpose TEXT;
   ALTER TABLE requests ADD COLUMN router_route TEXT;
   CREATE TABLE shadow_samples (
     id TEXT PRIMARY KEY,
     ts INTEGER NOT NULL,
     route TEXT NOT NULL,
     request_id TEXT NOT NULL,
     score REAL NOT NULL,
     served_tier TEXT NOT NULL,
     weak_model TEXT,
     strong_model TEXT,
     prompt TEXT,
     weak_answer TEXT,
     strong_answer TEXT,
     weak_cost_usd REAL,
     strong_cost_usd REAL,
     verdict TEXT,
     judge_model TEXT
   );
   CREATE INDEX shadow_samples_ts ON shadow_samples (ts);`,
  `CREATE TABLE ui_session_revocations (
     id TEXT PRIMARY KEY,
     expires_at INTEGER NOT NULL
   );`,
  `ALTER TABLE requests ADD COLUMN cache TEXT;
   ALTER TABLE requests ADD COLUMN cache_saved_usd REAL;`,
  `ALTER TABLE api_keys ADD COLUMN expires_at INTEGER;
   CREATE TABLE team_budgets (
     team TEXT PRIMARY KEY,
     budget_usd REAL NOT NULL,
     budget_period TEXT NOT NULL,
     updated_at INTEGER NOT NULL
   );`,
  `ALTER TABLE requests ADD COLUMN router_served_tier TEXT;`,
  `ALTER TABLE shadow_samples ADD COLUMN threshold REAL;`,
];

export function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((r) => r.version));
  MIGRATIONS.forEach((sql, i) => {
    const version = i + 1;
    if (applied.has(version)) return;
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(version, Date.now());
    })();
  });
}
