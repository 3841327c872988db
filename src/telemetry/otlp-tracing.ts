import type { Logger } from 'pino';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { GenAiOperation } from '../accounting/request-account.js';
import type { OtlpConfig, ProviderConfig } from '../config/gateway-config.js';
import type { RequestTrace } from './request-trace.js';
import { RequestSpan } from './request-span.js';

/** Longest one export request may take, and longest a shutdown waits for the last export, ms. */
const EXPORT_TIMEOUT_MS = 5_000;
/** Ended spans are exported at least this often, ms. */
const EXPORT_EVERY_MS = 2_000;
/** Export failures are logged at most this often, ms. */
const REPORT_EVERY_MS = 60_000;

/** Traces of requests, exported over OTLP/HTTP. */
export interface Tracing {
  /** Start a request's trace (its span starts now). */
  start(operation: GenAiOperation): RequestTrace;
  /** Export every span ended so far; resolves when the collector has answered (or the export timed out). */
  flush(): Promise<void>;
  /** Export what is left, then stop; waits at most a few seconds for the collector. */
  shutdown(): Promise<void>;
}

/**
 * OpenTelemetry tracing with the JS SDK: a BasicTracerProvider of its own (nothing is registered globally),
 * spans sampled by trace id at `sampleRatio`, batched, and sent as OTLP/HTTP JSON to `endpoint` with the
 * configured headers (which are never logged). The resource names the service and its version.
 */
export function createOtlpTracing(config: OtlpConfig, providers: readonly ProviderConfig[], version: string, log?: Logger): Tracing {
  const exporter = reportFailures(
    new OTLPTraceExporter({ url: config.endpoint, headers: { ...config.headers }, timeoutMillis: EXPORT_TIMEOUT_MS }),
    log,
  );
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName, [ATTR_SERVICE_VERSION]: version }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(config.sampleRatio) }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: EXPORT_EVERY_MS, exportTimeoutMillis: EXPORT_TIMEOUT_MS })],
  });
  const tracer = provider.getTracer('switchyard', version);
  const addresses = new Map(providers.map((p) => [p.id, addressOf(p.baseUrl)]));
  const settings = { captureContent: config.captureContent, addressOf: (id: string) => addresses.get(id) };
  let stopped: Promise<void> | undefined;
  return {
    start: (operation) => new RequestSpan(tracer, settings, operation),
    flush: () => provider.forceFlush({ timeoutMillis: EXPORT_TIMEOUT_MS }),
    shutdown: () =>
      (stopped ??= Promise.race([
        provider.shutdown().catch((err: unknown) => log?.warn({ err: { message: String((err as Error)?.message ?? err) } }, 'tracing shutdown failed')),
        new Promise<void>((resolve) => setTimeout(resolve, EXPORT_TIMEOUT_MS + 1_000).unref()),
      ])),
  };
}

/** Host and port of a provider's base URL, for `server.address` and `server.port`. */
function addressOf(baseUrl: string): { address: string; port: number } | undefined {
  try {
    const url = new URL(baseUrl);
    const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    return { address: url.hostname.replace(/^\[|\]$/g, ''), port };
  } catch {
    return undefined;
  }
}

/** The exporter, with failed exports logged (at most once a minute): the collector's answer, never its headers. */
function reportFailures(exporter: SpanExporter, log: Logger | undefined): SpanExporter {
  let last = -Infinity;
  let failed = 0;
  return {
    export(spans, done) {
      exporter.export(spans, (result) => {
        // ExportResultCode.SUCCESS is 0
        if (result.code !== 0) {
          failed += spans.length;
          const now = Date.now();
          if (now - last >= REPORT_EVERY_MS) {
            last = now;
            log?.warn({ spans: failed, err: { message: String(result.error?.message ?? 'export failed') } }, 'could not export traces to the OTLP endpoint');
            failed = 0;
          }
        }
        done(result);
      });
    },
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
  };
}
