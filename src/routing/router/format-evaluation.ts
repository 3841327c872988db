import { POOLED, type DatasetEvaluation } from './evaluate-router.js';
import type { CurveMetrics } from './router-metrics.js';

const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
const num = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));

function row(name: string, m: CurveMetrics): string[] {
  return [name, num(m.apgr), pct(m.cpt50), pct(m.cpt80), ...['0.1', '0.2', '0.3', '0.5'].map((k) => num(m.qualityAt[k] ?? null)), pct(m.shareAt95), pct(m.costSavedAt95)];
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}

/** The evaluation as text: per dataset, router / random / oracle side by side. */
export function formatEvaluationText(evals: readonly DatasetEvaluation[]): string {
  const out: string[] = [];
  for (const ev of evals) {
    out.push(
      `${ev.dataset === POOLED ? 'all (every row of the file pooled)' : ev.dataset}: ${ev.n} prompts, weak quality ${ev.weakQuality.toFixed(3)}, strong quality ${ev.strongQuality.toFixed(3)}` +
        (ev.hasCosts ? '' : ' (no per-row costs: cost saved n/a)'),
    );
    out.push(
      table([
        ['router', 'APGR', 'CPT50', 'CPT80', 'Q@10%', 'Q@20%', 'Q@30%', 'Q@50%', 'share@95%', 'saved@95%'],
        row('router', ev.router),
        row('random', ev.random),
        row('oracle', ev.oracle),
      ]),
    );
    if (!(ev.strongQuality > ev.weakQuality)) out.push('  strong quality is not above weak quality here: PGR, APGR and CPT are undefined');
    out.push('');
  }
  return out.join('\n');
}

/** The same figures as JSON (curves left out; the SVG carries them). */
export function evaluationJson(evals: readonly DatasetEvaluation[]): unknown {
  return {
    datasets: evals.map((ev) => ({
      dataset: ev.dataset,
      n: ev.n,
      weakQuality: ev.weakQuality,
      strongQuality: ev.strongQuality,
      hasCosts: ev.hasCosts,
      router: ev.router,
      random: ev.random,
      oracle: ev.oracle,
    })),
  };
}
