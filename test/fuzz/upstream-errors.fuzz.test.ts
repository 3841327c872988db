import { describe, it } from 'vitest';
import { checkGatewayError, InvariantViolation, leaksSecret, violation } from './support/invariants.js';
import { minifyJson } from './support/minify-json.js';
import { FUZZ_TEST_TIMEOUT_MS, ownFixtures, runFuzzTarget, scriptsUnder } from './support/run-target.js';
import { API_KEY, SECRETS, SHORT_KEY, secretTokens } from './support/secrets.js';
import { jsonDictionary } from './support/vocabulary.js';

/**
 * Upstream error mapping: a provider's error answer (any status, any Retry-After, any body) through
 * mapUpstreamError, mapGeminiError, the in-band error readers (mapInBandError, mapAnthropicErrorEvent) and
 * redactSecrets itself. Each must return a well-formed GatewayError without throwing, and no credential of
 * the provider may survive into its message, whatever disguise the body puts it in.
 *
 * Input layout: byte 0 picks the status, byte 1 the Retry-After header; the rest is the body.
 */
const STATUSES = [400, 401, 402, 403, 404, 408, 409, 413, 422, 429, 500, 502, 503, 504, 529, 200, 0, 99, 600, 999];
const RETRY_AFTER: Array<string | string[] | undefined> = [
  undefined, '0', '5', '120', '-1', '1e400', '1.5', ' 7 ', '', 'soon', '0x10', 'Wed, 21 Oct 2015 07:28:00 GMT',
  'Fri, 01 Jan 2100 00:00:00 GMT', ['3', '4'], [], '9'.repeat(400),
];
const LONG_KEY = `lk-${'0123456789abcdefghijklmnopqrstuvwxyz'.repeat(3)}-end`;
const REDACT_SECRETS = [API_KEY, SHORT_KEY, LONG_KEY];

function statusOf(byte: number): number {
  return byte < 128 ? STATUSES[byte % STATUSES.length]! : 100 + (byte - 128) * 4;
}

function withSecrets(text: string): string {
  return text.replace(/sk-[A-Za-z0-9_-]{6,}/g, API_KEY).replace(/AIza[A-Za-z0-9_-]+/g, API_KEY);
}

function seeds(): Buffer[] {
  const bodies = ['openai-compatible', 'anthropic', 'gemini'].flatMap((p) => ownFixtures(p, '.json').filter((_, i) => i < 99)).map(minifyJson);
  const errorBodies = bodies.filter((b) => b.includes('error')).map(withSecrets);
  const extra = [
    `{"error":{"message":"bad key ${API_KEY.toUpperCase()} and ${Buffer.from(API_KEY).toString('base64')}","code":401}}`,
    `{"error":{"message":"echo \\u0073k-fuzz-SECRET-0123456789abcdefXYZ"}}`,
    `[{"error":{"code":429,"message":"slow down","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"34.4s"}]}}]`,
    `{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","details":[{"reason":"API_KEY_INVALID"}]}}`,
    `{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`,
    `<html><body>502 Bad Gateway ${API_KEY}</body></html>`,
    `{"detail":[{"msg":"field required ${SHORT_KEY}"}]}`,
    `{"error_msg":"x","message":{"error":{"detail":"${LONG_KEY}"}}}`,
  ];
  return [...errorBodies, ...extra].flatMap((body, i) => [Buffer.concat([Buffer.from([i, i % RETRY_AFTER.length]), Buffer.from(body)])]);
}

const KEYS = ['error', 'message', 'code', 'status', 'type', 'details', '@type', 'retryDelay', 'reason', 'detail', 'msg', 'error_msg', 'param'];
const STRINGS = [
  'invalid_request_error', 'authentication_error', 'rate_limit_error', 'overloaded_error', 'api_error', 'not_found_error',
  'constructor', '__proto__', 'toString', 'type.googleapis.com/google.rpc.RetryInfo', 'API_KEY_INVALID', 'API key not valid',
  '12s', '0.5s', '1e400s', '-3s', ...secretTokens([API_KEY, SHORT_KEY, LONG_KEY]),
];

describe('fuzz: upstream errors', () => {
  it(
    'error mapping returns a well-formed GatewayError and never repeats a credential',
    async () => {
      await runFuzzTarget({
        name: 'upstream-errors',
        runs: 20_000,
        maxLen: 4096,
        covers: scriptsUnder('src/'),
        seeds: seeds(),
        dictionary: jsonDictionary(KEYS, STRINGS),
        load: async () => {
          const { GatewayError } = await import('../../src/spec/gateway-error.js');
          const { mapUpstreamError } = await import('../../src/providers/toolkit/map-upstream-error.js');
          const { mapGeminiError } = await import('../../src/providers/gemini/map-gemini-error.js');
          const { mapInBandError } = await import('../../src/providers/toolkit/map-in-band-error.js');
          const { mapAnthropicErrorEvent } = await import('../../src/providers/anthropic/map-anthropic-error-event.js');
          const { redactSecrets } = await import('../../src/providers/toolkit/redact-secrets.js');
          const { asObject } = await import('../../src/providers/toolkit/json-shapes.js');

          const mapped = (what: string, make: () => unknown) => {
            let error: unknown;
            try {
              error = make();
            } catch (err) {
              throw new InvariantViolation(`${what} threw instead of returning an error: ${(err as Error)?.message}`, { cause: err });
            }
            violation(error instanceof GatewayError, () => `${what} returned ${String(error)}`);
            checkGatewayError(error as InstanceType<typeof GatewayError>, { secrets: SECRETS });
            violation((error as Error).message.length <= 2300, () => `${what}: a message of ${(error as Error).message.length} characters`);
          };

          return (input) => {
            if (input.length < 2) return;
            const status = statusOf(input[0]!);
            const retryAfter = RETRY_AFTER[input[1]! % RETRY_AFTER.length];
            const bodyText = input.subarray(2).toString('utf8');
            const failure = { providerId: 'p', status, headers: { 'retry-after': retryAfter }, bodyText, secrets: SECRETS };
            mapped('mapUpstreamError', () => mapUpstreamError(failure));
            mapped('mapGeminiError', () => mapGeminiError(failure));

            let parsed: unknown;
            try {
              parsed = JSON.parse(bodyText);
            } catch {
              parsed = undefined;
            }
            const body = asObject(Array.isArray(parsed) ? parsed[0] : parsed);
            if (body) {
              mapped('mapInBandError', () => mapInBandError('p', body.error, SECRETS));
              mapped('mapInBandError (Gemini)', () => mapInBandError('p', body.error, SECRETS, mapGeminiError));
              mapped('mapAnthropicErrorEvent', () => mapAnthropicErrorEvent('p', body, SECRETS));
            }

            const redacted = redactSecrets(bodyText, REDACT_SECRETS);
            for (const secret of REDACT_SECRETS) {
              violation(!leaksSecret(redacted, secret, secret.length > 256 ? 13 : 10), () => `redactSecrets left a credential: ${JSON.stringify(redacted.slice(0, 300))}`);
            }
          };
        },
      });
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
