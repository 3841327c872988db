import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashKey, issueKey, rotateKey } from '../../src/auth/issue-key.js';
import { openPostgres } from '../../src/ledger/postgres/open-postgres.js';
import { PostgresControlStore } from '../../src/ledger/postgres/postgres-control-store.js';
import { PostgresKeyStore } from '../../src/ledger/postgres/postgres-key-store.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres-test-db.js';
import { postgresSkipReason } from '../support/test-services.js';

const noPostgres = await postgresSkipReason();

let db: TestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  db = await createTestDatabase('control');
  pool = await openPostgres(db.url(), { max: 4 });
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

describe.skipIf(noPostgres)('PostgreSQL migrations', () => {
  it('are safe when several processes start at once', async () => {
    const pools = await Promise.all(Array.from({ length: 4 }, () => openPostgres(db.url(), { max: 1 })));
    await Promise.all(pools.map((p) => p.end()));
    const { rows } = await pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe.skipIf(noPostgres)('PostgresControlStore', () => {
  it('pulls and releases kill switches, audits each change and bumps the version', async () => {
    const store = new PostgresControlStore(pool);
    const v0 = await store.version();
    const killed = await store.kill({ kind: 'origin', value: 'CN' }, 'cli:ops', 'policy review', 1_000);
    expect(killed).toEqual({ target: { kind: 'origin', value: 'CN' }, reason: 'policy review', actor: 'cli:ops', createdAt: 1_000 });
    await store.kill({ kind: 'provider', value: 'deepseek' }, 'admin-api', undefined, 2_000);
    // pulling one already in force changes nothing but the audit log
    expect(await store.kill({ kind: 'origin', value: 'CN' }, 'someone', 'again', 3_000)).toMatchObject({ actor: 'cli:ops', createdAt: 1_000 });
    expect((await store.listKills()).map((k) => `${k.target.kind}:${k.target.value}`)).toEqual(['origin:CN', 'provider:deepseek']);
    const v1 = await store.version();
    expect(v1).toBeGreaterThan(v0);
    expect(await store.unkill({ kind: 'origin', value: 'CN' }, 'cli:ops', 'done', 4_000)).toMatchObject({ target: { kind: 'origin', value: 'CN' } });
    expect(await store.unkill({ kind: 'model', value: 'nope' }, 'cli:ops', undefined, 5_000)).toBeUndefined();
    expect(await store.version()).toBeGreaterThan(v1);
    expect((await store.listKills()).map((k) => k.target.value)).toEqual(['deepseek']);
    const audit = await store.audit(10);
    expect(audit.map((a) => [a.action, a.target, a.actor])).toEqual([
      ['unkill', 'model:nope', 'cli:ops'],
      ['unkill', 'origin:CN', 'cli:ops'],
      ['kill', 'origin:CN', 'someone'],
      ['kill', 'provider:deepseek', 'admin-api'],
      ['kill', 'origin:CN', 'cli:ops'],
    ]);
    expect(audit[1]).toMatchObject({ ts: 4_000, reason: 'done' });
    expect(audit[3]).not.toHaveProperty('reason');
    expect(await store.audit(2)).toHaveLength(2);
  });
});

describe.skipIf(noPostgres)('PostgresKeyStore', () => {
  it('creates, finds by hash, lists and revokes keys, keeping only hashes', async () => {
    const keys = new PostgresKeyStore(pool);
    const before = await keys.issuedCount();
    const { key, record } = await issueKey(keys, { team: 'ops', budgetUsd: 5, rpm: 10, models: ['m'] }, 1_000);
    expect(record).toMatchObject({ team: 'ops', budgetUsd: 5, budgetPeriod: 'month', rpm: 10, models: ['m'], storeBodies: false, createdAt: 1_000 });
    expect(await keys.issuedCount()).toBe(before + 1);
    expect(await keys.findByHash(hashKey(key))).toMatchObject({ id: record.id, hash: hashKey(key) });
    expect(await keys.findByHash('0'.repeat(64))).toBeUndefined();
    expect((await keys.list()).map((k) => k.id)).toContain(record.id);
    expect(JSON.stringify(await keys.list())).not.toContain(key);
    expect(await keys.revoke(record.prefix, 2_000)).toMatchObject({ id: record.id, revokedAt: 2_000 });
    expect(await keys.revoke(record.id, 3_000)).toMatchObject({ revokedAt: 2_000 });
    expect(await keys.revoke('nobody', 3_000)).toBeUndefined();
    // a revoked key still counts: keys stay required once one was issued
    expect(await keys.issuedCount()).toBe(before + 1);
  });

  it('keeps an expiry, renames, and rotates an unrevoked key in place (issue 20)', async () => {
    const keys = new PostgresKeyStore(pool);
    const { key, record } = await issueKey(keys, { team: 'ops', name: 'a', budgetUsd: 3, expiresAt: 9_000_000_000_000 }, 1_000);
    expect(record.expiresAt).toBe(9_000_000_000_000);
    expect(await keys.rename(record.id, 'b')).toMatchObject({ id: record.id, name: 'b' });
    expect(await keys.rename(record.id, undefined)).not.toHaveProperty('name');
    expect(await keys.rename('nobody', 'x')).toBeUndefined();
    const rotated = await rotateKey(keys, record.id);
    expect(rotated!.record).toMatchObject({ id: record.id, budgetUsd: 3, expiresAt: 9_000_000_000_000, prefix: rotated!.key.slice(0, 10) });
    expect(await keys.findByHash(hashKey(key))).toBeUndefined();
    expect(await keys.findByHash(hashKey(rotated!.key))).toMatchObject({ id: record.id });
    await keys.revoke(record.id, 2_000);
    expect(await rotateKey(keys, record.id)).toBeUndefined();
  });

  it('sets, replaces, lists and removes team budgets', async () => {
    const keys = new PostgresKeyStore(pool);
    await keys.setTeamBudget({ team: 'ops', budgetUsd: 5, budgetPeriod: 'day', updatedAt: 1_000 });
    await keys.setTeamBudget({ team: 'ops', budgetUsd: 7, budgetPeriod: 'week', updatedAt: 2_000 });
    expect(await keys.teamBudget('ops')).toEqual({ team: 'ops', budgetUsd: 7, budgetPeriod: 'week', updatedAt: 2_000 });
    expect((await keys.teamBudgets()).map((b) => b.team)).toEqual(['ops']);
    expect(await keys.removeTeamBudget('ops')).toBe(true);
    expect(await keys.removeTeamBudget('ops')).toBe(false);
    expect(await keys.teamBudget('ops')).toBeUndefined();
  });
});
