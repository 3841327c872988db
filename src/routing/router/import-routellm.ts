import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { csvRecords } from './parse-csv.js';
import type { RoutingExample } from './routing-example.js';

export interface RouteLlmImportOptions {
  /** Column of the cheap model (default mistralai/Mixtral-8x7B-Instruct-v0.1). */
  weak?: string;
  /** Column of the strong model (default gpt-4-1106-preview). */
  strong?: string;
}

export interface ImportResult {
  examples: RoutingExample[];
  notes: string[];
}

const truth = (v: string | undefined, where: string): number => {
  if (v === 'True' || v === 'true' || v === '1') return 1;
  if (v === 'False' || v === 'false' || v === '0') return 0;
  throw new Error(`${where}: expected True/False, got ${JSON.stringify(v)}`);
};

/** Evaluation prompts that overlap the original router's training data (`eval_prompt` of contaminated_prompts.jsonl). */
function contaminated(dir: string): Set<string> {
  const file = join(dir, 'contaminated_prompts.jsonl');
  const out = new Set<string>();
  if (!existsSync(file)) return out;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const v = JSON.parse(line) as { eval_prompt?: unknown };
    if (typeof v.eval_prompt === 'string') out.add(v.eval_prompt);
  }
  return out;
}

function importCsv(path: string, dataset: string, opts: RouteLlmImportOptions, skip: Set<string>, result: ImportResult): number {
  const weak = opts.weak ?? 'mistralai/Mixtral-8x7B-Instruct-v0.1';
  const strong = opts.strong ?? 'gpt-4-1106-preview';
  const records = csvRecords(readFileSync(path, 'utf8'), path);
  let left = 0;
  for (const [i, r] of records.entries()) {
    if (!(weak in r) || !(strong in r)) throw new Error(`${path}: no column ${weak in r ? strong : weak}`);
    const prompt = r.prompt ?? '';
    if (skip.has(prompt)) {
      left++;
      continue;
    }
    if (!prompt) continue;
    result.examples.push({
      prompt,
      weak_score: truth(r[weak], `${path} record ${i + 1}`),
      strong_score: truth(r[strong], `${path} record ${i + 1}`),
      dataset,
    });
  }
  return left;
}

/** MT-Bench: the first turn's GPT-4-judge score 1..10, mapped to (score − 1) / 9 (the prompt is the first turn). */
function importMtBench(dir: string, opts: RouteLlmImportOptions, skip: Set<string>, result: ImportResult): void {
  const weak = opts.weak ?? 'mistralai/Mixtral-8x7B-Instruct-v0.1';
  const strong = opts.strong ?? 'gpt-4-1106-preview';
  const questions = new Map<number, string[]>();
  for (const line of readFileSync(join(dir, 'question.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const q = JSON.parse(line) as { question_id: number; turns: string[] };
    questions.set(q.question_id, q.turns);
  }
  const scores = new Map<string, number[]>();
  for (const line of readFileSync(join(dir, 'judgements.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const j = JSON.parse(line) as { question_id: number; model: string; score: number; turn: number };
    if (j.score < 1 || j.turn !== 1) continue;
    const key = `${j.question_id}\u0000${j.model}`;
    scores.set(key, [...(scores.get(key) ?? []), (j.score - 1) / 9]);
  }
  const mean = (v: number[] | undefined) => (v && v.length ? v.reduce((a, b) => a + b, 0) / v.length : undefined);
  for (const [id, turns] of questions) {
    if (skip.has(turns[0] ?? '')) continue;
    const w = mean(scores.get(`${id}\u0000${weak}`));
    const s = mean(scores.get(`${id}\u0000${strong}`));
    if (w === undefined || s === undefined) continue;
    result.examples.push({ prompt: [{ role: 'user', content: turns[0] ?? '' }], weak_score: w, strong_score: s, dataset: 'routellm-mt-bench' });
  }
}

/**
 * RouteLLM's evaluation caches (routellm/evals/ under PATH, or PATH itself): MMLU (one CSV per subject),
 * GSM8K, and MT-Bench when both models' judgements are there. Prompts listed as contaminated are left out.
 */
export function importRouteLlm(path: string, opts: RouteLlmImportOptions = {}): ImportResult {
  const candidates = [path, join(path, 'evals'), join(path, 'routellm', 'evals'), join(path, 'routellm', 'routellm', 'evals')];
  const evals = candidates.find((d) => existsSync(join(d, 'mmlu')) || existsSync(join(d, 'gsm8k')));
  if (!evals) throw new Error(`${path}: no RouteLLM evals folder (mmlu/ or gsm8k/) found`);
  const result: ImportResult = { examples: [], notes: [] };
  const mmlu = join(evals, 'mmlu');
  if (existsSync(mmlu)) {
    const skip = contaminated(mmlu);
    const responses = join(mmlu, 'responses');
    const files = readdirSync(responses).filter((f) => f.endsWith('.csv')).sort();
    let left = 0;
    for (const f of files) left += importCsv(join(responses, f), 'routellm-mmlu', opts, skip, result);
    result.notes.push(`routellm-mmlu: ${files.length} subject files, ${left} contaminated prompts left out`);
  }
  const gsm = join(evals, 'gsm8k', 'gsm8k_responses.csv');
  if (existsSync(gsm)) {
    const left = importCsv(gsm, 'routellm-gsm8k', opts, contaminated(join(evals, 'gsm8k')), result);
    result.notes.push(`routellm-gsm8k: ${left} contaminated prompts left out`);
  }
  const mt = join(evals, 'mt_bench');
  if (existsSync(join(mt, 'judgements.jsonl')) && statSync(join(mt, 'judgements.jsonl')).isFile()) {
    const before = result.examples.length;
    importMtBench(mt, opts, contaminated(mt), result);
    result.notes.push(`routellm-mt-bench: ${result.examples.length - before} questions with both models judged`);
  }
  if (result.examples.length === 0) result.notes.push(`${basename(path)}: nothing imported`);
  return result;
}
