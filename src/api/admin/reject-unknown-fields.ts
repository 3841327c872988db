import { closestNames } from '../../text/closest-names.js';
import { GatewayError } from '../../spec/gateway-error.js';
import type { Obj } from '../openai/read-fields.js';

/**
 * The names people send for a field by habit: the CLI's flag names (`--budget`, `--period`,
 * `--store-bodies`) and camelCase spellings.
 */
const MEANT: Readonly<Record<string, string>> = {
  budget: 'budget_usd',
  budgetUsd: 'budget_usd',
  'budget-usd': 'budget_usd',
  period: 'budget_period',
  budgetPeriod: 'budget_period',
  'store-bodies': 'store_bodies',
  storeBodies: 'store_bodies',
  model: 'models',
};

/**
 * Admin bodies are closed: a field the endpoint does not take is a 400 naming it (and the field probably
 * meant), never silently dropped, since a dropped `budget` is a key with no budget.
 */
export function rejectUnknownFields(body: Obj, fields: readonly string[]): void {
  const unknown = Object.keys(body).filter((k) => !fields.includes(k));
  if (unknown.length === 0) return;
  const named = unknown.slice(0, 10).map((k) => {
    const meant = MEANT[k] !== undefined && fields.includes(MEANT[k]) ? [MEANT[k]] : closestNames(k, fields, 1);
    return `'${printable(k)}'${meant.length > 0 ? ` (did you mean '${meant[0]}'?)` : ''}`;
  });
  const more = unknown.length > named.length ? ` and ${unknown.length - named.length} more` : '';
  throw new GatewayError(
    'invalid_request',
    `Unknown field${unknown.length > 1 ? 's' : ''} ${named.join(', ')}${more}. This endpoint takes: ${fields.join(', ')} (docs/admin-api.md).`,
    { param: printable(unknown[0]!) },
  );
}

/** The same for a query string: a parameter the endpoint does not read is a 400, not silently ignored. */
export function rejectUnknownParams(params: URLSearchParams, names: readonly string[]): void {
  const unknown = [...new Set(params.keys())].filter((k) => !names.includes(k));
  if (unknown.length === 0) return;
  const named = unknown.slice(0, 10).map((k) => {
    const meant = closestNames(k, names, 1);
    return `'${printable(k)}'${meant.length > 0 ? ` (did you mean '${meant[0]}'?)` : ''}`;
  });
  throw new GatewayError(
    'invalid_request',
    `Unknown query parameter${unknown.length > 1 ? 's' : ''} ${named.join(', ')}. This endpoint takes: ${names.join(', ') || 'none'} (docs/admin-api.md).`,
    { param: printable(unknown[0]!) },
  );
}

/** A field name as it may appear in an answer: short, printable. */
export function printable(name: string): string {
  const clean = name.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 60 ? `${clean.slice(0, 60)}…` : clean;
}
