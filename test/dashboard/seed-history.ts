import { randomUUID } from 'node:crypto';
import type { LedgerRow } from '../../src/ledger/ledger-row.js';
import { openSqlite } from '../../src/ledger/sqlite/open-sqlite.js';
import { SqliteUsageWriter } from '../../src/ledger/sqlite/sqlite-usage-writer.js';

/** A served deployment as the ledger describes it (the catalog's facts for the dashboard gateway's models). */
export interface HistoryDeployment {
  model: string;
  provider: string;
  providerType: string;
  servedModel: string;
  catalogModel: string;
  developer: string;
  origin: string;
  jurisdiction: string;
  /** USD per million tokens. */
  price: { input: number; output: number };
}

export interface HistoryCaller {
  keyId: string;
  team: string;
}

export const DAY_MS = 86_400_000;

/**
 * Past traffic for the 30-day charts: rows written through the ledger's own writer into the gateway's SQLite
 * file, one to several per deployment per day for the last `days` days (before today), with a mix of callers,
 * token counts, latencies and a few failures. Deterministic (a seeded generator), so the figures are the same
 * every run. Returns the rows written.
 */
export async function seedHistory(path: string, deployments: readonly HistoryDeployment[], callers: readonly HistoryCaller[], now: number, days = 29): Promise<LedgerRow[]> {
  const random = mulberry32(16);
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const rows: LedgerRow[] = [];
  for (let d = days; d >= 1; d--) {
    const dayStart = today - d * DAY_MS;
    deployments.forEach((dep, k) => {
      // traffic shifts over the month: the first deployment grows, the others hold
      const count = 1 + Math.floor(random() * 3) + (k === 0 ? Math.floor((days - d) / 8) : 0);
      for (let i = 0; i < count; i++) {
        const caller = callers[Math.floor(random() * callers.length)]!;
        const failed = random() < 0.06;
        const inputTokens = failed ? undefined : 200 + Math.floor(random() * 3000);
        const outputTokens = failed ? undefined : 50 + Math.floor(random() * 900);
        const stream = random() < 0.5;
        const latencyMs = 200 + Math.floor(random() * 2500);
        const time = dayStart + Math.floor(random() * (DAY_MS - 60_000));
        rows.push({
          id: `hist-${randomUUID()}`,
          time,
          keyId: caller.keyId,
          team: caller.team,
          requestedModel: dep.model,
          provider: dep.provider,
          providerType: dep.providerType,
          servedModel: dep.servedModel,
          catalogModel: dep.catalogModel,
          developer: dep.developer,
          modelOrigin: dep.origin,
          providerJurisdiction: dep.jurisdiction,
          ...(inputTokens !== undefined && { inputTokens }),
          ...(outputTokens !== undefined && { outputTokens }),
          usageEstimated: false,
          ...(inputTokens !== undefined &&
            outputTokens !== undefined && { cost: (inputTokens * dep.price.input + outputTokens * dep.price.output) / 1e6 }),
          costEstimated: false,
          ...(stream && { ttftMs: Math.floor(latencyMs / 4) }),
          latencyMs,
          status: failed ? 502 : 200,
          ...(failed && { errorCode: 'upstream_error' }),
          stream,
          partial: false,
          route: `model=${dep.model}; served=${dep.provider}/${dep.servedModel}`,
        });
      }
    });
  }
  const db = openSqlite(path);
  try {
    const writer = new SqliteUsageWriter(db);
    await Promise.all(rows.map((r) => writer.write(r)));
    await writer.close();
  } finally {
    db.close();
  }
  return rows;
}

/** A small seeded generator: the same sequence every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
