import type { LedgerRow } from '../../src/ledger/ledger-row.js';

/**
 * A small ledger whose dashboard figures the tests work out by hand. The range is the week from Sunday
 * 2025-06-01 00:00 UTC to 2025-06-08 00:00 UTC; a0 lies before it.
 *
 *       when (UTC)     key team  provider  served (catalog)         in    out   cost     ttft latency status
 * a0    05-31 23:00    k1  alpha ds        deepseek-chat (v3.2)     10    10    5        -    100     200
 * a1    06-01 10:15    k1  alpha ds        deepseek-chat            1000  500   0.002    100  400     200  stream, bodies stored
 * a2    06-01 10:45    k2  beta  oa        gpt-5                    2000  1000  0.01     200  800     200  stream
 * a3    06-01 12:00    k1  alpha ds        deepseek-chat            500   100   0.0005   -    300     200
 * a4    06-02 09:00    k1  alpha -         - (failed over ds)       -     -     -        -    50      502 upstream_error
 * a5    06-03 00:00    k2  beta  oa        gpt-5                    100   50    0.001    150  1000    200 stream_interrupted
 * a6    06-05 23:59:59 -   -     local     llama-3.1-8b (none)      300   200   -        50   250     200
 * a7    06-07 12:00    k1  alpha ds        deepseek-chat            4000  1000  0.004    120  600     200
 * a7-h1 06-07 12:00    k1  alpha oa        gpt-5 (hedge cancelled)  1000  0     0.0001   -    90      499 hedge_cancelled
 * a8    06-07 12:00    k2  beta  oa        gpt-5                    1000  1000  0.02     300  700     200
 */
export const SINCE = Date.UTC(2025, 5, 1);
export const UNTIL = Date.UTC(2025, 5, 8);
export const DAY = 86_400_000;
const at = (day: number, h: number, m = 0, s = 0) => Date.UTC(2025, 5, day, h, m, s);

const ds = { provider: 'ds', providerType: 'deepseek', servedModel: 'deepseek-chat', catalogModel: 'deepseek-v3.2', developer: 'DeepSeek', modelOrigin: 'CN', providerJurisdiction: 'CN' };
const oa = { provider: 'oa', providerType: 'openai', servedModel: 'gpt-5', catalogModel: 'gpt-5', developer: 'OpenAI', modelOrigin: 'US', providerJurisdiction: 'US' };
const local = { provider: 'local', providerType: 'vllm', servedModel: 'llama-3.1-8b' };
const alpha = { keyId: 'k1', team: 'alpha' };
const beta = { keyId: 'k2', team: 'beta' };

function row(id: string, time: number, fields: Partial<LedgerRow>): LedgerRow {
  return { id, time, requestedModel: 'chat', usageEstimated: false, costEstimated: false, latencyMs: 100, status: 200, stream: false, partial: false, ...fields };
}

export const DASHBOARD_LEDGER: LedgerRow[] = [
  row('a0', Date.UTC(2025, 4, 31, 23), { ...alpha, ...ds, inputTokens: 10, outputTokens: 10, cost: 5 }),
  row('a1', at(1, 10, 15), { ...alpha, ...ds, inputTokens: 1000, outputTokens: 500, cost: 0.002, ttftMs: 100, latencyMs: 400, stream: true, route: 'chat → ds/deepseek-chat', requestBody: '{"messages":"REQ"}', responseBody: '{"answer":"RESP"}' }),
  row('a2', at(1, 10, 45), { ...beta, ...oa, inputTokens: 2000, outputTokens: 1000, cost: 0.01, ttftMs: 200, latencyMs: 800, stream: true }),
  row('a3', at(1, 12), { ...alpha, ...ds, inputTokens: 500, outputTokens: 100, cost: 0.0005, latencyMs: 300 }),
  row('a4', at(2, 9), { ...alpha, latencyMs: 50, status: 502, errorCode: 'upstream_error', attempts: [{ provider: 'ds', model: 'deepseek-chat', code: 'upstream_error', message: 'HTTP 500' }] }),
  row('a5', at(3, 0), { ...beta, ...oa, inputTokens: 100, outputTokens: 50, cost: 0.001, ttftMs: 150, latencyMs: 1000, stream: true, partial: true, errorCode: 'stream_interrupted' }),
  row('a6', at(5, 23, 59, 59), { ...local, requestedModel: 'local-llama', inputTokens: 300, outputTokens: 200, ttftMs: 50, latencyMs: 250, stream: true }),
  row('a7', at(7, 12), { ...alpha, ...ds, inputTokens: 4000, outputTokens: 1000, cost: 0.004, ttftMs: 120, latencyMs: 600, stream: true }),
  row('a7-h1', at(7, 12), { ...alpha, ...oa, inputTokens: 1000, outputTokens: 0, cost: 0.0001, costEstimated: true, usageEstimated: true, latencyMs: 90, status: 499, errorCode: 'hedge_cancelled', partial: true }),
  row('a8', at(7, 12), { ...beta, ...oa, inputTokens: 1000, outputTokens: 1000, cost: 0.02, ttftMs: 300, latencyMs: 700 }),
];

/** Every id, newest first (time, then id, descending). */
export const NEWEST_FIRST = ['a8', 'a7-h1', 'a7', 'a6', 'a5', 'a4', 'a3', 'a2', 'a1', 'a0'];

/** The days of the range, as bucket starts. */
export const DAYS = Array.from({ length: 7 }, (_, i) => SINCE + i * DAY);
