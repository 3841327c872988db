import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { runRouterEval, type RouterEvalOptions } from './router-eval.js';
import { runRouterStatus, type RouterStatusOptions } from './router-status-command.js';
import { runRouterImport, type RouterImportOptions } from './router-import.js';
import { readExamplesOrReport } from './router-read-data.js';
import { readLedgerExamples } from './router-ledger-data.js';
import { progressLine } from './progress-line.js';
import { describeTraining } from './describe-trained-router.js';
import { splitExamples } from '../routing/router/split-examples.js';
import { writeRoutingJsonl } from '../routing/router/read-routing-jsonl.js';
import { trainRouter, type RouterKind } from '../routing/router/train-router.js';

interface TrainOptions {
  data?: string;
  fromLedger?: boolean;
  config?: string;
  since?: string;
  out: string;
  kind: string;
  seed: string;
  epochs?: string;
}

async function runTrain(opts: TrainOptions): Promise<number> {
  if (opts.kind !== 'lr' && opts.kind !== 'mlp' && opts.kind !== 'gbt' && opts.kind !== 'ens') {
    console.error(`--kind must be lr, mlp, gbt or ens (got ${opts.kind})`);
    return 1;
  }
  if ((opts.data === undefined) === !opts.fromLedger) {
    console.error('give the training data: --data FILE.jsonl, or --from-ledger (judged shadow samples in the store named by --config)');
    return 1;
  }
  const examples = opts.data !== undefined ? readExamplesOrReport(opts.data) : await readLedgerExamples(opts.config, opts.since);
  if (!examples) return 1;
  const progress = progressLine();
  try {
    const { file } = trainRouter(examples, {
      kind: opts.kind as RouterKind,
      seed: Number(opts.seed),
      ...(opts.epochs ? { maxEpochs: Number(opts.epochs) } : {}),
      sources: [opts.data ?? 'ledger shadow samples'],
      progress: progress.update,
    });
    progress.done();
    writeFileSync(opts.out, `${JSON.stringify(file)}\n`);
    const v = file.training.validation.meanApgr;
    console.log(
      `trained ${file.kind} on ${file.training.examples} prompts (${file.training.validationExamples} held back for validation), ` +
        `${describeTraining(file)}, validation APGR ${v === null || v === undefined ? 'n/a' : v.toFixed(3)} → ${opts.out}`,
    );
    return 0;
  } catch (err) {
    progress.done();
    console.error(`router train: ${(err as Error).message}`);
    return 1;
  }
}

function runSplit(opts: { data: string; train: string; test: string; seed: string; testShare: string }): number {
  const share = Number(opts.testShare);
  if (!(share >= 0 && share <= 1)) {
    console.error('--test-share must be a number in 0..1');
    return 1;
  }
  const examples = readExamplesOrReport(opts.data);
  if (!examples) return 1;
  const { train, test } = splitExamples(examples, share, Number(opts.seed));
  writeRoutingJsonl(opts.train, train);
  writeRoutingJsonl(opts.test, test);
  console.log(`${train.length} examples → ${opts.train}, ${test.length} → ${opts.test} (seed ${opts.seed}, by prompt, per dataset)`);
  return 0;
}

/** `switchyard router …`: train, eval, import and split for the cost-quality router. */
export function registerRouterCommands(program: Command, setCode: (code: number) => void): void {
  const router = program.command('router').description('The cost-quality router: import data, split, train and evaluate.');
  router
    .command('train')
    .description('Train a router model on a JSONL file (prompt, weak_score, strong_score, ...).')
    .option('--data <file>', 'training examples (JSONL)')
    .option('--from-ledger', "train on the gateway's judged shadow samples instead of a file")
    .option('-c, --config <file>', 'with --from-ledger: the config naming the store')
    .option('--since <when>', 'with --from-ledger: samples since (default 90d)')
    .requiredOption('--out <file>', 'model file to write (JSON)')
    .option('--kind <kind>', 'lr (logistic regression), mlp (linear + one hidden layer) gbt (boosted trees over the dense statistics) or ens (mean of lr and depth-1 trees over the dense and code statistics)', 'lr')
    .option('--seed <n>', 'seed for the validation split and shuffling', '1')
    .option('--epochs <n>', 'maximum epochs (default 12, early stopping on validation APGR)')
    .action(async (opts: TrainOptions) => setCode(await runTrain(opts)));
  router
    .command('eval')
    .description('Evaluate a model on a JSONL file: per dataset, router vs random vs oracle (RouteLLM metrics).')
    .option('--model <file>', 'model file (default: the shipped model)')
    .requiredOption('--data <file>', 'held-out examples (JSONL)')
    .option('--format <format>', 'text or json', 'text')
    .option('--svg <file>', 'write the quality vs strong-call share curve (one file per dataset when several)')
    .option('--by <grouping>', "dataset: each dataset, then all pooled in an 'all' row (when there are several); none: the pooled row only", 'dataset')
    .action((opts: RouterEvalOptions) => setCode(runRouterEval(opts)));
  router
    .command('status')
    .description("Whether each cost-quality route's router beats random at its threshold on the store's judged shadow samples, and whether its self-check fallback routes instead (exit 3 when one does).")
    .option('-c, --config <file>', 'the config naming the routes and the store')
    .option('--format <format>', 'text or json', 'text')
    .action(async (opts: RouterStatusOptions) => setCode(await runRouterStatus(opts)));
  router
    .command('import')
    .description('Convert the shared routing data to JSONL: routellm (evals folder) or zeroeval (a matrix CSV or its folder).')
    .argument('<source>', 'routellm | zeroeval')
    .argument('<path>', 'folder or file to read')
    .option('--weak <model>', 'cheap model column (routellm default Mixtral-8x7B; required for zeroeval)')
    .option('--strong <model>', 'strong model column (routellm default gpt-4-1106-preview; required for zeroeval)')
    .option('--weak-id <id>', 'zeroeval: catalog model id to price the weak model with')
    .option('--strong-id <id>', 'zeroeval: catalog model id to price the strong model with')
    .requiredOption('--out <file>', 'JSONL file to write')
    .action((source: string, path: string, opts: RouterImportOptions) => setCode(runRouterImport(source, path, opts)));
  router
    .command('split')
    .description('Split a JSONL file into train and held-out files, by prompt and per dataset, seeded.')
    .requiredOption('--data <file>', 'examples (JSONL)')
    .requiredOption('--train <file>', 'training part to write')
    .requiredOption('--test <file>', 'held-out part to write')
    .option('--seed <n>', 'seed', '1')
    .option('--test-share <x>', 'share of prompts held out', '0.3')
    .action((opts: { data: string; train: string; test: string; seed: string; testShare: string }) => setCode(runSplit(opts)));
}
