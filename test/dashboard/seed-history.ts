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
 * file, hour by hour from `days` days ago until `quietMs` before `now` (so the live requests stay the newest),
 * with a daily rhythm, a mix of callers, token counts and latencies, and a few failures. The first deployment's
 * share grows over the month. Deterministic (a seeded generator): the same rows every run, but for the times.
 */
export async function seedHistory(
  path: string,
  deployments: readonly HistoryDeployment[],
  callers: readonly HistoryCaller[],
  now: number,
  options: { days?: number; quietMs?: number } = {},
): Promise<LedgerRow[]> {
  const days = options.days ?? 29;
  const end = now - (options.quietMs ?? 15 * 60_000);
  const random = mulberry32(16);
  const rows: LedgerRow[] = [];
  for (let hourStart = Math.floor((now - days * DAY_MS) / HOUR_MS) * HOUR_MS; hourStart < end; hourStart += HOUR_MS) {
    const hourOfDay = new Date(hourStart).getUTCHours();
    // busier in working hours (UTC), quieter at night
    const rhythm = 0.4 + Math.max(0, Math.sin(((hourOfDay - 6) / 24) * 2 * Math.PI));
    const progress = (hourStart - (now - days * DAY_MS)) / (days * DAY_MS);
    deployments.forEach((dep, k) => {
      const mean = rhythm * (k === 0 ? 1 + 2 * progress : 1.2);
      const count = Math.floor(mean + random() * mean);
      for (let i = 0; i < count; i++) {
        const time = hourStart + Math.floor(random() * HOUR_MS);
        if (time >= end) continue;
        rows.push(historyRow(dep, callers[Math.floor(random() * callers.length)]!, time, random));
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

const HOUR_MS = 3_600_000;

function historyRow(dep: HistoryDeployment, caller: HistoryCaller, time: number, random: () => number): LedgerRow {
  const failed = random() < 0.04;
  const inputTokens = failed ? undefined : 300 + Math.floor(random() * random() * 12_000);
  const outputTokens = failed ? undefined : 80 + Math.floor(random() * 1_400);
  const stream = random() < 0.6;
  const latencyMs = failed ? 100 + Math.floor(random() * 400) : 300 + Math.floor(random() * random() * 6_000);
  return {
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
    ...(inputTokens !== undefined && outputTokens !== undefined && { cost: (inputTokens * dep.price.input + outputTokens * dep.price.output) / 1e6 }),
    costEstimated: false,
    ...(stream && !failed && { ttftMs: 80 + Math.floor(latencyMs / 5) }),
    latencyMs,
    status: failed ? 502 : 200,
    ...(failed && { errorCode: 'upstream_error' }),
    stream,
    partial: false,
    route: `model=${dep.model}; served=${dep.provider}/${dep.servedModel}`,
  };
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
