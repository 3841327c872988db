import type { ConfigFile } from './config-schema.js';
import { DEFAULT_SERVICE_NAME, type OtlpConfig } from './gateway-config.js';

/** The `telemetry.otlp` section with its defaults: service `switchyard`, no content captured, every request traced. */
export function resolveOtlp(otlp: NonNullable<NonNullable<ConfigFile['telemetry']>['otlp']>): OtlpConfig {
  return {
    endpoint: otlp.endpoint,
    headers: { ...otlp.headers },
    serviceName: otlp.service_name ?? DEFAULT_SERVICE_NAME,
    captureContent: otlp.capture_content ?? false,
    sampleRatio: otlp.sample_ratio ?? 1,
  };
}
