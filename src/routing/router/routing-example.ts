/**
 * One line of the router's JSONL contract: a prompt and how well a cheap ("weak") and a strong model answered it.
 * Scores are 0..1 (1 = best); costs are USD for that one answer, when known.
 */
export interface PromptMessage {
  role: string;
  content: string | Array<{ type: string; text?: string }> | null;
}

export interface RoutingExample {
  prompt: string | PromptMessage[];
  weak_score: number;
  strong_score: number;
  weak_cost?: number;
  strong_cost?: number;
  dataset?: string;
}

/** The dataset an example belongs to, `default` when it names none. */
export function datasetOf(e: RoutingExample): string {
  return e.dataset ?? 'default';
}

/** The prompt as one text (messages' contents joined by newlines), used to split and deduplicate. */
export function promptText(prompt: RoutingExample['prompt']): string {
  if (typeof prompt === 'string') return prompt;
  const parts: string[] = [];
  for (const m of prompt) {
    if (typeof m.content === 'string') parts.push(m.content);
    else if (Array.isArray(m.content)) for (const p of m.content) if (typeof p.text === 'string') parts.push(p.text);
  }
  return parts.join('\n');
}
