import { ValueErrorType, type ValueError } from '@sinclair/typebox/value';
import { formatPath, type ConfigIssue } from './config-error.js';

/**
 * A TypeBox validation error as config issues with readable paths and messages. A value that fits none of a
 * union's shapes is described by the shape it was written in (an object target's bad `weight`, not
 * "Expected union value"); a number out of range says the field's rule (`must be a number > 0`).
 */
export function describeSchemaError(error: ValueError): ConfigIssue[] {
  const path = pathOf(error);
  switch (error.type) {
    case ValueErrorType.ObjectAdditionalProperties:
      return [{ path, message: 'unknown key (check its spelling; `switchyard config-schema` prints every allowed key)' }];
    case ValueErrorType.ObjectRequiredProperty:
      return [{ path, message: 'is required' }];
    case ValueErrorType.Union:
      return describeUnion(error, path);
    default: {
      const rule = numberRule(error);
      return [{ path, message: rule ?? error.message.charAt(0).toLowerCase() + error.message.slice(1) }];
    }
  }
}

/** Schema errors' paths: `/routes/r/targets/0` → the config's own spelling (routes.r.targets[0]). */
function pathOf(error: ValueError): string {
  return formatPath(
    error.path
      .split('/')
      .slice(1)
      .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~')),
  );
}

/**
 * The errors that say what is wrong: for a value of a union that is not a list of names, the errors inside
 * the shape it was written in (a target object's `weight`), else the error itself.
 */
export function schemaErrorLeaves(error: ValueError): ValueError[] {
  if (error.type !== ValueErrorType.Union || literalOptions(error)?.length) return [error];
  const written = writtenShape(error);
  return written ? written.flatMap(schemaErrorLeaves) : [error];
}

function literalOptions(error: ValueError): unknown[] | undefined {
  return (error.schema.anyOf as Array<{ const?: unknown }> | undefined)?.map((s) => s.const).filter((c) => c !== undefined);
}

/** The errors of the union variant the value was written as: its errors are inside it, not about its type. */
function writtenShape(error: ValueError): ValueError[] | undefined {
  return variantErrors(error).find((errors) => errors.length > 0 && errors.every((e) => e.path !== error.path));
}

/** Each union variant's errors; TypeBox gives them as iterators, which can be read once, so they are kept. */
const variants = new WeakMap<ValueError, ValueError[][]>();
function variantErrors(error: ValueError): ValueError[][] {
  let found = variants.get(error);
  if (!found) variants.set(error, (found = error.errors.map((iterator) => [...iterator])));
  return found;
}

function describeUnion(error: ValueError, path: string): ConfigIssue[] {
  const options = literalOptions(error);
  if (options?.length) return [{ path, message: `must be one of: ${options.join(', ')}` }];
  const written = writtenShape(error);
  if (written) return written.flatMap(describeSchemaError);
  const kinds = variantErrors(error).flatMap((errors) => errors.filter((e) => e.path === error.path).map((e) => e.message.replace(/^Expected /, '')));
  return [{ path, message: kinds.length > 0 ? `expected ${[...new Set(kinds)].join(' or ')}` : error.message }];
}

const RANGE = new Set<ValueErrorType>([
  ValueErrorType.NumberMinimum,
  ValueErrorType.NumberExclusiveMinimum,
  ValueErrorType.NumberMaximum,
  ValueErrorType.NumberExclusiveMaximum,
  ValueErrorType.IntegerMinimum,
  ValueErrorType.IntegerExclusiveMinimum,
  ValueErrorType.IntegerMaximum,
  ValueErrorType.IntegerExclusiveMaximum,
]);

/** `must be a number > 0`, `must be a whole number from 0 to 10`: a numeric field's whole rule. */
function numberRule(error: ValueError): string | undefined {
  if (!RANGE.has(error.type)) return undefined;
  const s = error.schema as { type?: string; minimum?: number; exclusiveMinimum?: number; maximum?: number; exclusiveMaximum?: number };
  const what = s.type === 'integer' ? 'a whole number' : 'a number';
  const low = s.minimum !== undefined ? `≥ ${s.minimum}` : s.exclusiveMinimum !== undefined ? `> ${s.exclusiveMinimum}` : undefined;
  const high = s.maximum !== undefined ? `≤ ${s.maximum}` : s.exclusiveMaximum !== undefined ? `< ${s.exclusiveMaximum}` : undefined;
  if (s.minimum !== undefined && s.maximum !== undefined) return `must be ${what} from ${s.minimum} to ${s.maximum}, got ${String(error.value)}`;
  return `must be ${what} ${[low, high].filter(Boolean).join(' and ')}, got ${String(error.value)}`;
}
