import type { Logger } from 'pino';
import type { AttemptOutcome, DeploymentHealth, HealthSnapshot } from '../routing/health/deployment-health.js';
import { describeHealth, type DeploymentState } from '../routing/health/describe-health.js';

/**
 * Deployment health that says when a deployment changes state: a log line when a circuit opens, a provider
 * refuses the gateway's credentials (misconfigured), a rate limit starts a cool-down, and when it is well
 * again. Healthy deployments cost one Map lookup per outcome.
 */
export class LoggedHealth implements DeploymentHealth {
  /** The last state logged of each deployment not closed. */
  private readonly unwell = new Map<string, DeploymentState>();

  constructor(
    private readonly inner: DeploymentHealth,
    private readonly log: Logger,
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
    if (outcome.ok && !this.unwell.has(key)) return;
    const [view] = describeHealth([key], this.inner);
    if (!view) return;
    const before = this.unwell.get(key) ?? 'closed';
    if (view.state === before) return;
    if (view.state === 'closed') {
      this.unwell.delete(key);
      this.log.info({ deployment: key, was: before }, 'deployment serving again');
      return;
    }
    this.unwell.set(key, view.state);
    const fields = { deployment: key, state: view.state, lastError: view.last_error?.message, status: view.last_error?.status };
    if (view.state === 'misconfigured') this.log.error(fields, "provider refused the gateway's credentials: check this provider's api_key");
    else if (view.state === 'open') this.log.warn({ ...fields, until: view.open_until }, 'circuit opened: deployment paused after repeated failures');
    else if (view.state === 'cooling') this.log.warn({ ...fields, until: view.cooling_until }, 'rate limited: deployment cooling down');
  }
}
