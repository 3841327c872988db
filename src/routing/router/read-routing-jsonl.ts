import { readFileSync, writeFileSync } from 'node:fs';
import type { RoutingExample } from './routing-example.js';
import { validateRoutingExample } from './validate-routing-example.js';

export interface BadLine {
  line: number;
  error: string;
}

export interface ParsedRoutingJsonl {
  examples: RoutingExample[];
  bad: BadLine[];
}

/** Parse JSONL text: every valid line becomes an example; every bad one is reported with its 1-based line number. */
export function parseRoutingJsonl(text: string): ParsedRoutingJsonl {
  const examples: RoutingExample[] = [];
  const bad: BadLine[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      bad.push({ line: i + 1, error: `invalid JSON (${(err as Error).message})` });
      continue;
    }
    const checked = validateRoutingExample(value);
    if ('error' in checked) bad.push({ line: i + 1, error: checked.error });
    else examples.push(checked.example);
  }
  return { examples, bad };
}

export function readRoutingJsonl(path: string): ParsedRoutingJsonl {
  return parseRoutingJsonl(readFileSync(path, 'utf8'));
}

export function formatRoutingJsonl(examples: readonly RoutingExample[]): string {
  return examples.map((e) => JSON.stringify(e)).join('\n') + (examples.length ? '\n' : '');
}

export function writeRoutingJsonl(path: string, examples: readonly RoutingExample[]): void {
  writeFileSync(path, formatRoutingJsonl(examples));
}
