import { AUTO_ROUTE, FRONTIER_MODELS, OPEN_MODELS, RESTRICTED_TEAM } from './build-demo-config.js';
import { DEMO_TEAMS, type DemoKey } from './demo-keys.js';
import { DEMO_PROMPTS } from './demo-prompts.js';

/** Where the live traffic goes, with which keys, and how often. */
export interface LiveTrafficOptions {
  /** The gateway's address (loopback). */
  url: string;
  /** Your demo key: the first request is sent with it, and a good share of the others. */
  demoKey: DemoKey;
  /** One key per team of the story. */
  teamKeys: readonly DemoKey[];
  /** Typical time between two requests, ms (each wait varies from half to one and a half times it). */
  intervalMs: number;
  random: () => number;
  /** Requests in flight at most; a tick finding them all busy sends nothing. */
  maxInFlight?: number;
  /** On stop, how long requests in flight may take to finish before they are cut, ms. */
  stopGraceMs?: number;
}

/** The running live traffic. */
export interface LiveTraffic {
  /** Requests sent so far. */
  readonly sent: number;
  /** Send no more; let the requests in flight finish (up to the grace), then cut the rest. */
  stop(): Promise<void>;
}

/**
 * A small, steady stream of requests through the running gateway over HTTP, as clients would send them:
 * virtual keys of several teams (yours among them), streamed and whole answers, the cost-quality route, open
 * and frontier models, now and then an embedding, and the restricted team asking for a model its policy
 * refuses. Everything it sends goes through authentication, the planner, policy, budgets and the ledger.
 */
export function startLiveTraffic(o: LiveTrafficOptions): LiveTraffic {
  const inFlight = new Set<Promise<void>>();
  const controller = new AbortController();
  const maxInFlight = o.maxInFlight ?? 3;
  let sent = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const tick = () => {
    if (stopped) return;
    if (inFlight.size < maxInFlight) {
      const key = sent === 0 || o.random() < 0.4 ? o.demoKey : teamKey(o.teamKeys, o.random());
      const request = sendOne(o.url, key, o.random, controller.signal).catch(() => undefined);
      sent++;
      const tracked = request.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
    }
    timer = setTimeout(tick, o.intervalMs * (0.5 + o.random()));
  };
  timer = setTimeout(tick, Math.min(o.intervalMs, 250));

  return {
    get sent() {
      return sent;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      const grace = new Promise<void>((resolve) => setTimeout(resolve, o.stopGraceMs ?? 2_000).unref());
      await Promise.race([Promise.all(inFlight), grace]);
      controller.abort();
      await Promise.all(inFlight);
    },
  };
}

function teamKey(keys: readonly DemoKey[], r: number): DemoKey {
  let acc = 0;
  for (const t of DEMO_TEAMS) {
    acc += t.share;
    if (r < acc) return keys.find((k) => k.team === t.key.team) ?? keys[0]!;
  }
  return keys[keys.length - 1]!;
}

/** One request with this key, its answer read to the end (a refusal is an answer too). */
async function sendOne(url: string, key: DemoKey, random: () => number, signal: AbortSignal): Promise<void> {
  const headers = { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' };
  const prompt = pick(DEMO_PROMPTS, random);
  if (random() < 0.03) {
    const res = await fetch(`${url}/v1/embeddings`, { method: 'POST', headers, signal, body: JSON.stringify({ model: 'text-embedding-3-small', input: prompt }) });
    await res.arrayBuffer();
    return;
  }
  const stream = random() < 0.5;
  const body = {
    model: modelFor(key.team, random),
    messages: [{ role: 'user', content: prompt }],
    max_tokens: 600,
    stream,
    ...(stream && { stream_options: { include_usage: true } }),
  };
  const res = await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers, signal, body: JSON.stringify(body) });
  await res.arrayBuffer();
}

/** What a caller of this team asks for: the restricted team mostly frontier models, the others a mix. */
function modelFor(team: string, random: () => number): string {
  const r = random();
  if (team === RESTRICTED_TEAM) {
    if (r < 0.05) return pick(OPEN_MODELS, random); // refused by the team's policy: 403
    return r < 0.15 ? AUTO_ROUTE.name : pick(FRONTIER_MODELS, random);
  }
  if (r < 0.4) return AUTO_ROUTE.name;
  if (r < 0.75) return pick(OPEN_MODELS, random);
  if (r < 0.95) return pick(FRONTIER_MODELS, random);
  return 'cheapest';
}

function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length)]!;
}
