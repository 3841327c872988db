import type Database from 'better-sqlite3';
import type { LedgerRow, UsageWriter } from '../ledger-row.js';

interface Pending {
  row: LedgerRow;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Writes ledger rows with group commits: rows written while a commit is due are inserted in one
 * transaction, and every `write` of the batch resolves once that transaction has committed. While rows
 * arrive one at a time (the last commit carried one row) a row is committed at the end of the event-loop
 * turn it was written in, adding no wait; once they arrive together, commits are at least
 * `minIntervalMs` apart, so each carries many rows (a commit costs far more than a row). A row is
 * inserted once: its id is the primary key and a repeat is ignored.
 */
export class SqliteUsageWriter implements UsageWriter {
  private pending: Pending[] = [];
  private scheduled = false;
  private closed = false;
  private lastCommit = 0;
  private lastBatchSize = 0;
  private readonly insert: Database.Statement;
  private readonly commit: (batch: Pending[]) => void;

  constructor(
    db: Database.Database,
    private readonly minIntervalMs = 2,
  ) {
    this.insert = db.prepare(`INSERT OR IGNORE INTO requests (
      id, ts, key_id, team, requested_model, provider, provider_type, served_model, catalog_model, developer,
      model_origin, provider_jurisdiction, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens,
      reasoning_tokens, usage_estimated, cost_usd, cost_estimated, ttft_ms, latency_ms, status, error_code,
      stream, partial, route, attempts, request_body, response_body, router_score, router_tier, strong_cost_usd, purpose
    ) VALUES (${new Array(34).fill('?').join(', ')})`);
    this.commit = db.transaction((batch: Pending[]) => {
      for (const p of batch) this.insert.run(toParams(p.row));
    });
  }

  write(row: LedgerRow): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the ledger is closed'));
    return new Promise((resolve, reject) => {
      this.pending.push({ row, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        const wait = this.lastBatchSize > 1 ? this.lastCommit + this.minIntervalMs - performance.now() : 0;
        if (wait <= 0) setImmediate(() => this.flush());
        else setTimeout(() => this.flush(), wait);
      }
    });
  }

  /** Commit what is pending now. */
  flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    try {
      this.commit(batch);
      this.lastCommit = performance.now();
      this.lastBatchSize = batch.length;
    } catch (err) {
      for (const p of batch) p.reject(err);
      return;
    }
    for (const p of batch) p.resolve();
  }

  async close(): Promise<void> {
    this.flush();
    this.closed = true;
  }
}

function toParams(r: LedgerRow): unknown[] {
  return [
    r.id,
    r.time,
    r.keyId ?? null,
    r.team ?? null,
    r.requestedModel,
    r.provider ?? null,
    r.providerType ?? null,
    r.servedModel ?? null,
    r.catalogModel ?? null,
    r.developer ?? null,
    r.modelOrigin ?? null,
    r.providerJurisdiction ?? null,
    r.inputTokens ?? null,
    r.cachedInputTokens ?? null,
    r.cacheWriteTokens ?? null,
    r.outputTokens ?? null,
    r.reasoningTokens ?? null,
    r.usageEstimated ? 1 : 0,
    r.cost ?? null,
    r.costEstimated ? 1 : 0,
    r.ttftMs ?? null,
    r.latencyMs,
    r.status,
    r.errorCode ?? null,
    r.stream ? 1 : 0,
    r.partial ? 1 : 0,
    r.route ?? null,
    r.attempts && r.attempts.length > 0 ? JSON.stringify(r.attempts) : null,
    r.requestBody ?? null,
    r.responseBody ?? null,
    r.routerScore ?? null,
    r.routerTier ?? null,
    r.strongCostUsd ?? null,
    r.purpose ?? null,
  ];
}
