/**
 * A gateway config with one cost-quality route `smart` over two fake upstreams (the cheap tier on Together,
 * the strong on OpenAI) and a priced judge model on a third: what the shadow and self-check tests share.
 */
export function judgedRouteConfig(urls: { db: string; cheap: string; strong: string; judge: string }, smart: Record<string, unknown>) {
  return {
    storage: `sqlite:${urls.db}`,
    providers: {
      together: { type: 'together', api_key: 'k-000000', base_url: `${urls.cheap}/v1` },
      openai: { type: 'openai', api_key: 'k-000000', base_url: `${urls.strong}/v1` },
      referee: { type: 'openai-compatible', base_url: `${urls.judge}/v1`, prices: { j: { input: 0.1, output: 0.1 } } },
    },
    models: {
      'qwen3-235b': { deployments: ['together/Qwen/Qwen3-235B-A22B-Instruct-2507-tput'] },
      'gpt-5': { deployments: ['openai/gpt-5'] },
      judge: { deployments: ['referee/j'] },
    },
    routes: { smart: { strategy: 'cost-quality', weak: ['qwen3-235b'], strong: ['gpt-5'], ...smart } },
  };
}
