import type { Logger } from 'pino';
import type { AttemptOutcome, DeploymentHealth, HealthSnapshot } from '../routing/health/deployment-health.js';
import { healthView, type DeploymentState } from '../routing/health/describe-health.js';
import { LruMap } from '../routing/health/lru-map.js';

/** Deployments whose state is followed at most (clients may name `provider/<anything>`). */
const MAX_FOLLOWED = 10_000;
/** A state that comes and goes with the provider's mood (a rate limit) is logged at most this often. */
const COOLING_LOG_MS = 60_000;

/**
 * Deployment health that says when a deployment changes state: a log line when a circuit opens, a provider
 * refuses the gateway's credentials (misconfigured) or a rate limit starts a cool-down (at most once a
 * minute per deployment), and when an open or misconfigured one serves again. A healthy deployment's
 * outcome costs one Map lookup, a request's own error none.
 */
export class LoggedHealth implements DeploymentHealth {
  /** The last state logged of each deployment not closed. */
  private readonly unwell = new LruMap<string, DeploymentState>(MAX_FOLLOWED);
  private readonly cooledLogged = new LruMap<string, number>(MAX_FOLLOWED);

  constructor(
    private readonly inner: DeploymentHealth,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  get panic(): boolean {
    return this.inner.panic;
  }

  snapshot(key: string): HealthSnapshot {
    return this.inner.snapshot(key);
  }

  tryAcquire(key: string): boolean {
    return this.inner.tryAcquire(key);
  }

  keys(): string[] {
    return this.inner.keys();
  }

  record(key: string, outcome: AttemptOutcome): void {
    this.inner.record(key, outcome);
    if (outcome.ok ? !this.unwell.has(key) : outcome.effect === 'none') return;
    const view = healthView(key, this.inner.snapshot(key));
    const was = this.unwell.get(key) ?? 'closed';
    if (view.state === was) return;
    if (view.state === 'closed') {
      this.unwell.delete(key);
      if (was === 'open' || was === 'half-open' || was === 'misconfigured') this.log.info({ deployment: key, was }, 'deployment serving again');
      return;
    }
    this.unwell.set(key, view.state);
    const fields = { deployment: key, state: view.state, lastError: view.last_error?.message, status: view.last_error?.status };
    if (view.state === 'misconfigured') this.log.error(fields, "provider refused the gateway's credentials: check this provider's api_key");
    else if (view.state === 'open') this.log.warn({ ...fields, until: view.open_until }, 'circuit opened: deployment paused after repeated failures');
    else if (view.state === 'cooling') {
      const now = this.now();
      if (now - (this.cooledLogged.get(key) ?? -Infinity) < COOLING_LOG_MS) return;
      this.cooledLogged.set(key, now);
      this.log.warn({ ...fields, until: view.cooling_until }, 'rate limited: deployment cooling down (logged at most once a minute)');
    }
  }
}
