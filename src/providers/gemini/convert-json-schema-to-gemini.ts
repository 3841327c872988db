import type { JsonSchema } from '../../spec/chat-request.js';
import { GatewayError } from '../../spec/gateway-error.js';
import { setOwn } from '../toolkit/json-shapes.js';

type Node = Record<string, unknown>;

/** Keywords of Gemini's `Schema` message (an OpenAPI 3.0 subset) that carry over from JSON Schema unchanged. */
const KEPT = new Set([
  'format', 'title', 'description', 'nullable', 'maxItems', 'minItems', 'minProperties', 'maxProperties',
  'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'example', 'default', 'propertyOrdering',
]);

/**
 * A tool's JSON Schema as Gemini's `parameters` Schema. Gemini rejects keywords outside its subset
 * (`$schema`, `additionalProperties`, `$defs`, `const`, `not`, ...) instead of ignoring them, so:
 * - local `$ref`s are inlined from `$defs`/`definitions` (a recursive or unresolvable one becomes a bare object);
 * - `type: [T, "null"]` and `null` members of `anyOf`/`oneOf` become `nullable: true`; `oneOf` becomes `anyOf`;
 *   `allOf` members are merged; `const` becomes a one-value `enum`; `exclusiveMinimum`/`exclusiveMaximum`
 *   become `minimum`/`maximum`; enums that are not all strings are dropped (Gemini's enum is strings only),
 *   keeping their type when they are all numbers;
 * - `required` keeps only names that are properties, and an object with no properties loses its empty map;
 * - every other keyword is dropped.
 * Returns undefined for a schema without properties (no parameters): Gemini refuses an object schema with
 * an empty property map, and a function's parameters must be an object.
 */
export function convertJsonSchemaToGemini(schema: JsonSchema | undefined, budget: SchemaBudget = schemaBudget()): Node | undefined {
  if (!schema) return undefined;
  const defs = { ...asNode(schema.definitions), ...asNode(schema.$defs) };
  const out = convertNode(schema, defs, [], budget);
  return out?.properties === undefined ? undefined : out;
}

/**
 * Inlining `$ref`s can grow a schema exponentially (each definition naming the next one twice): a few
 * kilobytes of request would expand to gigabytes. Every schema node produced, and every character of the
 * values it carries (descriptions, patterns, enums, examples), is counted against this budget, shared by all
 * of a request's tools; past it the request is refused.
 */
export const MAX_SCHEMA_NODES = 10_000;
export const MAX_SCHEMA_CHARS = 2_000_000;

export interface SchemaBudget {
  nodes: number;
  chars: number;
}

export function schemaBudget(nodes = MAX_SCHEMA_NODES, chars = MAX_SCHEMA_CHARS): SchemaBudget {
  return { nodes, chars };
}

function spend(budget: SchemaBudget, nodes: number, chars: number): void {
  budget.nodes -= nodes;
  budget.chars -= chars;
  if (budget.nodes < 0 || budget.chars < 0) {
    throw new GatewayError(
      'invalid_request',
      `The tool schemas expand to more than ${MAX_SCHEMA_NODES} schema nodes or ${MAX_SCHEMA_CHARS} characters once their $refs are inlined, more than this gateway converts for Gemini.`,
      { param: 'tools' },
    );
  }
}

/** Characters a kept value adds to the converted schema. */
function sizeOf(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (typeof value !== 'object' || value === null) return 8;
  return JSON.stringify(value)?.length ?? 0;
}

function convertNode(value: unknown, defs: Node, refs: string[], budget: SchemaBudget): Node | undefined {
  const node = asNode(value);
  if (!node) return undefined;
  spend(budget, 1, 0);
  const ref = typeof node.$ref === 'string' ? node.$ref : undefined;
  if (ref !== undefined) {
    const name = ref.replace(/^#\/(\$defs|definitions)\//, '');
    if (refs.includes(name) || !Object.hasOwn(defs, name)) return { type: 'object' };
    const { $ref: _ignored, ...rest } = node;
    return convertNode({ ...asNode(defs[name]), ...rest }, defs, [...refs, name], budget);
  }
  if (Array.isArray(node.allOf)) return convertNode(mergeAll(node, defs), defs, refs, budget);

  const out: Node = {};
  let carried = 0;
  for (const [key, v] of Object.entries(node)) {
    if (KEPT.has(key)) {
      out[key] = v;
      carried += sizeOf(v);
    }
  }
  if (typeof node.exclusiveMinimum === 'number') out.minimum = node.exclusiveMinimum;
  if (typeof node.exclusiveMaximum === 'number') out.maximum = node.exclusiveMaximum;

  const types = (Array.isArray(node.type) ? node.type : [node.type]).filter((t): t is string => typeof t === 'string');
  if (types.includes('null')) out.nullable = true;
  const concrete = types.filter((t) => t !== 'null');
  if (concrete.length === 1) out.type = concrete[0];
  else if (concrete.length > 1) out.anyOf = concrete.map((t) => ({ type: t }));

  const enumValues = node.const !== undefined ? [node.const] : Array.isArray(node.enum) ? node.enum : undefined;
  if (enumValues) {
    if (enumValues.includes(null)) out.nullable = true;
    const values = enumValues.filter((e) => e !== null);
    if (values.length > 0 && values.every((e) => typeof e === 'string')) {
      out.enum = values;
      carried += sizeOf(values);
      out.type ??= 'string';
    } else if (values.length > 0 && values.every((e) => typeof e === 'number')) {
      out.type ??= values.every(Number.isInteger) ? 'integer' : 'number';
    }
  }
  spend(budget, 0, carried);

  const members = Array.isArray(node.anyOf) ? node.anyOf : Array.isArray(node.oneOf) ? node.oneOf : undefined;
  if (members) {
    const kept: Node[] = [];
    for (const m of members) {
      if (asNode(m)?.type === 'null') out.nullable = true;
      else {
        const converted = convertNode(m, defs, refs, budget);
        if (converted) kept.push(converted);
      }
    }
    if (kept.length === 1) Object.assign(out, kept[0], out.description !== undefined && { description: out.description });
    else if (kept.length > 1) out.anyOf = kept;
  }

  const props = asNode(node.properties);
  if (props && Object.keys(props).length > 0) {
    const properties: Node = {};
    for (const [name, p] of Object.entries(props)) setOwn(properties, name, convertNode(p, defs, refs, budget) ?? {});
    out.properties = properties;
    out.type ??= 'object';
    if (Array.isArray(node.required)) {
      const required = node.required.filter((r): r is string => typeof r === 'string' && Object.hasOwn(properties, r));
      if (required.length > 0) out.required = required;
    }
  }

  const items = Array.isArray(node.items) ? node.items[0] : node.items;
  if (items !== undefined) {
    const converted = convertNode(items, defs, refs, budget);
    if (converted) out.items = converted;
  }
  return out;
}

/** An `allOf` folded into one schema: properties and required names united, other keywords first wins. */
function mergeAll(node: Node, defs: Node): Node {
  const { allOf, ...rest } = node;
  const merged: Node = { ...rest };
  const properties: Node = { ...asNode(rest.properties) };
  const required = new Set(Array.isArray(rest.required) ? rest.required : []);
  for (const member of allOf as unknown[]) {
    const direct = asNode(member);
    const ref = typeof direct?.$ref === 'string' ? direct.$ref.replace(/^#\/(\$defs|definitions)\//, '') : undefined;
    const m = ref !== undefined ? (Object.hasOwn(defs, ref) ? asNode(defs[ref]) : undefined) : direct;
    if (!m) continue;
    for (const [k, v] of Object.entries(m)) if (!Object.hasOwn(merged, k)) setOwn(merged, k, v);
    for (const [k, v] of Object.entries(asNode(m.properties) ?? {})) setOwn(properties, k, v);
    if (Array.isArray(m.required)) for (const r of m.required) required.add(r);
  }
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (required.size > 0) merged.required = [...required];
  return merged;
}

function asNode(value: unknown): Node | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node) : undefined;
}
