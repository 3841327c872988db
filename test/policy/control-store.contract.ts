import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ControlStore } from '../../src/routing/policies/kill-switch.js';

/** What every ControlStore backend must do: the same suite runs on each. */
export function controlStoreContract(name: string, open: () => Promise<{ store: ControlStore; close: () => Promise<void> }>): void {
  describe(`ControlStore contract: ${name}`, () => {
    let store: ControlStore;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ store, close } = await open());
    });
    afterEach(async () => {
      await close();
    });

    it('pulls, lists and releases switches, bumping the version on each change', async () => {
      const v0 = await store.version();
      const s = await store.kill({ kind: 'provider', value: 'deepseek' }, 'cli:alice', 'sanctions', 1000);
      expect(s).toEqual({ target: { kind: 'provider', value: 'deepseek' }, reason: 'sanctions', actor: 'cli:alice', createdAt: 1000 });
      const v1 = await store.version();
      expect(v1).not.toBe(v0);
      await store.kill({ kind: 'origin', value: 'CN' }, 'admin-api', undefined, 2000);
      expect((await store.listKills()).map((k) => `${k.target.kind}:${k.target.value}`)).toEqual(['provider:deepseek', 'origin:CN']);
      const released = await store.unkill({ kind: 'provider', value: 'deepseek' }, 'cli:bob', 'cleared', 3000);
      expect(released?.reason).toBe('sanctions');
      expect(await store.unkill({ kind: 'provider', value: 'deepseek' }, 'cli:bob', undefined, 3001)).toBeUndefined();
      expect((await store.listKills()).map((k) => k.target.value)).toEqual(['CN']);
      expect(await store.version()).not.toBe(v1);
    });

    it('pulling a switch already in force keeps the first one and still audits', async () => {
      await store.kill({ kind: 'model', value: 'm' }, 'a', 'first', 1);
      const again = await store.kill({ kind: 'model', value: 'm' }, 'b', 'second', 2);
      expect(again).toMatchObject({ actor: 'a', reason: 'first', createdAt: 1 });
      expect(await store.listKills()).toHaveLength(1);
      const audit = await store.audit(10);
      expect(audit.map((e) => [e.action, e.target, e.actor, e.reason])).toEqual([
        ['kill', 'model:m', 'b', 'second'],
        ['kill', 'model:m', 'a', 'first'],
      ]);
    });

    it('keeps an audit entry for every change, newest first, limited', async () => {
      await store.kill({ kind: 'developer', value: 'moonshot' }, 'x', undefined, 10);
      await store.unkill({ kind: 'developer', value: 'moonshot' }, 'y', 'done', 20);
      const audit = await store.audit(1);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ ts: 20, action: 'unkill', target: 'developer:moonshot', actor: 'y', reason: 'done' });
      expect((await store.audit(10))[1]).not.toHaveProperty('reason');
    });
  });
}
