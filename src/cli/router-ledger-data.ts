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
      console.error(`no judged shadow samples with stored prompts since ${new Date(from).toISOString().slice(0, 10)}: ${whatIsMissing(samples)}`);
      return undefined;
    }
    console.error(`${examples.length} judged shadow samples (of ${samples.length}) since ${new Date(from).toISOString().slice(0, 10)}`);
    return examples;
  } finally {
    await store.close();
  }
}

/** Why shadow samples gave no training example: none at all, none judged, none with a prompt, or never both. */
export function whatIsMissing(samples: readonly ShadowSample[]): string {
  const judged = samples.filter((s) => s.verdict).length;
  const prompted = samples.filter((s) => s.prompt).length;
  const counts = `${samples.length} shadow sample(s), ${judged} with a judge's verdict, ${prompted} with a stored prompt`;
  if (samples.length === 0) {
    return 'the store has no shadow samples in that time. Turn on shadow mode on a cost-quality route (routes.<name>.shadow: sample, budget_usd, judge, store_answers: true), send it traffic through this store, then train again';
  }
  const missing: string[] = [];
  if (judged === 0) {
    missing.push(
      "none has a verdict: the judge was not asked or its answers could not be read as A or B (the gateway logs a warning 'shadow judge …' for each; check that shadow.judge names a priced model that answers with one letter)",
    );
  }
  if (prompted === 0) missing.push('none has a stored prompt: set shadow.store_answers: true');
  if (missing.length === 0) missing.push('no sample has both a verdict and a readable stored prompt');
  return `${counts}; ${missing.join('; ')}.`;
}
