import type { LedgerRow } from '../../src/ledger/ledger-row.js';

/**
 * A small ledger whose figures the tests work out by hand. NOW is Monday 2025-06-30 12:00 UTC, so the
 * default range (30d) runs from 2025-05-31T12:00Z; r7 lies before it.
 *
 *      day    key team  provider        served                model        dev/origin  jur  in        cached    out      cost
 * r1  06-02  k1  alpha ds (deepseek)    deepseek-chat         deepseek-v3.1 DeepSeek CN CN  1,000,000 200,000   100,000  0.50
 * r2  06-03  k2  beta  oa (openai)      gpt-5                 gpt-5         OpenAI US   US    100,000 0          10,000  0.225
 * r3  06-10  k1  alpha tg (together)    Qwen/Qwen3-235B-A22B  qwen3-235b    Alibaba CN  US    400,000 (unknown)  50,000  0.20
 * r4  06-10  k1  alpha ds (deepseek)    deepseek-chat         deepseek-v3.1 DeepSeek CN CN  (usage unknown)               0.01 estimated
 * r5  06-11  k3  -     local (vllm)     llama-3.1-8b          -             Meta US     -      20,000 -            5,000  unknown
 * r6  06-20  k2  beta  ds (deepseek)    deepseek-chat         deepseek-v3.1 DeepSeek CN CN  2,000,000 1,000,000 200,000  0.80
 * r7  05-01  k1  alpha ds (deepseek)    (outside the range)                                   1,000     0          1,000  100
 * r8  06-21  k2  beta  - (failed 502)   -                     -             -          -    (unknown)                     unknown
 */
export const DAY = 86_400_000;
export const NOW = Date.UTC(2025, 5, 30, 12);
const at = (month: number, day: number) => Date.UTC(2025, month - 1, day, 12);

function row(id: string, fields: Partial<LedgerRow>): LedgerRow {
  return {
    id,
    time: NOW,
    requestedModel: fields.catalogModel ?? fields.servedModel ?? 'unknown-model',
    usageEstimated: false,
    costEstimated: false,
    latencyMs: 120,
    status: 200,
    stream: false,
    partial: false,
    ...fields,
  };
}

const deepseek = {
  provider: 'ds',
  providerType: 'deepseek',
  servedModel: 'deepseek-chat',
  catalogModel: 'deepseek-v3.1',
  developer: 'DeepSeek',
  modelOrigin: 'CN',
  providerJurisdiction: 'CN',
};

export const HAND_LEDGER: LedgerRow[] = [
  row('r1', { ...deepseek, time: at(6, 2), keyId: 'k1', team: 'alpha', inputTokens: 1_000_000, cachedInputTokens: 200_000, outputTokens: 100_000, cost: 0.5 }),
  row('r2', {
    time: at(6, 3),
    keyId: 'k2',
    team: 'beta',
    provider: 'oa',
    providerType: 'openai',
    servedModel: 'gpt-5',
    catalogModel: 'gpt-5',
    developer: 'OpenAI',
    modelOrigin: 'US',
    providerJurisdiction: 'US',
    inputTokens: 100_000,
    cachedInputTokens: 0,
    outputTokens: 10_000,
    cost: 0.225,
  }),
  row('r3', {
    time: at(6, 10),
    keyId: 'k1',
    team: 'alpha',
    provider: 'tg',
    providerType: 'together',
    servedModel: 'Qwen/Qwen3-235B-A22B',
    catalogModel: 'qwen3-235b',
    developer: 'Alibaba',
    modelOrigin: 'CN',
    providerJurisdiction: 'US',
    inputTokens: 400_000,
    outputTokens: 50_000,
    cost: 0.2,
  }),
  row('r4', { ...deepseek, time: at(6, 10) + 60_000, keyId: 'k1', team: 'alpha', cost: 0.01, costEstimated: true }),
  row('r5', {
    time: at(6, 11),
    keyId: 'k3',
    provider: 'local',
    providerType: 'vllm',
    servedModel: 'llama-3.1-8b',
    developer: 'Meta',
    modelOrigin: 'US',
    inputTokens: 20_000,
    outputTokens: 5_000,
  }),
  row('r6', { ...deepseek, time: at(6, 20), keyId: 'k2', team: 'beta', inputTokens: 2_000_000, cachedInputTokens: 1_000_000, outputTokens: 200_000, cost: 0.8 }),
  row('r7', { ...deepseek, time: at(5, 1), keyId: 'k1', team: 'alpha', inputTokens: 1_000, cachedInputTokens: 0, outputTokens: 1_000, cost: 100 }),
  row('r8', {
    time: at(6, 21),
    keyId: 'k2',
    team: 'beta',
    requestedModel: 'gpt-x',
    status: 502,
    errorCode: 'upstream_error',
    latencyMs: 30,
    // it reached a provider, which failed: what that call cost is unknown
    attempts: [{ provider: 'oa', model: 'gpt-x', code: 'upstream_error', message: 'upstream answered 500' }],
  }),
];

/** The default report range for NOW: 30 days back. */
export const SINCE_30D = NOW - 30 * DAY;
