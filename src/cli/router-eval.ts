import { writeFileSync } from 'node:fs';
import { evaluateExamples, POOLED } from '../routing/router/evaluate-router.js';
import { evaluationJson, formatEvaluationText } from '../routing/router/format-evaluation.js';
import { loadRouterModel } from '../routing/router/load-router-model.js';
import { scoreRequest } from '../routing/router/router-model.js';
import { curveSvg } from '../routing/router/write-curve-svg.js';
import { progressLine } from './progress-line.js';
import { readExamplesOrReport } from './router-read-data.js';

export interface RouterEvalOptions {
  model?: string;
  data: string;
  format: string;
  svg?: string;
  /** `dataset` (default): per dataset, then all of them pooled; `none`: pooled only. */
  by?: string;
}

/** out.svg for one dataset; out-<dataset>.svg for each of several. */
export function svgPathFor(base: string, dataset: string, several: boolean): string {
  if (!several) return base;
  const stem = base.endsWith('.svg') ? base.slice(0, -4) : base;
  return `${stem}-${dataset.replace(/[^A-Za-z0-9._-]/g, '_')}.svg`;
}

export function runRouterEval(opts: RouterEvalOptions): number {
  if (opts.format !== 'text' && opts.format !== 'json') {
    console.error(`--format must be text or json (got ${opts.format})`);
    return 1;
  }
  const by = opts.by ?? 'dataset';
  if (by !== 'dataset' && by !== 'none') {
    console.error(`--by must be dataset or none (got ${by})`);
    return 1;
  }
  let model;
  try {
    model = loadRouterModel(opts.model);
  } catch (err) {
    console.error((err as Error).message);
    return 1;
  }
  const examples = readExamplesOrReport(opts.data);
  if (!examples) return 1;
  const progress = progressLine();
  const scores = new Float64Array(examples.length);
  for (let i = 0; i < examples.length; i++) {
    scores[i] = scoreRequest(model, examples[i]!);
    if (i % 2000 === 1999) progress.update(`scored ${i + 1}/${examples.length}`);
  }
  progress.done();
  const evals = evaluateExamples(examples, scores, by);
  if (opts.format === 'json') console.log(JSON.stringify(evaluationJson(evals), null, 2));
  else process.stdout.write(formatEvaluationText(evals));
  if (opts.svg) {
    for (const ev of evals) {
      const path = svgPathFor(opts.svg, ev.dataset, evals.length > 1 && !(by === 'none' && ev.dataset === POOLED));
      writeFileSync(path, curveSvg(ev));
      console.error(`curve → ${path}`);
    }
  }
  return 0;
}
