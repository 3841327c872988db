import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { parseConfigText } from '../../src/config/load-config.js';

/** The `telemetry.otlp` section: its defaults, secrets from the environment, and every bad value named. */
function issuesOf(yaml: string): string[] {
  try {
    parseConfigText(yaml, 'test.yaml', {});
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  return [];
}

describe('telemetry config', () => {
  it('is off unless telemetry.otlp is set', () => {
    expect(parseConfigText('log_level: info\n', 'test.yaml', {}).telemetry).toBeUndefined();
    expect(parseConfigText('telemetry: {}\n', 'test.yaml', {}).telemetry).toBeUndefined();
  });

  it('takes the endpoint with its defaults, and headers from the environment', () => {
    const config = parseConfigText(
      'telemetry:\n  otlp:\n    endpoint: http://127.0.0.1:4318/v1/traces\n    headers: { x-honeycomb-team: "${HONEYCOMB_KEY}" }\n',
      'test.yaml',
      { HONEYCOMB_KEY: 'hc-secret' },
    );
    expect(config.telemetry).toEqual({
      otlp: {
        endpoint: 'http://127.0.0.1:4318/v1/traces',
        headers: { 'x-honeycomb-team': 'hc-secret' },
        serviceName: 'switchyard',
        captureContent: false,
        sampleRatio: 1,
      },
    });
  });

  it('keeps what is set', () => {
    const config = parseConfigText(
      'telemetry: { otlp: { endpoint: "https://otel.example.com/v1/traces", service_name: gw-eu, capture_content: true, sample_ratio: 0.25 } }\n',
      'test.yaml',
      {},
    );
    expect(config.telemetry?.otlp).toMatchObject({ serviceName: 'gw-eu', captureContent: true, sampleRatio: 0.25 });
  });

  it('names every bad value with its path', () => {
    const issues = issuesOf('telemetry: { otlp: { endpoint: "grpc://collector:4317", sample_ratio: 2, capture: true } }\n');
    expect(issues.some((i) => i.startsWith('telemetry.otlp.endpoint'))).toBe(true);
    expect(issues.some((i) => i.startsWith('telemetry.otlp.sample_ratio'))).toBe(true);
    expect(issues.some((i) => i.includes('capture'))).toBe(true);
    expect(issuesOf('telemetry: { otlp: { service_name: x } }\n').some((i) => i.includes('endpoint'))).toBe(true);
  });
});
