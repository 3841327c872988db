import { findMembers, jsonValueEnd, type Span } from './find-json-members.js';

/** Where a plain completion's id, created, model and usage values lie; usage undefined when it has none. */
export interface CompletionMembers {
  id: Span;
  created: Span;
  model: Span;
  usage: Span | undefined;
}

const KEYS = ['id', 'created', 'model', 'usage'] as const;

/**
 * The spans of a plain chat completion's `id`, `created` and `model` and `usage` values (cutPlainCompletion
 * has checked it is plain: beside `choices` and `usage` its fields are scalars, and nothing in its choice has
 * a `usage` key), without walking through the choice: the members before `choices` are walked (they are
 * short), and `usage` is searched for from the end, where it most often is (the only `usage` key is the
 * top-level one; if the upstream repeated it, the last, as JSON.parse reads it). An `id`, `created` or
 * `model` after `choices` (keys in another order) is found by walking the whole text.
 */
export function locateCompletionMembers(text: string): CompletionMembers | undefined {
  const head = findMembers(text, KEYS, 'choices');
  if (!head?.id || !head.created || !head.model) return walked(text);
  const usage = head.usage ?? usageFromEnd(text);
  return { id: head.id, created: head.created, model: head.model, usage };
}

/** The `usage` member's span, searched for backwards from the end. */
function usageFromEnd(text: string): Span | undefined {
  for (let at = text.lastIndexOf('"usage"'); at >= 0; at = text.lastIndexOf('"usage"', at - 1)) {
    let i = at + 7;
    let c = text.charCodeAt(i);
    while (c === 32 || c === 9 || c === 10 || c === 13) c = text.charCodeAt(++i);
    // a string equal to the key's name is followed by a comma or a bracket, a key by its colon
    if (c !== 58) continue;
    c = text.charCodeAt(++i);
    while (c === 32 || c === 9 || c === 10 || c === 13) c = text.charCodeAt(++i);
    return [i, jsonValueEnd(text, i)];
  }
  return undefined;
}

function walked(text: string): CompletionMembers | undefined {
  const at = findMembers(text, KEYS);
  if (!at?.id || !at.created || !at.model) return undefined;
  return { id: at.id, created: at.created, model: at.model, usage: at.usage };
}
