import { callerOf } from '../auth/caller-of.js';
import type { Principal } from '../auth/key-record.js';
import { loadDefaultCatalog } from '../catalog/load-catalog.js';
import { MemoryDeploymentHealth } from '../routing/health/memory-deployment-health.js';
import type { ModelTable } from '../routing/model-table.js';
import type { Planner } from '../routing/plan-request.js';
import type { KillSwitch } from '../routing/policies/kill-switch.js';
import { PolicyRuntime } from '../routing/policies/policy-runtime.js';
import { buildProviders } from '../server/build-providers.js';
import { MissingStoreError, openAdminStores, type AdminStores } from '../server/open-admin-stores.js';
import { openCliStore, storagePlace } from './cli-store.js';
import type { CommandConfig } from './command-config.js';

/** A planner built as a gateway process builds its own, from the config and the state in its store. */
export interface StorePlanner {
  planner: Planner;
  models: ModelTable;
  kills: readonly KillSwitch[];
  /** What the CLI cannot see as a running process does, said with every explanation. */
  notes: string[];
  /** The caller of `--key` (id or printed prefix) or `--team` (see callerOf). */
  caller(who: { key?: string; team?: string }): Promise<Principal | undefined>;
  close(): Promise<void>;
}

/**
 * The gateway's planner, offline: the config's model table, policies and concentration caps, the kill
 * switches in its store, and the caps' shares read from its ledger over each cap's window. Health is the
 * one thing a command cannot read: each gateway process keeps its breakers, so every circuit is taken as
 * closed (and said so); POST /admin/route/explain asks a running gateway with its live health.
 */
export async function openStorePlanner(cc: CommandConfig, now = Date.now()): Promise<StorePlanner> {
  const { config } = cc;
  const notes: string[] = [];
  let stores: AdminStores;
  try {
    stores = await openCliStore(cc.target);
  } catch (err) {
    if (!(err instanceof MissingStoreError)) throw err;
    // nothing recorded yet: no keys, no kill switches, no traffic; an empty store in memory says just that
    notes.push(`no store yet at ${storagePlace(config.storage)}: no kill switches, keys or traffic to read`);
    stores = await openAdminStores({ kind: 'sqlite', path: ':memory:' });
  }
  let providers: ReturnType<typeof buildProviders> | undefined;
  try {
    providers = buildProviders(config, loadDefaultCatalog(config.catalogOverrides));
    const policy = new PolicyRuntime({ policies: config.policies, concentration: config.concentration, control: stores.control, now: () => now });
    await policy.start();
    policy.stop();
    if (policy.concentration) {
      for (const limit of config.concentration) {
        for (const row of await stores.usage.servedShares({ since: now - limit.windowMs, until: now + 1 })) {
          const subject = {
            providerId: row.provider ?? '',
            model: '',
            info: { providerType: '', ...(row.developer !== null && { developer: row.developer }), ...(row.origin !== null && { origin: row.origin }) },
          };
          policy.concentration.recordFor(limit, subject, { requests: row.requests, tokens: row.tokens, spend: row.costUsd });
        }
      }
      notes.push("concentration shares: from the ledger over each cap's window (a gateway process counts its own traffic since it started)");
    }
    notes.push('health: every circuit taken as closed, no latency medians (they live in the gateway processes; POST /admin/route/explain asks a running one)');
    if (config.routes.some((r) => r.strategy === 'weighted')) notes.push("weighted routes: one draw is shown; the gateway draws per request");
    const keys = stores.keys;
    const built = providers;
    return {
      planner: { models: providers.models, health: new MemoryDeploymentHealth(config.health), random: Math.random, policy },
      models: providers.models,
      // the switches the runtime read at its start: one read of the store, as a gateway process makes
      kills: policy.watcher.kills.switches,
      notes,
      caller: async (who) => callerOf(who, await keys.list(), await keys.teamBudgets()),
      close: async () => {
        await built.close();
        await stores.close();
      },
    };
  } catch (err) {
    await providers?.close();
    await stores.close();
    throw err;
  }
}
