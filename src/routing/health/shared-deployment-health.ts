import { randomUUID } from 'node:crypto';
import { CHANNELS, type Notifier } from '../../ledger/notifier.js';
import type { AttemptOutcome, DeploymentHealth, HealthSnapshot } from './deployment-health.js';
import type { MemoryDeploymentHealth } from './memory-deployment-health.js';

interface BreakerMessage {
  from: string;
  key: string;
  openUntil?: number;
  coolingUntil?: number;
  /** A success ended the deployment's cool-down. */
  cooled?: true;
  closed?: true;
}

/**
 * Deployment health shared between processes: each process keeps its own breakers and medians (planning
 * stays synchronous), and announces every circuit it opens or closes, and every cool-down a rate limit
 * starts, on the notifier's health channel, so the others open, close or cool theirs at once. With Redis, one process's finding that a provider is down spares
 * every other process its own string of failures. Latency medians stay per process.
 */
export class SharedDeploymentHealth implements DeploymentHealth {
  private readonly id = randomUUID();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly local: MemoryDeploymentHealth,
    private readonly notifier: Notifier,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  async start(): Promise<void> {
    this.unsubscribe = await this.notifier.subscribe(CHANNELS.health, (text) => this.receive(text));
  }

  stop(): void {
    this.unsubscribe?.();
  }

  get panic(): boolean {
    return this.local.panic;
  }

  snapshot(key: string): HealthSnapshot {
    return this.local.snapshot(key);
  }

  tryAcquire(key: string): boolean {
    return this.local.tryAcquire(key);
  }

  keys(): string[] {
    return this.local.keys();
  }

  record(key: string, outcome: AttemptOutcome): void {
    const before = this.local.circuit(key);
    const coolingBefore = this.local.coolingUntil(key);
    this.local.record(key, outcome);
    const after = this.local.circuit(key);
    const coolingAfter = this.local.coolingUntil(key);
    // every 429 moves the end a little: told only when it moves by a second or more, or ends early
    if (coolingAfter !== undefined && (coolingBefore === undefined || coolingAfter - coolingBefore >= 1_000)) {
      this.announce({ from: this.id, key, coolingUntil: coolingAfter });
    } else if (coolingBefore !== undefined && coolingAfter === undefined && outcome.ok) this.announce({ from: this.id, key, cooled: true });
    if (after.state === 'open' && after.openUntil !== undefined && (before.state !== 'open' || before.openUntil !== after.openUntil)) {
      this.announce({ from: this.id, key, openUntil: after.openUntil });
    } else if (after.state === 'closed' && before.state !== 'closed') {
      this.announce({ from: this.id, key, closed: true });
    }
  }

  private announce(message: BreakerMessage): void {
    this.notifier.publish(CHANNELS.health, JSON.stringify(message)).catch(this.onError);
  }

  private receive(text: string): void {
    let m: BreakerMessage;
    try {
      m = JSON.parse(text) as BreakerMessage;
    } catch {
      return;
    }
    if (typeof m !== 'object' || m === null || m.from === this.id || typeof m.key !== 'string') return;
    if (m.closed) this.local.applyRemote(m.key, { closed: true });
    else if (m.cooled) this.local.applyRemote(m.key, { cooled: true });
    else if (typeof m.coolingUntil === 'number') this.local.applyRemote(m.key, { coolingUntil: m.coolingUntil });
    else if (typeof m.openUntil === 'number') this.local.applyRemote(m.key, { openUntil: m.openUntil });
  }
}
