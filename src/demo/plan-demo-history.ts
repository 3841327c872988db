import { AUTO_ROUTE, FRONTIER_MODELS, OPEN_MODELS, RESTRICTED_TEAM } from './build-demo-config.js';
import { DEMO_TEAMS } from './demo-keys.js';
import { DEMO_PROMPTS } from './demo-prompts.js';

const DAY_MS = 86_400_000;

/** One request of the demo's made-up past, before the gateway's planner and accounting turn it into a row. */
export interface HistoryRequest {
  time: number;
  team: string;
  /** What the caller asked for: a model, or the cost-quality route. */
  model: string;
  prompt: string;
  stream: boolean;
  inputTokens: number;
  outputTokens: number;
  /** ok; failover: the first deployment failed, the next served; failed: every deployment failed; rate_limited: the key's limit refused it. */
  fate: 'ok' | 'failover' | 'failed' | 'rate_limited';
}

/** The history's span, its randomness, and what the router does with the demo's prompts. */
export interface HistoryOptions {
  now: number;
  days: number;
  random: () => number;
  /** The share of the prompts the cost-quality route sends to its cheap tier (scored by the router). */
  autoWeakShare: number;
}

/**
 * The story the demo's history tells, day by day over the last `days` days (today until `now`): traffic on
 * weekdays and quieter weekends, growing; open-weight models (all Chinese-developed here) going from about
 * a fifth of the tokens to about seven tenths, partly by teams switching models and partly through the
 * cost-quality route, adopted in the second week; the legal team, whose policy keeps it on US models,
 * asking now and then for a Chinese one anyway; a few failovers, failures and rate-limited calls.
 */
export function planDemoHistory(o: HistoryOptions): HistoryRequest[] {
  const out: HistoryRequest[] = [];
  const today = Math.floor(o.now / DAY_MS) * DAY_MS;
  const restrictedShare = DEMO_TEAMS.find((t) => t.key.team === RESTRICTED_TEAM)?.share ?? 0;
  for (let day = 0; day < o.days; day++) {
    const start = today - (o.days - 1 - day) * DAY_MS;
    const progress = o.days > 1 ? day / (o.days - 1) : 1;
    const weekday = new Date(start).getUTCDay() % 6 !== 0;
    const count = Math.round((weekday ? 320 : 110) * (1 + 0.5 * progress) * (0.9 + 0.2 * o.random()));
    // the open share the day aims for, of everyone's tokens; the restricted team never takes part
    const openTarget = Math.min(0.95, (0.2 + 0.5 * progress + (o.random() - 0.5) * 0.04) / (1 - restrictedShare));
    const autoShare = progress < 0.25 ? 0 : 0.45 * ((progress - 0.25) / 0.75);
    const directOpen = clamp((openTarget - autoShare * o.autoWeakShare) / (1 - autoShare));
    const times = Array.from({ length: count }, () => start + timeOfDay(o.random)).sort((a, b) => a - b);
    for (const time of times) {
      if (time >= o.now - 60_000) break;
      const team = pickTeam(o.random());
      let model: string;
      if (team === RESTRICTED_TEAM) model = o.random() < 0.04 ? pick(OPEN_MODELS, o.random) : pick(FRONTIER_MODELS, o.random);
      else if (o.random() < autoShare) model = AUTO_ROUTE.name;
      else model = o.random() < directOpen ? pick(OPEN_MODELS, o.random) : pick(FRONTIER_MODELS, o.random);
      const size = team === 'research' ? 1.6 : team === 'support' ? 0.6 : 1;
      const fateDraw = o.random();
      out.push({
        time,
        team,
        model,
        prompt: pick(DEMO_PROMPTS, o.random),
        stream: o.random() < 0.55,
        inputTokens: Math.round((1_000 + o.random() ** 2 * 28_000) * size),
        outputTokens: Math.round(120 + o.random() ** 1.5 * 2_400),
        fate: fateDraw < 0.005 ? 'failed' : fateDraw < 0.03 ? 'failover' : team === 'support' && fateDraw > 0.995 ? 'rate_limited' : 'ok',
      });
    }
  }
  return out;
}

/** A time of day, UTC: mostly working hours, some evening and night traffic. */
function timeOfDay(random: () => number): number {
  const r = random();
  const hours = r < 0.8 ? 7 + random() * 11 : random() * 24;
  return Math.floor(hours * 3_600_000);
}

function pickTeam(r: number): string {
  let acc = 0;
  for (const t of DEMO_TEAMS) {
    acc += t.share;
    if (r < acc) return t.key.team;
  }
  return DEMO_TEAMS[DEMO_TEAMS.length - 1]!.key.team;
}

function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length)]!;
}

function clamp(x: number): number {
  return Math.min(1, Math.max(0, x));
}
