import { describe, expect, it } from 'vitest';
import { parseChatRequest } from '../../src/api/openai/parse-chat-request.js';
import { CostQualityRouter } from '../../src/routing/cost-quality/cost-quality-router.js';
import { LIVE_MIN, LiveScoreQuantiles } from '../../src/routing/cost-quality/live-score-quantiles.js';
import { loadRouterModel } from '../../src/routing/router/load-router-model.js';
import { seededRandom } from '../../src/routing/router/seeded-random.js';

/**
 * A threshold set as a share of strong calls holds on the gateway's own traffic, not only on the data the
 * router model was validated on: once LIVE_MIN requests are scored, the threshold is that quantile of the
 * recent scores.
 */
describe('live calibration of strong-share thresholds', () => {
  it('sends the asked share of traffic unlike the validation data to the strong tier', () => {
    const random = seededRandom(7);
    const live = new LiveScoreQuantiles();
    // scores bunched in [0.9, 1): a threshold from other data would send nearly all, or none, strong
    const draw = () => 0.9 + 0.1 * random();
    for (let i = 0; i < LIVE_MIN - 1; i++) live.add(draw());
    expect(live.thresholdFor(0.3)).toBeUndefined();
    for (let i = 0; i < 501; i++) live.add(draw());
    const threshold = live.thresholdFor(0.3)!;
    let strong = 0;
    for (let i = 0; i < 10_000; i++) if (draw() < threshold) strong++;
    expect(strong / 10_000).toBeGreaterThan(0.27);
    expect(strong / 10_000).toBeLessThan(0.33);
    expect(live.thresholdFor(0)).toBe(0);
    expect(live.thresholdFor(1)).toBe(Number.POSITIVE_INFINITY);
  });

  it("a route's router moves from the model's calibration to its own traffic's, and a raw score stays fixed", () => {
    const model = loadRouterModel();
    const router = new CostQualityRouter(model, { strongShare: 0.3 });
    const fixed = new CostQualityRouter(model, { score: 0.5 });
    const modelThreshold = router.threshold;
    expect(router.calibration).toBe('model');
    const random = seededRandom(3);
    const words = ['prove', 'list', 'translate', 'explain', 'why', 'code', 'sum', 'table', 'poem', 'capital'];
    const request = () => {
      const n = 3 + Math.floor(random() * 60);
      const text = Array.from({ length: n }, () => words[Math.floor(random() * words.length)]).join(' ');
      return parseChatRequest({ model: 'smart', messages: [{ role: 'user', content: `${text}?` }] });
    };
    for (let i = 0; i < 1_000; i++) {
      router.decide(request());
      fixed.decide(request());
    }
    expect(router.calibration).toBe('live');
    expect(fixed.calibration).toBe('fixed');
    expect(fixed.threshold).toBe(0.5);
    expect(router.threshold).not.toBe(modelThreshold);
    let strong = 0;
    for (let i = 0; i < 2_000; i++) if (router.decide(request()).tier === 'strong') strong++;
    expect(strong / 2_000).toBeGreaterThan(0.24);
    expect(strong / 2_000).toBeLessThan(0.36);
    // a request's own knob is honoured, on the same live scores, and does not move them
    const own = parseChatRequest({ model: 'smart', messages: [{ role: 'user', content: 'hi' }], router: { strong_share: 1 } });
    expect(router.decide(own)).toMatchObject({ tier: 'strong', requested: true });
  });
});
