import { describe, it } from 'vitest';
import { expectGatewayError, violation } from './support/invariants.js';
import { FUZZ_TEST_TIMEOUT_MS, runFuzzTarget, scriptsUnder } from './support/run-target.js';

/**
 * The admin doors' decoders, on the same input read four ways: as a JSON body (parseNewKey for
 * `POST /admin/keys`; the kill-switch body's target through parseKillTarget), as a path part
 * (decodePathPart, as `/admin/keys/<id>` and `/admin/kills/<target>` decode it), and as a query string
 * (reportOptionsFromQuery and reportRange, as `/admin/reports/<name>?since=...` reads it). Bad input must
 * end as a 4xx GatewayError or a ReportOptionError (which the route answers with a 400), nothing else.
 */
const NOW = Date.UTC(2026, 0, 15, 12);

const SEEDS = [
  '{"team":"legal","name":"ci","budget_usd":50,"budget_period":"month","rpm":600,"tpm":100000,"models":["gpt-5"],"store_bodies":true}',
  '{"team":"x"}',
  '{"target":"provider:deepseek","reason":"incident 42","actor":"alice"}',
  '{"target":"origin:cn"}',
  'since=7d&until=2025-06-01&by=team&baseline=openai/gpt-5',
  'since=2025-06-01T12:00:00Z&until=2025-06-02 13:00:00+02:00&by=model',
  'since=12h',
  'provider%3Adeepseek',
  'model:qwen%2Fqwen3-32b',
  '%E0%A4%A',
];
const DICTIONARY = [
  '"team":', '"name":', '"budget_usd":', '"budget_period":', '"rpm":', '"tpm":', '"models":', '"store_bodies":', '"target":', '"reason":',
  '"actor":', 'day', 'week', 'month', 'provider:', 'developer:', 'origin:', 'model:', 'since=', 'until=', 'by=', 'baseline=', '&', '=',
  '%', '%25', '%3A', '%2F', '%00', '%E0%A4%A8', '%FF', 'd', 'h', '999999999', '2025-06-01', 'T12:00:00Z', '+14:00', '-00:00', ' ',
  '1e400', '-1', '0', 'null', '[]', '{}',
];

describe('fuzz: admin requests', () => {
  it(
    'admin bodies, path parts and report queries: a 4xx GatewayError, a ReportOptionError, or a valid value',
    async () => {
      await runFuzzTarget({
        name: 'admin-requests',
        runs: 20_000,
        maxLen: 2048,
        covers: scriptsUnder('src/'),
        seeds: SEEDS,
        dictionary: DICTIONARY,
        load: async () => {
          const { parseNewKey } = await import('../../src/api/admin/admin-routes.js');
          const { parseKillTarget } = await import('../../src/routing/policies/kill-switch.js');
          const { decodePathPart } = await import('../../src/http/decode-path-part.js');
          const { reportOptionsFromQuery } = await import('../../src/reports/report-options-from-query.js');
          const { reportRange } = await import('../../src/reports/report-range.js');
          const { ReportOptionError } = await import('../../src/reports/report-option-error.js');
          const { isObject } = await import('../../src/api/openai/read-fields.js');

          const killTarget = (text: string) => {
            const t = parseKillTarget(text);
            if (typeof t !== 'string') violation(t.value !== '' && typeof t.kind === 'string', () => `kill target ${JSON.stringify(t)}`);
          };

          return (input) => {
            const text = input.toString('utf8');
            let body: unknown;
            try {
              body = JSON.parse(text);
            } catch {
              body = undefined;
            }
            if (body !== undefined) {
              try {
                const key = parseNewKey(body);
                violation(typeof key.team === 'string' && key.team !== '', () => `team ${JSON.stringify(key.team)}`);
              } catch (err) {
                expectGatewayError(err, { maxStatus: 499 });
              }
              if (isObject(body) && typeof body.target === 'string' && body.target !== '') killTarget(body.target);
            }

            try {
              killTarget(decodePathPart(text));
            } catch (err) {
              expectGatewayError(err, { maxStatus: 499 });
            }

            try {
              const { range } = reportRange(reportOptionsFromQuery(new URLSearchParams(text), 'openai/gpt-5'), NOW);
              violation(range.since < range.until, () => `range ${JSON.stringify(range)}`);
            } catch (err) {
              if (!(err instanceof ReportOptionError)) throw err;
            }
          };
        },
      });
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
