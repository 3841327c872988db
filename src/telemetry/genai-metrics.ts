import { Counter, Histogram, type Registry } from 'prom-client';
import type { ClosedRequest } from '../accounting/request-account.js';
import type { ModelLabels } from './model-labels.js';
import { semconvProviderName } from './semconv-provider-name.js';

/** `gen_ai.client.token.usage` buckets, as the GenAI semantic conventions advise. */
export const TOKEN_BUCKETS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];
/**
 * `gen_ai.client.operation.duration` buckets: the conventions' (0.01 s doubling to 81.92 s), continued to
 * 655.36 s, because streams through a gateway often run for minutes.
 */
export const DURATION_BUCKETS = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92, 163.84, 327.68, 655.36];
/** `gen_ai.server.time_to_first_token` buckets: the conventions' (1 ms to 10 s), then 20, 40 and 80 s for reasoning models. */
export const TTFT_BUCKETS = [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 20, 40, 80];

const GENAI_LABELS = ['gen_ai_operation_name', 'gen_ai_provider_name', 'gen_ai_request_model', 'gen_ai_response_model', 'provider'] as const;

type Observe = { observe(v: number): void };
type Inc = { inc(n: number): void };

/**
 * The OpenTelemetry GenAI semantic-convention metrics under their Prometheus names, and the cost, recorded
 * once per chat or embeddings request when its account closes:
 * - `gen_ai_client_token_usage` (histogram of tokens per request, by `gen_ai_token_type` input|output, and `origin`),
 * - `gen_ai_client_operation_duration_seconds` (histogram, with `error_type` on failures),
 * - `gen_ai_server_time_to_first_token_seconds` (histogram: first content of a stream, or the whole answer),
 * - `switchyard_cost_usd_total` (counter by provider, model and origin).
 * Every label is bounded: provider ids and types come from the config, model names through ModelLabels,
 * origins from the catalog, error types from the gateway's closed list of error codes.
 */
export class GenAiMetrics {
  private readonly tokens: Histogram<string>;
  private readonly duration: Histogram<string>;
  private readonly ttft: Histogram<string>;
  private readonly cost: Counter<string>;
  private readonly series = new Map<string, Observe | Inc>();

  constructor(
    registry: Registry,
    private readonly models: ModelLabels,
    /** Provider id → provider type, for requests no deployment served (the last one tried is named). */
    private readonly providerTypes: ReadonlyMap<string, string>,
  ) {
    this.tokens = new Histogram({
      name: 'gen_ai_client_token_usage',
      help: 'Tokens used per request (gen_ai.client.token.usage), by token type (input, output).',
      labelNames: [...GENAI_LABELS, 'gen_ai_token_type', 'origin'],
      buckets: TOKEN_BUCKETS,
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'gen_ai_client_operation_duration_seconds',
      help: 'Time from the request to its settled end (gen_ai.client.operation.duration); error_type names the failure.',
      labelNames: [...GENAI_LABELS, 'error_type'],
      buckets: DURATION_BUCKETS,
      registers: [registry],
    });
    this.ttft = new Histogram({
      name: 'gen_ai_server_time_to_first_token_seconds',
      help: 'Time to the first content of a successful answer (gen_ai.server.time_to_first_token): streamed, or whole.',
      labelNames: [...GENAI_LABELS],
      buckets: TTFT_BUCKETS,
      registers: [registry],
    });
    this.cost = new Counter({
      name: 'switchyard_cost_usd_total',
      help: 'USD spent, as priced for the ledger, by provider, requested model and the model\'s country of origin.',
      labelNames: ['provider', 'model', 'origin'],
      registers: [registry],
    });
  }

  /** Record a closed request; requests that ask no model (count_tokens) are left out. */
  record(closed: ClosedRequest): void {
    const a = closed.account;
    const operation = a.operation;
    if (!operation) return;
    const d = a.served;
    const provider = d?.providerId ?? a.attempts[a.attempts.length - 1]?.provider ?? '';
    const providerName = semconvProviderName(d?.info.providerType ?? this.providerTypes.get(provider));
    const requestModel = this.models.label(a.requestedModel, d !== undefined);
    const responseModel = d ? this.models.label(d.model, true) : '';
    const origin = d?.info.origin ?? '';
    const base = [operation, providerName, requestModel, responseModel, provider];
    const error = closed.error?.code ?? '';
    this.histogram(this.duration, [...base, error]).observe((closed.endedAt - a.startedAt) / 1000);
    if (!closed.error && a.ttftMs !== undefined) this.histogram(this.ttft, base).observe(a.ttftMs / 1000);
    const input = a.usage?.inputTokens;
    const output = operation === 'chat' ? a.usage?.outputTokens : undefined;
    if (input !== undefined) this.histogram(this.tokens, [...base, 'input', origin]).observe(input);
    if (output !== undefined) this.histogram(this.tokens, [...base, 'output', origin]).observe(output);
    const cost = closed.priced.cost;
    if (cost !== undefined && d) this.counter([provider, requestModel, origin]).inc(cost);
  }

  private histogram(metric: Histogram<string>, values: string[]): Observe {
    const key = `${metric === this.tokens ? 't' : metric === this.duration ? 'd' : 'f'}\u0001${values.join('\u0001')}`;
    let s = this.series.get(key) as Observe | undefined;
    if (!s) this.series.set(key, (s = metric.labels(...values)));
    return s;
  }

  private counter(values: string[]): Inc {
    const key = `c\u0001${values.join('\u0001')}`;
    let s = this.series.get(key) as Inc | undefined;
    if (!s) this.series.set(key, (s = this.cost.labels(...values)));
    return s;
  }
}
