import type { Registry } from 'prom-client';
import type { ClosedRequest, GenAiOperation, RequestAccount } from '../accounting/request-account.js';
import type { ProviderConfig } from '../config/gateway-config.js';
import type { ModelTable } from '../routing/model-table.js';
import { GenAiMetrics } from './genai-metrics.js';
import { ModelLabels } from './model-labels.js';
import type { Tracing } from './otlp-tracing.js';

export interface RequestTelemetryDeps {
  models: ModelTable;
  providers: readonly ProviderConfig[];
  /** Traces, when configured; without them no request does any tracing work. */
  tracing?: Tracing | undefined;
}

/**
 * What each chat and embeddings request reports about itself: the GenAI metrics when its account closes,
 * and, when tracing is configured, its spans (the account carries its trace to the plan's run).
 */
export class RequestTelemetry {
  private readonly genai: GenAiMetrics;
  readonly tracing: Tracing | undefined;

  constructor(registry: Registry, deps: RequestTelemetryDeps) {
    const listed = deps.models.list();
    const known = [...listed.map((m) => m.id), ...listed.flatMap((m) => m.deployments.map((d) => d.model))];
    this.genai = new GenAiMetrics(registry, new ModelLabels(known), new Map(deps.providers.map((p) => [p.id, p.type])));
    this.tracing = deps.tracing;
  }

  /** A new account, told what it asks of a model (none: not reported) and given its trace when tracing is on. */
  open(account: RequestAccount, operation: GenAiOperation | undefined): RequestAccount {
    if (!operation) return account;
    account.operation = operation;
    if (this.tracing) account.trace = this.tracing.start(operation);
    return account;
  }

  /** An account closed: record its metrics and end its trace. */
  closed(closed: ClosedRequest): void {
    this.genai.record(closed);
    closed.account.trace?.end(closed);
  }

  /** Export the spans still waiting and stop tracing (a gateway closing). */
  async shutdown(): Promise<void> {
    await this.tracing?.shutdown();
  }
}
