import { MemoryDeploymentHealth } from '../routing/health/memory-deployment-health.js';
import { loadDefaultCatalog } from '../catalog/load-catalog.js';
import type { KillTarget } from '../routing/policies/kill-switch.js';
import { killVocabulary } from '../routing/policies/kill-vocabulary.js';
import { validateKillTarget } from '../routing/policies/validate-kill-target.js';
import { runDrill, type DrillResult } from '../routing/policies/run-drill.js';
import { formatUsd } from '../reports/report-layout.js';
import { ReportOptionError } from '../reports/report-option-error.js';
import { parseTimeOption } from '../reports/parse-time-option.js';
import { exitForKnownError } from './known-error.js';
import { openCliStore } from './cli-store.js';
import { loadCommandConfig } from './command-config.js';
import { withConfiguredModels } from './with-configured-models.js';

export interface DrillOptions {
  config?: string;
  without?: string[];
  since?: string;
  until?: string;
  format?: string;
  /** Drill a name neither the config nor the catalog knows (yet). */
  force?: boolean;
}

/**
 * `switchyard drill --without provider:X|developer:Y|origin:CC|model:M [--since 30d]`: replay the ledger's
 * recent traffic through today's config with those taken away, and print what would still be served, what
 * would fail (by model and team), where traffic would move and what it would cost. Sends nothing.
 */
export async function runDrillCommand(opts: DrillOptions): Promise<number> {
  if (!opts.without || opts.without.length === 0) {
    console.error('Usage: switchyard drill --without provider:X|developer:Y|origin:CC|model:M [--since 30d] [--config FILE]');
    return 2;
  }
  const now = Date.now();
  let since: number;
  let until: number;
  try {
    since = parseTimeOption(opts.since ?? '30d', now, 'since');
    until = opts.until ? parseTimeOption(opts.until, now, 'until') : now + 1;
  } catch (err) {
    if (!(err instanceof ReportOptionError)) throw err;
    console.error(err.message);
    return 2;
  }
  try {
    const cc = await loadCommandConfig(opts.config, { sendsNothing: true });
    // a target nothing knows would take nothing away: the drill would say all is well, silently
    const vocabulary = killVocabulary(loadDefaultCatalog(cc.config.catalogOverrides), cc.config);
    const without: KillTarget[] = [];
    for (const text of opts.without) {
      const checked = validateKillTarget(text, vocabulary, opts.force === true);
      if (!checked.ok) {
        console.error(checked.unknown ? `${checked.message}\nTo drill a name that is not known yet, pass --force.` : checked.message);
        return 2;
      }
      without.push(checked.target);
    }
    return await withConfiguredModels(cc.config, async (config, table) => {
      const store = await openCliStore(cc.target);
      try {
        const progress = progressBar('reading the ledger');
        const groups = await store.traffic.trafficGroups({ since, until }, progress.update);
        progress.done();
        const result = runDrill({
          groups,
          table,
          policies: config.policies,
          kills: await store.control.listKills(),
          without,
          health: new MemoryDeploymentHealth(config.health),
        });
        console.log(opts.format === 'json' ? JSON.stringify(result, null, 2) : renderDrill(result, since, until));
        return 0;
      } finally {
        await store.close();
      }
    });
  } catch (err) {
    return exitForKnownError(err);
  }
}

export function renderDrill(r: DrillResult, since: number, until: number): string {
  const fail = r.failing.reduce((v, f) => ({ requests: v.requests + f.requests, tokens: v.tokens + f.tokens }), { requests: 0, tokens: 0 });
  const lines = [
    `Drill: without ${r.without.join(', ')} — traffic from ${day(since)} to ${day(until)}: ${count(r.total.requests)} requests, ${count(r.total.tokens)} tokens`,
    `Still served: ${count(r.served.requests)} requests (${share(r.served.requests, r.total.requests)}), ${count(r.served.tokens)} tokens (${share(r.served.tokens, r.total.tokens)})`,
    `Would fail:   ${count(fail.requests)} requests (${share(fail.requests, r.total.requests)}), ${count(fail.tokens)} tokens (${share(fail.tokens, r.total.tokens)})`,
    ...(r.alreadyFailing.requests > 0
      ? [`Failing today already (models or deployments the config no longer serves): ${count(r.alreadyFailing.requests)} requests, ${count(r.alreadyFailing.tokens)} tokens`]
      : []),
  ];
  if (r.failing.length > 0) {
    lines.push('', 'Failing, by model and team:');
    const w = Math.max(5, ...r.failing.map((f) => f.model.length));
    lines.push(`  ${'model'.padEnd(w)}  ${'team'.padEnd(12)}  ${'requests'.padStart(9)}  ${'tokens'.padStart(12)}  why`);
    for (const f of r.failing) {
      lines.push(`  ${f.model.padEnd(w)}  ${(f.team ?? '(no team)').padEnd(12)}  ${count(f.requests).padStart(9)}  ${count(f.tokens).padStart(12)}  ${f.reasons.join('; ')}`);
    }
  }
  if (r.moved.length > 0) {
    lines.push('', 'Traffic that would move:');
    for (const m of r.moved.slice(0, 15)) lines.push(`  ${m.from} → ${m.to}: ${count(m.requests)} requests`);
  }
  const c = r.cost;
  const delta = c.afterUsd - c.beforeUsd;
  lines.push(
    '',
    `Cost of the requests still served: ${formatUsd(c.beforeUsd)} today → ${formatUsd(c.afterUsd)} without (${delta >= 0 ? '+' : '−'}${formatUsd(Math.abs(delta))}${c.beforeUsd > 0 ? `, ${delta >= 0 ? '+' : '−'}${Math.abs((delta / c.beforeUsd) * 100).toFixed(1)}%` : ''})`,
    `Recorded cost of all replayed requests: ${formatUsd(c.recordedUsd)}${c.unpricedRequests > 0 ? `; ${count(c.unpricedRequests)} requests left out of the comparison (tokens or price unknown)` : ''}`,
  );
  return lines.join('\n');
}

/** A progress bar on stderr when it is a terminal; silent otherwise. */
function progressBar(label: string): { update: (done: number, total: number) => void; done: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, done: () => {} };
  let shown = false;
  return {
    update(done, total) {
      const width = 30;
      const filled = Math.round((done / total) * width);
      process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} days`);
      shown = true;
    },
    done() {
      if (shown) process.stderr.write('\n');
    },
  };
}

function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function share(part: number, whole: number): string {
  return whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '-';
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
