import type { SafePolicy, ThresholdSetting } from '../../config/gateway-config.js';
import type { ChatRequest } from '../../spec/chat-request.js';
import type { RouterPreferences } from '../../spec/routing-preferences.js';
import { loadRouterModel } from '../router/load-router-model.js';
import { LiveScoreQuantiles } from './live-score-quantiles.js';
import { decide, scoreRequest, strongShareForQuality, thresholdForQuality, thresholdForStrongShare, type RouterModel } from '../router/router-model.js';

export type Tier = 'weak' | 'strong';

/** One request's tier decision, as the route header and the ledger record it. */
export interface TierDecision {
  /** P(the cheap tier answers as well as the strong one), from the router model. */
  score: number;
  /** Strong tier when the score is below this. */
  threshold: number;
  tier: Tier;
  /** Whether the request set the threshold itself. */
  requested: boolean;
  /**
   * Set when the self-check found the router untrustworthy and a safe policy chose the tier instead
   * (`strong`, `weak` or `random(0.30)`); score and threshold still say what the router would have done.
   */
  fallback?: string;
}

/**
 * A cost-quality route's decision: score the request with the router model, compare with the route's
 * threshold (or the request's own), pick a tier. The threshold comes from the route's setting: a raw score
 * as given; a target share of strong calls (or of the strong tier's quality, through the share that reached
 * it on the model's validation data) as that quantile of the scores of this gateway's own recent traffic,
 * once there are enough of them, and of the model's validation scores until then.
 */
export class CostQualityRouter {
  private readonly modelThreshold: number;
  /** The strong share the setting asks for; undefined for a raw score. */
  private readonly share: number | undefined;
  private readonly live = new LiveScoreQuantiles();
  /** Set by the self-check while the router is not trusted: the tier comes from this policy instead. */
  private safePolicy: SafePolicy | undefined;

  constructor(
    readonly model: RouterModel,
    setting: ThresholdSetting,
    private readonly random: () => number = Math.random,
  ) {
    this.modelThreshold = thresholdOf(model, setting);
    this.share = shareOf(model, setting);
  }

  /** The route's threshold now: live once enough traffic was scored, else from the model's calibration. */
  get threshold(): number {
    return this.liveThreshold(this.share) ?? this.modelThreshold;
  }

  /** Whether the threshold comes from this gateway's own traffic (`live`) or the model's validation data. */
  get calibration(): 'live' | 'model' | 'fixed' {
    if (this.share === undefined) return 'fixed';
    return this.liveThreshold(this.share) === undefined ? 'model' : 'live';
  }

  /** Route by `policy` instead of the router's decisions (undefined: trust the router again). */
  distrust(policy: SafePolicy | undefined): void {
    this.safePolicy = policy;
  }

  static load(path: string | undefined, setting: ThresholdSetting): CostQualityRouter {
    return new CostQualityRouter(loadRouterModel(path), setting);
  }

  decide(req: ChatRequest): TierDecision {
    const prefs = req.routing?.router;
    const score = scoreRequest(this.model, req);
    let threshold: number;
    if (prefs) {
      const setting = settingOf(prefs);
      threshold = this.liveThreshold(shareOf(this.model, setting)) ?? thresholdOf(this.model, setting);
    } else {
      threshold = this.threshold;
      // the route's own traffic calibrates it (requests with their own knob, the gateway's shadow calls among them, do not)
      this.live.add(score);
    }
    const decision: TierDecision = { score, threshold, tier: decide(score, threshold), requested: prefs !== undefined };
    const safe = this.safePolicy;
    if (safe === undefined) return decision;
    if (typeof safe === 'string') return { ...decision, tier: safe, fallback: safe };
    return { ...decision, tier: this.random() < safe.strongShare ? 'strong' : 'weak', fallback: describeSafePolicy(safe) };
  }

  /** The live threshold for a strong share, once enough traffic was scored; none for a raw score. */
  private liveThreshold(share: number | undefined): number | undefined {
    return share === undefined ? undefined : this.live.thresholdFor(share);
  }
}

function settingOf(p: RouterPreferences): ThresholdSetting {
  if (p.threshold !== undefined) return { score: p.threshold };
  if (p.strongShare !== undefined) return { strongShare: p.strongShare };
  return { quality: p.quality ?? 0 };
}

/** The strong share a setting asks for: as given, or the one that reached the quality target on validation data. */
function shareOf(model: RouterModel, s: ThresholdSetting): number | undefined {
  if ('score' in s) return undefined;
  return 'strongShare' in s ? s.strongShare : strongShareForQuality(model, s.quality);
}

function thresholdOf(model: RouterModel, s: ThresholdSetting): number {
  if ('score' in s) return s.score;
  if ('strongShare' in s) return thresholdForStrongShare(model, s.strongShare);
  return thresholdForQuality(model, s.quality);
}

/**
 * `weak(score=0.734,threshold=0.412)`-style text for the route header: the tier, the score and the
 * threshold, and `self-check-fallback=strong` when a safe policy chose the tier instead of the router.
 */
export function describeDecision(d: TierDecision): string {
  const t = Number.isFinite(d.threshold) ? d.threshold.toFixed(3) : 'inf';
  const fallback = d.fallback ? `,self-check-fallback=${d.fallback}` : '';
  return `${d.tier}(score=${d.score.toFixed(3)},threshold=${t}${d.requested ? ',set-by-request' : ''}${fallback})`;
}

/** `strong`, `weak` or `random(0.30)`: a safe policy as the route header and the reports name it. */
export function describeSafePolicy(p: SafePolicy): string {
  return typeof p === 'string' ? p : `random(${p.strongShare.toFixed(2)})`;
}
