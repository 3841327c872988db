import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConfig } from '../../src/config/load-config.js';
import type { ShadowSample } from '../../src/routing/cost-quality/shadow-sample.js';
import { loadRouterModel } from '../../src/routing/router/load-router-model.js';
import { thresholdForStrongShare } from '../../src/routing/router/router-model.js';
import { silentLogging } from '../../src/server/create-logging.js';
import { openLedgerStores } from '../../src/server/open-ledger-stores.js';
import { startGateway, type RunningGateway } from '../../src/server/start-gateway.js';
import { ADMIN, fakeUiDir, raw } from './ui-test-gateway.js';

/**
 * `GET /admin/router` with a cost-quality route under shadow traffic: the route as configured, the shipped
 * router model and its calibration curve, and the judged samples with their Wilson interval, hand-checked.
 */
const DAY = 86_400_000;
let dir: string;
let gw: RunningGateway;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sy-router-endpoint-'));
  const down = 'http://127.0.0.1:9/v1';
  const config = buildConfig(
    {
      listen: '127.0.0.1:0',
      log_level: 'silent',
      storage: `sqlite:${join(dir, 'ledger.db')}`,
      auth: { admin_key: ADMIN },
      providers: {
        together: { type: 'together', api_key: 'k-000000', base_url: down },
        openai: { type: 'openai', api_key: 'k-000000', base_url: down },
      },
      models: { 'qwen3-235b': { deployments: ['together/Qwen/Qwen3-235B-A22B-Instruct-2507-tput'] }, 'gpt-5': { deployments: ['openai/gpt-5'] } },
      routes: { smart: { strategy: 'cost-quality', weak: ['qwen3-235b'], strong: ['gpt-5'], threshold: { strong_share: 0.3 }, shadow: { sample: 0.05, budget_usd: 2, judge: 'gpt-5' } } },
    },
    'test',
    {},
  );
  // ten samples in the last days: eight judged, six of them cheap-as-good; one older than the range
  const now = Date.now();
  const sample = (i: number, verdict: ShadowSample['verdict'], ts = now - (i + 1) * 3_600_000): ShadowSample => ({
    id: `s${i}`,
    ts,
    route: 'smart',
    requestId: `req-${i}`,
    score: 0.5,
    servedTier: 'weak',
    ...(verdict && { verdict }),
  });
  const verdicts: Array<ShadowSample['verdict']> = ['weak_as_good', 'weak_as_good', 'weak_as_good', 'weak_as_good', 'weak_as_good', 'weak_as_good', 'strong_better', 'strong_better', undefined, undefined];
  const stores = await openLedgerStores(config.storage);
  for (const [i, v] of verdicts.entries()) await stores.shadow.add(sample(i, v));
  await stores.shadow.add(sample(99, 'strong_better', now - 40 * DAY));
  await stores.close();
  gw = await startGateway(config, { logging: silentLogging(), uiDir: fakeUiDir() });
});

afterAll(async () => {
  await gw?.close(100);
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /admin/router', () => {
  it('describes the route, the model, its curve and what shadow traffic measured', async () => {
    const res = await raw(gw.url, 'GET', '/admin/router', { authorization: `Bearer ${ADMIN}` });
    expect(res.status).toBe(200);
    const body = res.json();
    const model = loadRouterModel();
    expect(body.active).toBe(true);
    expect(body.routes).toEqual([
      {
        route: 'smart',
        strategy: 'cost-quality',
        cheap: ['qwen3-235b'],
        strong: ['gpt-5'],
        threshold: thresholdForStrongShare(model, 0.3),
        threshold_setting: { strong_share: 0.3 },
        // fewer than 500 requests scored: the model's own calibration
        threshold_from: 'model',
        router_model: null,
        shadow: { sample: 0.05, budget_usd: 2, judge: 'gpt-5' },
      },
    ]);
    expect(body.model).toEqual({
      kind: model.file.kind,
      file: null,
      trained_on: model.file.training.examples,
      validation_examples: model.file.training.validationExamples,
      trained_at: model.file.training.trainedAt,
      datasets: model.file.training.datasets,
      sources: model.file.training.sources,
      validation: model.file.training.validation,
    });
    expect(body.curve).toHaveLength(101);
    expect(body.curve[0]).toEqual([0, model.file.calibration.relativeQuality[0]]);
    expect(body.curve[100]).toEqual([1, model.file.calibration.relativeQuality[100]]);
    expect(body.shadow).toMatchObject({ samples: 10, judged: 8, cheap_as_good: 6, rate: 0.75 });
    // Wilson 95% for 6 of 8: [0.4093, 0.9285]
    expect(body.shadow.ci[0]).toBeCloseTo(0.4093, 4);
    expect(body.shadow.ci[1]).toBeCloseTo(0.9285, 4);
  });

  it('a range with no judged sample has no rate', async () => {
    const res = await raw(gw.url, 'GET', '/admin/router?since=2h', { authorization: `Bearer ${ADMIN}` });
    expect(res.json().shadow).toMatchObject({ samples: 1, judged: 1, cheap_as_good: 1, rate: 1 });
    const none = await raw(gw.url, 'GET', '/admin/router?since=1h', { authorization: `Bearer ${ADMIN}` });
    expect(none.json().shadow).toMatchObject({ samples: 0, judged: 0, cheap_as_good: 0, rate: null, ci: null });
  });
});
