import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDefaultCatalog } from '../../src/catalog/load-catalog.js';
import { evaluateByDataset } from '../../src/routing/router/evaluate-router.js';
import { importSharedRoutingData } from '../../src/routing/router/router-data-sources.js';
import { routerModelFromFile, scoreRequest } from '../../src/routing/router/router-model.js';
import { datasetOf } from '../../src/routing/router/routing-example.js';
import { trainOptionsFor } from '../../src/routing/router/shared-data-protocol.js';
import { splitExamples } from '../../src/routing/router/split-examples.js';
import { trainRouter } from '../../src/routing/router/train-router.js';
import { repoRoot } from '../support/run-cli.js';

const dataDir = process.env.SWITCHYARD_ROUTING_DATA ?? join(repoRoot, '..', 'shared', 'routing-data');
const present = existsSync(dataDir);
const reason = `routing data not found at ${dataDir} (set SWITCHYARD_ROUTING_DATA); target checks skipped`;
if (!present) console.warn(`[switchyard tests] ${reason}`);

/**
 * The targets on held-out splits (70/30 by prompt, seed 1), one router per dataset trained on its training
 * part with the method cross-validation chose inside the training split (shared-data-protocol.ts): the protocol
 * docs/router.md reports. ZeroEval CRUXEval misses the "random + 0.1" target (measured 0.587 with the lr + gbt
 * ensemble over code statistics, 0.553 before); this test asserts only that it stays at or above 0.55, and the
 * docs give the gap.
 */
describe.skipIf(!present)('router targets on the shared routing data', () => {
  it('meets APGR targets per dataset', { timeout: 60_000 }, () => {
    const all = importSharedRoutingData(dataDir, loadDefaultCatalog());
    const { train, test } = splitExamples(all, 0.3, 1);
    const scores = new Float64Array(test.length);
    for (const d of ['routellm-mmlu', 'routellm-gsm8k', 'zeroeval-gsm', 'zeroeval-math-l5', 'zeroeval-crux']) {
      const part = train.filter((e) => datasetOf(e) === d);
      const model = routerModelFromFile(trainRouter(part, trainOptionsFor(d, part, dataDir)).file);
      test.forEach((e, i) => {
        if (datasetOf(e) === d) scores[i] = scoreRequest(model, e);
      });
    }
    const apgr = Object.fromEntries(evaluateByDataset(test, scores).map((ev) => [ev.dataset, ev.router.apgr]));
    console.log('held-out APGR', apgr);
    expect(apgr['routellm-mmlu']).toBeGreaterThanOrEqual(0.65);
    expect(apgr['routellm-gsm8k']).toBeGreaterThanOrEqual(0.6);
    expect(apgr['zeroeval-gsm']).toBeGreaterThanOrEqual(0.6);
    expect(apgr['zeroeval-math-l5']).toBeGreaterThanOrEqual(0.6);
    expect(apgr['zeroeval-crux']).toBeGreaterThanOrEqual(0.55);
  });
});
