import { describe, expect, it } from 'vitest';
import type { LedgerRow, UsageWriter } from '../../src/ledger/ledger-row.js';

/**
 * What every ledger backend must do, run against each (SQLite now, PostgreSQL later): `readRows` is the
 * backend's own way to read its table back.
 */
export interface LedgerUnderTest {
  writer: UsageWriter;
  readRows(): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

export function row(id: string, patch: Partial<LedgerRow> = {}): LedgerRow {
  return {
    id,
    time: 1_767_225_600_000,
    requestedModel: 'm',
    usageEstimated: false,
    costEstimated: false,
    latencyMs: 12.5,
    status: 200,
    stream: false,
    partial: false,
    ...patch,
  };
}

export function usageWriterContract(name: string, open: () => Promise<LedgerUnderTest>): void {
  describe(`ledger contract: ${name}`, () => {
    it('keeps every field, and unknown counts and costs as unknown (never 0)', async () => {
      const l = await open();
      try {
        await l.writer.write(
          row('full', {
            keyId: 'k1',
            team: 'search',
            provider: 'ds',
            providerType: 'deepseek',
            servedModel: 'deepseek-chat',
            catalogModel: 'deepseek-v3.2',
            developer: 'DeepSeek',
            modelOrigin: 'CN',
            providerJurisdiction: 'CN',
            inputTokens: 339,
            cachedInputTokens: 320,
            outputTokens: 92,
            reasoningTokens: 48,
            cost: 0.0000513,
            ttftMs: 80,
            stream: true,
            route: 'a → ds/deepseek-chat',
            attempts: [{ provider: 'x', model: 'y', code: 'upstream_error', message: 'boom' }],
          }),
        );
        await l.writer.write(row('unknown', { status: 502, errorCode: 'upstream_error' }));
        const rows = await l.readRows();
        const full = rows.find((r) => r.id === 'full')!;
        expect(full).toMatchObject({ key_id: 'k1', team: 'search', model_origin: 'CN', input_tokens: 339, cached_input_tokens: 320, output_tokens: 92, reasoning_tokens: 48 });
        expect(Number(full.cost_usd)).toBeCloseTo(0.0000513, 12);
        expect(JSON.parse(String(full.attempts))).toEqual([{ provider: 'x', model: 'y', code: 'upstream_error', message: 'boom' }]);
        const unknown = rows.find((r) => r.id === 'unknown')!;
        expect(unknown.input_tokens).toBeNull();
        expect(unknown.output_tokens).toBeNull();
        expect(unknown.cost_usd).toBeNull();
        expect(unknown.error_code).toBe('upstream_error');
      } finally {
        await l.close();
      }
    });

    it('writes a row once, however many times it is written', async () => {
      const l = await open();
      try {
        await l.writer.write(row('dup', { cost: 1 }));
        await l.writer.write(row('dup', { cost: 2 }));
        await Promise.all([l.writer.write(row('dup2')), l.writer.write(row('dup2'))]);
        const rows = await l.readRows();
        expect(rows.filter((r) => r.id === 'dup')).toHaveLength(1);
        expect(Number(rows.find((r) => r.id === 'dup')!.cost_usd)).toBe(1);
        expect(rows.filter((r) => r.id === 'dup2')).toHaveLength(1);
      } finally {
        await l.close();
      }
    });

    it('commits many concurrent writes, each resolving once its row is stored', async () => {
      const l = await open();
      try {
        const ids = Array.from({ length: 500 }, (_, i) => `c${i}`);
        await Promise.all(ids.map((id) => l.writer.write(row(id))));
        const rows = await l.readRows();
        expect(new Set(rows.map((r) => r.id))).toEqual(new Set(ids));
      } finally {
        await l.close();
      }
    });
  });
}
