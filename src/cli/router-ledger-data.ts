import { ConfigError } from '../config/config-error.js';
import type { ShadowSample } from '../routing/cost-quality/shadow-sample.js';
import type { PromptMessage, RoutingExample } from '../routing/router/routing-example.js';
import { parseTimeOption } from '../reports/parse-time-option.js';
import { ReportOptionError } from '../reports/report-option-error.js';
import { findStore, openCliStore } from './cli-store.js';
import { MissingStoreError } from '../server/open-admin-stores.js';

/**
 * Training examples from the gateway's own traffic: the shadow samples with a judge's verdict and a stored
 * prompt. The cheap answer scores 1 when the judge found it as good as the strong one, else 0; the strong
 * answer scores 1 (the judge compared the cheap one with it). The dataset is `shadow:<route>`.
 */
export function examplesFromShadow(samples: readonly ShadowSample[]): RoutingExample[] {
  const out: RoutingExample[] = [];
  for (const s of samples) {
    if (!s.verdict || !s.prompt) continue;
    let prompt: PromptMessage[];
    try {
      prompt = JSON.parse(s.prompt) as PromptMessage[];
    } catch {
      continue;
    }
    out.push({
      prompt,
      weak_score: s.verdict === 'weak_as_good' ? 1 : 0,
      strong_score: 1,
      ...(s.weakCostUsd !== undefined && { weak_cost: s.weakCostUsd }),
      ...(s.strongCostUsd !== undefined && { strong_cost: s.strongCostUsd }),
      dataset: `shadow:${s.route}`,
    });
  }
  return out;
}

/** Read the judged shadow samples of the store named in the config; undefined (reported) when there are none. */
export async function readLedgerExamples(configPath: string | undefined, since = '90d'): Promise<RoutingExample[] | undefined> {
  let store;
  let from: number;
  try {
    from = parseTimeOption(since, Date.now(), 'since');
    store = await openCliStore(findStore(configPath));
  } catch (err) {
    if (err instanceof ConfigError || err instanceof ReportOptionError || err instanceof MissingStoreError) {
      console.error(err.message);
      return undefined;
    }
    throw err;
  }
  try {
    const samples = await store.shadow.list({ since: from, until: Date.now() + 1 });
    const examples = examplesFromShadow(samples);
    if (examples.length === 0) {
      console.error(
        `no judged shadow samples with stored prompts since ${new Date(from).toISOString().slice(0, 10)} (${samples.length} samples in all): ` +
          'turn on shadow mode with a judge and store_answers on a cost-quality route, then train again',
      );
      return undefined;
    }
    console.error(`${examples.length} judged shadow samples (of ${samples.length}) since ${new Date(from).toISOString().slice(0, 10)}`);
    return examples;
  } finally {
    await store.close();
  }
}
