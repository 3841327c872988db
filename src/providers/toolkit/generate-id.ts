import { randomBytes } from 'node:crypto';

/** A random id with a prefix, e.g. `call_3f9a…` for tool calls a provider sent without one. */
export function generateId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}
