import type { GatewayConfig } from '../config/gateway-config.js';
import { buildConfig } from '../config/load-config.js';

/** A simulated provider of the demo: the provider type it stands for, and its pace and error rate. */
interface DemoProvider {
  simulates: string;
  ttftMs: number;
  tokensPerSecond: number;
  errorRate: number;
}

/**
 * The providers the demo simulates, each at a pace typical of the real one: the Chinese labs' own APIs
 * (DeepSeek, Alibaba's Model Studio, Moonshot's Kimi, Z.ai's GLM), two US hosts of their open models, and
 * the two frontier labs. The ids say `sim-`, so nobody reading a ledger row takes it for real traffic.
 */
export const DEMO_PROVIDERS: Readonly<Record<string, DemoProvider>> = {
  'sim-deepseek': { simulates: 'deepseek', ttftMs: 900, tokensPerSecond: 32, errorRate: 0.03 },
  'sim-qwen': { simulates: 'qwen', ttftMs: 650, tokensPerSecond: 60, errorRate: 0.02 },
  'sim-moonshot': { simulates: 'moonshot', ttftMs: 800, tokensPerSecond: 45, errorRate: 0.02 },
  'sim-zai': { simulates: 'zai', ttftMs: 750, tokensPerSecond: 50, errorRate: 0.02 },
  'sim-together': { simulates: 'together', ttftMs: 450, tokensPerSecond: 85, errorRate: 0.015 },
  'sim-fireworks': { simulates: 'fireworks', ttftMs: 350, tokensPerSecond: 120, errorRate: 0.01 },
  'sim-openai': { simulates: 'openai', ttftMs: 600, tokensPerSecond: 75, errorRate: 0.01 },
  'sim-anthropic': { simulates: 'anthropic', ttftMs: 850, tokensPerSecond: 65, errorRate: 0.01 },
};

/**
 * The models clients ask for, each with its deployments in order: the lab's own API first and a US host as
 * the fallback (for Qwen3 235B, which Alibaba's own API does not serve, two US hosts).
 */
export const DEMO_MODELS: Readonly<Record<string, readonly string[]>> = {
  'deepseek-v3.2': ['sim-deepseek/deepseek-chat', 'sim-fireworks/accounts/fireworks/models/deepseek-v3p2'],
  'qwen3-235b': ['sim-together/Qwen/Qwen3-235B-A22B-fp8-tput', 'sim-fireworks/accounts/fireworks/models/qwen3-235b-a22b'],
  'qwen3-next-80b': ['sim-qwen/qwen3-next-80b-a3b-instruct', 'sim-together/Qwen/Qwen3-Next-80B-A3B-Instruct'],
  'kimi-k2.5': ['sim-moonshot/kimi-k2.5', 'sim-together/moonshotai/Kimi-K2.5'],
  'glm-4.7': ['sim-zai/glm-4.7', 'sim-together/zai-org/GLM-4.7'],
  'gpt-5': ['sim-openai/gpt-5'],
  'gpt-5-mini': ['sim-openai/gpt-5-mini'],
  'claude-sonnet-4.5': ['sim-anthropic/claude-sonnet-4-5'],
  'text-embedding-3-small': ['sim-openai/text-embedding-3-small'],
};

/** The open-weight models of the demo, all developed in China. */
export const OPEN_MODELS = ['deepseek-v3.2', 'qwen3-235b', 'qwen3-next-80b', 'kimi-k2.5', 'glm-4.7'] as const;
/** The frontier (closed, US) models of the demo. */
export const FRONTIER_MODELS = ['gpt-5', 'claude-sonnet-4.5', 'gpt-5-mini'] as const;

/** The cost-quality route: the cheap tier, then the strong one. */
export const AUTO_ROUTE = { name: 'auto', weak: ['deepseek-v3.2', 'qwen3-235b'], strong: ['gpt-5', 'claude-sonnet-4.5'] } as const;

/** The team whose policy keeps it off models developed in China and off Chinese hosts. */
export const RESTRICTED_TEAM = 'legal';

/** What the demo's config varies by: where it listens and keeps its store, its admin key, its pace. */
export interface DemoConfigOptions {
  port: number;
  storePath: string;
  adminKey: string;
  /** Multiplies every time to first token and divides every speed: below 1, the simulation runs faster. */
  timeScale: number;
  /** Overrides every provider's error rate (tests set 0). */
  errorRate?: number;
  logLevel: string;
}

/**
 * The demo's config, built as a config file would be and validated by the same loader: the simulated
 * providers, their models, a cost-quality route and a lowest-price one, a policy for the restricted team, a
 * concentration cap, the savings baseline, and the demo store.
 */
export function buildDemoConfig(o: DemoConfigOptions): GatewayConfig {
  const providers = Object.fromEntries(
    Object.entries(DEMO_PROVIDERS).map(([id, p]) => [
      id,
      {
        type: 'simulated',
        simulates: p.simulates,
        ttft_ms: Math.round(p.ttftMs * o.timeScale),
        tokens_per_second: p.tokensPerSecond / o.timeScale,
        error_rate: o.errorRate ?? p.errorRate,
        // OpenAI's list price; the catalog has no embedding models
        ...(p.simulates === 'openai' && { prices: { 'text-embedding-3-small': { input: 0.02, output: 0 } } }),
      },
    ]),
  );
  const tree = {
    listen: `127.0.0.1:${o.port}`,
    log_level: o.logLevel,
    storage: `sqlite:${o.storePath}`,
    baseline: 'openai/gpt-5',
    auth: { admin_key: o.adminKey },
    // a request taking longer than this at shutdown is cut; the simulated answers take seconds
    limits: { shutdown_grace_ms: 5_000 },
    providers,
    models: Object.fromEntries(Object.entries(DEMO_MODELS).map(([name, deployments]) => [name, { deployments }])),
    routes: {
      [AUTO_ROUTE.name]: { strategy: 'cost-quality', weak: AUTO_ROUTE.weak, strong: AUTO_ROUTE.strong, threshold: { strong_share: 0.3 } },
      cheapest: { strategy: 'lowest-price', targets: [...OPEN_MODELS] },
    },
    policies: {
      teams: { [RESTRICTED_TEAM]: { origins: { deny: ['CN'] }, jurisdictions: { deny: ['CN'] } } },
    },
    concentration: [{ by: 'provider', max_share: 0.5, measure: 'requests', window: '1h' }],
  };
  return buildConfig(tree, 'switchyard demo', {});
}
