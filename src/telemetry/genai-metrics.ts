import type { Registry } from 'prom-client';
import type { ClosedRequest } from '../accounting/request-account.js';
import type { ModelLabels } from './model-labels.js';
import { semconvProviderName } from './semconv-provider-name.js';
import { SeriesCounter, SeriesHistogram, type CounterSeries, type HistogramSeries } from './series-metrics.js';

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

/** The series one kind of request records into, each made on first use. */
interface Bundle {
  /** The five GenAI label values. */
  base: string[];
  duration?: HistogramSeries;
  ttft?: HistogramSeries;
  input?: HistogramSeries;
  output?: HistogramSeries;
  cost?: CounterSeries;
}

/**
 * The OpenTelemetry GenAI semantic-convention metrics under their Prometheus names, and the cost, recorded
 * once per chat or embeddings request when its account closes:
 * - `gen_ai_client_token_usage` (histogram of tokens per request, by `gen_ai_token_type` input|output, and `origin`),
 * - `gen_ai_client_operation_duration_seconds` (histogram, with `error_type` on failures),
 * - `gen_ai_server_time_to_first_token_seconds` (histogram: first content of a stream, or the whole answer),
 * - `switchyard_cost_usd_total` (counter by provider, requested model and origin).
 * Every label is bounded: provider ids and types come from the config, model names through ModelLabels,
 * origins from the catalog, error types from the gateway's closed list of error codes. A request finds
 * its series with one map lookup (they are kept by label values), and records into them directly.
 */
export class GenAiMetrics {
  private readonly tokens: SeriesHistogram;
  private readonly duration: SeriesHistogram;
  private readonly ttft: SeriesHistogram;
  private readonly cost: SeriesCounter;
  private readonly bundles = new Map<string, Bundle>();

  constructor(
    registry: Registry,
    private readonly models: ModelLabels,
    /** Provider id → provider type, for requests no deployment served (the last one tried is named). */
    private readonly providerTypes: ReadonlyMap<string, string>,
  ) {
    this.tokens = new SeriesHistogram(
      'gen_ai_client_token_usage',
      'Tokens used per request (gen_ai.client.token.usage), by token type (input, output).',
      [...GENAI_LABELS, 'gen_ai_token_type', 'origin'],
      TOKEN_BUCKETS,
      registry,
    );
    this.duration = new SeriesHistogram(
      'gen_ai_client_operation_duration_seconds',
      'Time from the request to its settled end (gen_ai.client.operation.duration); error_type names the failure.',
      [...GENAI_LABELS, 'error_type'],
      DURATION_BUCKETS,
      registry,
    );
    this.ttft = new SeriesHistogram(
      'gen_ai_server_time_to_first_token_seconds',
      'Time to the first content of a successful answer (gen_ai.server.time_to_first_token): streamed, or whole.',
      GENAI_LABELS,
      TTFT_BUCKETS,
      registry,
    );
    this.cost = new SeriesCounter(
      'switchyard_cost_usd_total',
      "USD spent, as priced for the ledger, by provider, requested model and the model's country of origin.",
      ['provider', 'model', 'origin'],
      registry,
    );
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
    const error = closed.error?.code ?? '';
    const key = `${operation}\u0001${providerName}\u0001${requestModel}\u0001${responseModel}\u0001${provider}\u0001${origin}\u0001${error}`;
    let b = this.bundles.get(key);
    if (!b) this.bundles.set(key, (b = { base: [operation, providerName, requestModel, responseModel, provider] }));
    (b.duration ??= this.duration.series([...b.base, error])).observe((closed.endedAt - a.startedAt) / 1000);
    if (!closed.error && a.ttftMs !== undefined) (b.ttft ??= this.ttft.series(b.base)).observe(a.ttftMs / 1000);
    const input = a.usage?.inputTokens;
    const output = operation === 'chat' ? a.usage?.outputTokens : undefined;
    if (input !== undefined) (b.input ??= this.tokens.series([...b.base, 'input', origin])).observe(input);
    if (output !== undefined) (b.output ??= this.tokens.series([...b.base, 'output', origin])).observe(output);
    const cost = closed.priced.cost;
    if (cost !== undefined && d) (b.cost ??= this.cost.series([provider, requestModel, origin])).inc(cost);
  }
}
