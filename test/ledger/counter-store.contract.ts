import { describe, expect, it } from 'vitest';
import { admit, finish, type CounterStore, type SpendLoader } from '../../src/ledger/counter-store.js';

export interface CountersUnderTest {
  store: CounterStore;
  close(): Promise<void>;
}

/** A fresh, empty store of the backend under test, reading committed spend from `loader`. */
export type OpenCounters = (loader: SpendLoader) => Promise<CountersUnderTest>;

const T0 = 1_767_225_600_000;

/** What every counter store does (in-process and Redis alike). */
export function counterStoreContract(name: string, open: OpenCounters): void {
  describe(`counter store contract: ${name}`, () => {
    const withStore = async (test: (store: CounterStore, loads: string[]) => Promise<void>, spent = 0) => {
      const loads: string[] = [];
      const c = await open(async (scope, since) => {
        loads.push(`${scope}@${since}`);
        return spent;
      });
      try {
        await test(c.store, loads);
      } finally {
        await c.close();
      }
    };

    it('counts requests in a sliding minute and refuses past the limit without counting the refusal', () =>
      withStore(async (s) => {
        for (let i = 0; i < 3; i++) expect(await s.takeRequest('key:a', 3, T0 + i * 10_000)).toEqual({ ok: true });
        const refused = await s.takeRequest('key:a', 3, T0 + 30_000);
        expect(refused).toEqual({ ok: false, retryAfterSeconds: 30 });
        // another scope has its own window
        expect(await s.takeRequest('key:b', 3, T0 + 30_000)).toEqual({ ok: true });
        // the first request leaves the window a minute after it was counted
        expect((await s.takeRequest('key:a', 3, T0 + 59_500)).ok).toBe(false);
        expect(await s.takeRequest('key:a', 3, T0 + 60_000)).toEqual({ ok: true });
        expect((await s.takeRequest('key:a', 3, T0 + 60_500)).ok).toBe(false);
      }));

    it('compares tokens counted in the sliding minute with a limit', () =>
      withStore(async (s) => {
        expect(await s.checkTokens('key:t', 150, T0)).toEqual({ ok: true });
        await s.addTokens('key:t', 100, T0);
        expect(await s.checkTokens('key:t', 150, T0 + 1_000)).toEqual({ ok: true });
        await s.addTokens('key:t', 60, T0 + 20_000);
        expect(await s.checkTokens('key:t', 150, T0 + 21_000)).toEqual({ ok: false, retryAfterSeconds: 39 });
        expect(await s.checkTokens('key:t', 150, T0 + 60_000)).toEqual({ ok: true });
      }));

    it('is exact under concurrency: 200 requests at once against a limit of 50', () =>
      withStore(async (s) => {
        const all = await Promise.all(Array.from({ length: 200 }, () => s.takeRequest('key:c', 50, T0)));
        expect(all.filter((d) => d.ok)).toHaveLength(50);
      }));

    it('reserves against the committed spend read from the ledger, and settles to the real cost', () =>
      withStore(async (s, loads) => {
        const a = await s.reserve('key:b', T0, 1, 0.3);
        expect(a.ok).toBe(true);
        // the refusal tells the committed spend and what requests in flight hold reserved
        expect(await s.reserve('key:b', T0, 1, 0.3)).toEqual({ ok: false, spent: 0.5, reserved: 0.3, limit: 1 });
        expect(loads).toEqual([`key:b@${T0}`]);
        if (!a.ok) return;
        await s.settle(a.reservationId, 0.1);
        const b = await s.reserve('key:b', T0, 1, 0.35);
        expect(b.ok).toBe(true);
        const refused = await s.reserve('key:b', T0, 1, 0.1);
        expect(refused.ok).toBe(false);
        if (!refused.ok) expect(refused.spent).toBeCloseTo(0.6, 12);
        if (!refused.ok) expect(refused.reserved).toBeCloseTo(0.35, 12);
        // an unknown cost releases the reservation and adds nothing
        if (b.ok) await s.settle(b.reservationId, undefined);
        expect((await s.reserve('key:b', T0, 1, 0.4)).ok).toBe(true);
        // a new period reads its own spend
        expect((await s.reserve('key:b', T0 + 86_400_000, 1, 0.5)).ok).toBe(true);
        expect(loads).toEqual([`key:b@${T0}`, `key:b@${T0 + 86_400_000}`]);
      }, 0.5));

    it('never lets concurrent reservations overspend: 100 at once, room for 40', () =>
      withStore(async (s) => {
        const all = await Promise.all(Array.from({ length: 100 }, () => s.reserve('key:r', T0, 10, 0.25)));
        expect(all.filter((d) => d.ok)).toHaveLength(40);
      }));

    it('admits a request in one step: rpm, then tpm, then budget, stopping at the first refusal', () =>
      withStore(async (s, loads) => {
        const budget = { periodStart: T0, limit: 1, amount: 0.4 };
        const a = await admit(s, { scope: 'key:ad', now: T0, rpm: 2, tpm: 100, budget });
        expect(a.ok && a.reservationId !== undefined).toBe(true);
        expect(loads).toEqual([`key:ad@${T0}`]);
        // the budget refuses; the request was counted against rpm, as separate calls count it
        expect(await admit(s, { scope: 'key:ad', now: T0, rpm: 2, budget: { ...budget, amount: 0.7 } })).toEqual({
          ok: false,
          refused: 'budget',
          spent: 0.2,
          reserved: 0.4,
          limit: 1,
        });
        // rpm refuses before anything is reserved
        expect(await admit(s, { scope: 'key:ad', now: T0 + 1_000, rpm: 2, budget })).toEqual({ ok: false, refused: 'rpm', retryAfterSeconds: 59 });
        expect((await s.reserve('key:ad', T0, 1, 0.4)).ok).toBe(true); // 0.2 spent + 0.4 + 0.4: nothing else reserved
        // settle the first request and count its tokens in one step
        if (a.ok) await finish(s, { reservationId: a.reservationId, actual: 0.1, tokens: { scope: 'key:ad', tokens: 120, now: T0 } });
        expect(await admit(s, { scope: 'key:ad', now: T0 + 2_000, tpm: 100 })).toEqual({ ok: false, refused: 'tpm', retryAfterSeconds: 58 });
        const refused = await admit(s, { scope: 'key:ad', now: T0, budget: { ...budget, amount: 0.35 } });
        expect(refused.ok).toBe(false);
        if (!refused.ok && refused.refused === 'budget') expect(refused.spent).toBeCloseTo(0.3, 12);
        if (!refused.ok && refused.refused === 'budget') expect(refused.reserved).toBeCloseTo(0.4, 12);
        // nothing asked: admitted, no reservation
        expect(await admit(s, { scope: 'key:ad', now: T0 })).toEqual({ ok: true });
        // tokens alone
        await finish(s, { tokens: { scope: 'key:ad2', tokens: 50, now: T0 } });
        expect((await admit(s, { scope: 'key:ad2', now: T0, tpm: 50 })).ok).toBe(false);
      }, 0.2));

    it('admits exactly under concurrency: 300 at once, 30 allowed by rpm, each reserving', () =>
      withStore(async (s) => {
        const all = await Promise.all(
          Array.from({ length: 300 }, () => admit(s, { scope: 'key:ac', now: T0, rpm: 30, budget: { periodStart: T0, limit: 10, amount: 0.25 } })),
        );
        expect(all.filter((d) => d.ok)).toHaveLength(30);
        // 30 × 0.25 reserved: room for 10 more
        const more = await Promise.all(Array.from({ length: 20 }, () => s.reserve('key:ac', T0, 10, 0.25)));
        expect(more.filter((d) => d.ok)).toHaveLength(10);
      }));
  });
}
