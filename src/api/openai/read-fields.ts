import type { ChatRequest } from '../../spec/chat-request.js';
import { GatewayError } from '../../spec/gateway-error.js';

/** Validation helpers for wire requests: each failure names the field and says what was expected. */

export type Obj = Record<string, unknown>;

export function invalid(param: string, message: string): GatewayError {
  return new GatewayError('invalid_request', `Invalid '${param}': ${message}`, { param });
}

export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function requireObject(value: unknown, param: string): Obj {
  if (!isObject(value)) throw invalid(param, `expected an object, got ${describeType(value)}.`);
  return value;
}

export function requireString(value: unknown, param: string): string {
  if (typeof value !== 'string') throw invalid(param, `expected a string, got ${describeType(value)}.`);
  return value;
}

/** Absent and null both mean "not set". */
export function optionalString(obj: Obj, key: string, param = key): string | undefined {
  const v = obj[key];
  return v == null ? undefined : requireString(v, param);
}

export function optionalBoolean(obj: Obj, key: string, param = key): boolean | undefined {
  const v = obj[key];
  if (v == null) return undefined;
  if (typeof v !== 'boolean') throw invalid(param, `expected a boolean, got ${describeType(v)}.`);
  return v;
}

export interface NumberRule {
  min?: number;
  max?: number;
  integer?: boolean;
}

export function optionalNumber(obj: Obj, key: string, rule: NumberRule = {}, param = key): number | undefined {
  const v = obj[key];
  if (v == null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw invalid(param, `expected a number, got ${describeType(v)}.`);
  if (rule.integer && !Number.isInteger(v)) throw invalid(param, `expected an integer, got ${v}.`);
  if (rule.min !== undefined && v < rule.min) throw invalid(param, `must be at least ${rule.min}, got ${v}.`);
  if (rule.max !== undefined && v > rule.max) throw invalid(param, `must be at most ${rule.max}, got ${v}.`);
  return v;
}

/** Longest model name a request may carry (names in the catalog run to about 80 characters). */
export const MAX_MODEL_NAME_CHARS = 256;

/**
 * A model name a client sent: a non-empty string of at most MAX_MODEL_NAME_CHARS characters with no control
 * characters or line breaks. Names travel into headers, logs, metrics labels, the ledger and upstream URLs;
 * the message never repeats the name itself.
 */
export function requireModelName(value: unknown, param: string): string {
  if (typeof value !== 'string' || value === '') throw invalid(param, 'is required: the name of the model to use.');
  if (value.length > MAX_MODEL_NAME_CHARS) throw invalid(param, `is ${value.length} characters long; model names are at most ${MAX_MODEL_NAME_CHARS}.`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value)) throw invalid(param, 'contains a control character or a line break.');
  return value;
}

/** Set a field of the canonical request only when the client gave it, so absent stays absent. */
export function assign<K extends keyof ChatRequest>(req: ChatRequest, key: K, value: ChatRequest[K] | undefined): void {
  if (value !== undefined) req[key] = value;
}
