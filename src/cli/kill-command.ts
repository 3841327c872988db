import { userInfo } from 'node:os';
import { killTargetText, type KillSwitch } from '../routing/policies/kill-switch.js';
import { checkKillTarget } from './check-kill-target.js';
import { findStore, openCliStore, type CliStore } from './cli-store.js';
import { exitForKnownError } from './known-error.js';

export interface KillOptions {
  config?: string;
  reason?: string;
  actor?: string;
  format?: string;
  audit?: boolean;
  createStore?: boolean;
  /** Kill a name neither the config nor the catalog knows (yet). */
  force?: boolean;
}

/**
 * `switchyard kill|unkill <target>` and `switchyard kills`: pull, release and list kill switches on the
 * store of the config the one rule finds (cli-store.ts), the target checked against that config and the
 * catalog. Every gateway process on that store obeys within a second; each change is in the audit log with
 * who, when and why.
 */
export async function runKill(action: 'kill' | 'unkill' | 'list', opts: KillOptions, targetText?: string): Promise<number> {
  let store: CliStore;
  try {
    store = await openCliStore(findStore(opts.config), { create: action === 'kill' && opts.createStore === true, createFlag: action === 'kill' ? '--create-store' : undefined });
  } catch (err) {
    return exitForKnownError(err);
  }
  try {
    if (action === 'list') return await list(store, opts);
    const target = await checkKillTarget(action, targetText ?? '', opts, store.target.choice?.path, store.control);
    if (typeof target === 'number') return target;
    const actor = `cli:${opts.actor ?? safeUser()}`;
    if (action === 'kill') {
      const s = await store.control.kill(target, actor, opts.reason, Date.now());
      console.log(`Killed ${killTargetText(s.target)}: new requests avoid it within a second${s.reason ? ` (reason: ${s.reason})` : ''}.`);
      return 0;
    }
    const released = await store.control.unkill(target, actor, opts.reason, Date.now());
    if (!released) {
      console.error(`No kill switch on '${killTargetText(target)}' is in force.`);
      return 1;
    }
    console.log(`Released ${killTargetText(target)}.`);
    return 0;
  } finally {
    await store.close();
  }
}

async function list(store: CliStore, opts: KillOptions): Promise<number> {
  const kills = await store.control.listKills();
  const audit = opts.audit ? await store.control.audit(50) : undefined;
  if (opts.format === 'json') {
    console.log(JSON.stringify({ kills: kills.map(wire), ...(audit && { audit }) }, null, 2));
    return 0;
  }
  if (kills.length === 0) console.log('No kill switch is in force.');
  for (const s of kills) console.log(`${killTargetText(s.target).padEnd(28)} since ${iso(s.createdAt)} by ${s.actor}${s.reason ? ` — ${s.reason}` : ''}`);
  if (audit) {
    console.log('\nAudit log (newest first):');
    for (const a of audit) console.log(`${iso(a.ts)}  ${a.action.padEnd(6)} ${a.target.padEnd(28)} ${a.actor}${a.reason ? ` — ${a.reason}` : ''}`);
  }
  return 0;
}

function wire(s: KillSwitch) {
  return { target: killTargetText(s.target), reason: s.reason ?? null, actor: s.actor, created_at: s.createdAt };
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
