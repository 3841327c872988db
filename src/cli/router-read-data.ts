import { readRoutingJsonl } from '../routing/router/read-routing-jsonl.js';
import type { RoutingExample } from '../routing/router/routing-example.js';

const SHOWN = 20;

/** Read a JSONL file of examples; on bad lines print each with its line number (first 20) and return undefined. */
export function readExamplesOrReport(path: string): RoutingExample[] | undefined {
  let parsed;
  try {
    parsed = readRoutingJsonl(path);
  } catch (err) {
    console.error(`cannot read ${path}: ${(err as Error).message}`);
    return undefined;
  }
  if (parsed.bad.length > 0) {
    for (const b of parsed.bad.slice(0, SHOWN)) console.error(`${path}:${b.line}: ${b.error}`);
    if (parsed.bad.length > SHOWN) console.error(`... and ${parsed.bad.length - SHOWN} more bad lines`);
    console.error(`${path}: ${parsed.bad.length} bad line(s); fix them and run again`);
    return undefined;
  }
  if (parsed.examples.length === 0) {
    console.error(`${path}: no examples`);
    return undefined;
  }
  return parsed.examples;
}
