import type { PromptMessage, RoutingExample } from './routing-example.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const KNOWN = new Set(['prompt', 'weak_score', 'strong_score', 'weak_cost', 'strong_cost', 'dataset']);

function checkMessages(value: unknown[]): string | undefined {
  if (value.length === 0) return 'prompt: empty messages array';
  for (let i = 0; i < value.length; i++) {
    const m = value[i];
    if (!isObject(m)) return `prompt[${i}]: not an object`;
    if (typeof m.role !== 'string') return `prompt[${i}].role: must be a string`;
    const c = m.content;
    if (c === null || typeof c === 'string') continue;
    if (!Array.isArray(c)) return `prompt[${i}].content: must be a string, an array of parts or null`;
    for (let j = 0; j < c.length; j++) {
      const part: unknown = c[j];
      if (!isObject(part) || typeof part.type !== 'string') return `prompt[${i}].content[${j}]: a part needs a string type`;
      if (part.type === 'text' && typeof part.text !== 'string') return `prompt[${i}].content[${j}].text: must be a string`;
    }
  }
  return undefined;
}

function checkUnit(obj: Record<string, unknown>, key: string): string | undefined {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) return `${key}: must be a number in 0..1`;
  return undefined;
}

function checkCost(obj: Record<string, unknown>, key: string): string | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return `${key}: must be a non-negative number (USD)`;
  return undefined;
}

/** Check one parsed JSONL value against the contract; the example, or the first problem found. */
export function validateRoutingExample(value: unknown): { example: RoutingExample } | { error: string } {
  if (!isObject(value)) return { error: 'not a JSON object' };
  for (const key of Object.keys(value)) if (!KNOWN.has(key)) return { error: `${key}: unknown field` };
  const p = value.prompt;
  if (typeof p === 'string') {
    if (p.length === 0) return { error: 'prompt: empty' };
  } else if (Array.isArray(p)) {
    const problem = checkMessages(p);
    if (problem) return { error: problem };
  } else return { error: 'prompt: must be a string or an array of messages' };
  const problem =
    checkUnit(value, 'weak_score') ?? checkUnit(value, 'strong_score') ?? checkCost(value, 'weak_cost') ?? checkCost(value, 'strong_cost');
  if (problem) return { error: problem };
  if (value.dataset !== undefined && (typeof value.dataset !== 'string' || value.dataset === '')) {
    return { error: 'dataset: must be a non-empty string' };
  }
  const example: RoutingExample = {
    prompt: p as string | PromptMessage[],
    weak_score: value.weak_score as number,
    strong_score: value.strong_score as number,
  };
  if (value.weak_cost !== undefined) example.weak_cost = value.weak_cost as number;
  if (value.strong_cost !== undefined) example.strong_cost = value.strong_cost as number;
  if (value.dataset !== undefined) example.dataset = value.dataset as string;
  return { example };
}
