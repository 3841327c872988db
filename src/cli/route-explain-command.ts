import { readFileSync } from 'node:fs';
import { estimateRequestTokens } from '../accounting/estimate-request-tokens.js';
import { parseChatRequest } from '../api/openai/parse-chat-request.js';
import { blendedPrice } from '../routing/deployment-info.js';
import { describeRoute } from '../routing/describe-route.js';
import { MemoryDeploymentHealth } from '../routing/health/memory-deployment-health.js';
import { planChatRoute } from '../routing/plan-route.js';
import { exitForKnownError } from './known-error.js';
import { withConfiguredModels } from './with-configured-models.js';

export interface RouteExplainOptions {
  config?: string;
  model?: string;
  request?: string;
  format?: string;
}

/**
 * `switchyard route explain --model M [--request req.json]`: the plan a request would get — the
 * deployments in the order they would be tried and why every other one is left out — without sending
 * anything. Health is as at start (every circuit closed).
 */
export async function runRouteExplain(opts: RouteExplainOptions): Promise<number> {
  const file = opts.config ?? process.env.SWITCHYARD_CONFIG;
  if (!file) {
    console.error('Give the config to explain routes of: --config FILE (or $SWITCHYARD_CONFIG).');
    return 2;
  }
  let body: Record<string, unknown> = { messages: [{ role: 'user', content: 'Hello' }] };
  try {
    if (opts.request) body = JSON.parse(readFileSync(opts.request, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    console.error(`--request: ${(err as Error).message}`);
    return 2;
  }
  if (opts.model) body.model = opts.model;
  try {
    return await withConfiguredModels(file, async (config, models) => {
      const req = parseChatRequest(body);
      const plan = planChatRoute(req, models, {
        health: new MemoryDeploymentHealth(config.health),
        random: Math.random,
        inputTokens: estimateRequestTokens(req),
      });
      if (opts.format === 'json') {
        console.log(JSON.stringify({ model: plan.requestedModel, attempts: plan.attempts.map(summary), excluded: plan.excluded, hedgeAfterMs: plan.hedgeAfterMs }, null, 2));
      } else {
        console.log(`Route for '${plan.requestedModel}'${plan.hedgeAfterMs ? ` (hedged after ${plan.hedgeAfterMs} ms)` : ''}:`);
        plan.attempts.forEach((a, i) => console.log(`  ${i + 1}. ${line(summary(a))}`));
        if (plan.attempts.length === 0) console.log('  (nothing can serve this request)');
        for (const e of plan.excluded) console.log(`  excluded ${e.providerId}/${e.model}: ${e.reason}`);
        console.log(`x-switchyard-route: ${describeRoute(plan, undefined, [])}`);
      }
      return plan.attempts.length > 0 ? 0 : 1;
    });
  } catch (err) {
    return exitForKnownError(err);
  }
}

function summary(a: { providerId: string; model: string; drop?: string[]; info: Parameters<typeof blendedPrice>[0] }) {
  return {
    deployment: `${a.providerId}/${a.model}`,
    price: a.info.price ? { input: a.info.price.input, output: a.info.price.output } : null,
    origin: a.info.origin ?? null,
    jurisdiction: a.info.jurisdiction ?? (a.info.selfHosted ? 'self-hosted' : null),
    ...(a.drop && { without: a.drop }),
  };
}

function line(s: ReturnType<typeof summary>): string {
  const price = s.price ? `$${s.price.input}/$${s.price.output} per M` : 'price unknown';
  return `${s.deployment}  (${price}; model origin ${s.origin ?? '?'}; hosted ${s.jurisdiction ?? '?'})${s.without ? ` without ${s.without.join(', ')}` : ''}`;
}
