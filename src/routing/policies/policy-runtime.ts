import type { Principal } from '../../auth/key-record.js';
import { ConcentrationTracker, type ConcentrationLimit } from './concentration.js';
import type { KillSubject } from './kill-set.js';
import type { ControlStore } from './kill-switch.js';
import { KillSwitchWatcher, type ChangeSignal } from './kill-switch-watcher.js';
import { isEmptyPolicySet, policiesFor, type PolicySet } from './policy.js';
import type { RoutePolicy } from './route-policy.js';

export interface PolicyRuntimeOptions {
  policies: PolicySet;
  concentration: readonly ConcentrationLimit[];
  control: ControlStore;
  now?: () => number;
  onError?: (err: unknown) => void;
  pollMs?: number;
}

/**
 * A gateway process's live policy state: the configured policies, the kill switches as last read from the
 * shared store, and this process's traffic shares for the concentration caps. The request path asks it for
 * one caller's RoutePolicy; nothing here touches the store on that path.
 */
export class PolicyRuntime {
  readonly watcher: KillSwitchWatcher;
  readonly concentration: ConcentrationTracker | undefined;
  private readonly policies: PolicySet;
  private readonly noPolicies: boolean;

  constructor(opts: PolicyRuntimeOptions) {
    this.policies = opts.policies;
    this.noPolicies = isEmptyPolicySet(opts.policies);
    this.watcher = new KillSwitchWatcher(opts.control, opts.onError, opts.pollMs);
    this.concentration = opts.concentration.length > 0 ? new ConcentrationTracker(opts.concentration, opts.now) : undefined;
  }

  start(signal?: ChangeSignal): Promise<void> {
    return this.watcher.start(signal);
  }

  stop(): void {
    this.watcher.stop();
  }

  /** What binds this caller's next request; undefined when nothing does (no policy, switch or cap). */
  forCaller(principal: Principal | undefined): RoutePolicy | undefined {
    const kills = this.watcher.kills;
    if (this.noPolicies && kills.size === 0 && !this.concentration) return undefined;
    const caller = principal && {
      ...(principal.team !== undefined && { team: principal.team }),
      ...(principal.keyId !== undefined && { keyId: principal.keyId }),
      ...(principal.record !== undefined && { keyPrefix: principal.record.prefix }),
    };
    return {
      policies: this.noPolicies ? [] : policiesFor(this.policies, caller),
      kills,
      ...(this.concentration && { concentration: this.concentration }),
    };
  }

  /** A deployment was sent a request. */
  noteSent(d: KillSubject): void {
    this.concentration?.record(d, { requests: 1 });
  }

  /** What a served request used, once known. */
  noteSettled(d: KillSubject, tokens: number | undefined, spend: number | undefined): void {
    if (!this.concentration) return;
    this.concentration.record(d, { ...(tokens !== undefined && { tokens }), ...(spend !== undefined && { spend }) });
  }
}
