import type { Rng } from './rng.js';

/**
 * A structure-aware mutator for targets that read JSON: the input is parsed, one node is changed (replaced
 * by a value of another type, deleted, duplicated, given a new key, nested deeper, grafted from another
 * corpus entry) and the result written back as JSON. Byte-level mutation alone mostly produces text that
 * JSON.parse refuses, so it rarely gets past the parser into the code under test.
 */
export interface JsonVocabulary {
  /** Field names of the format (`model`, `messages`, `$ref`...). */
  keys: readonly string[];
  /** String values worth trying (`user`, `function`, `#/$defs/a`...). */
  strings: readonly string[];
}

export type StructureMutator = (input: Buffer, rng: Rng, other: () => Buffer) => Buffer | undefined;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Slot {
  parent: Json[] | Record<string, Json>;
  key: string | number;
}

const NUMBERS = [0, -0, 1, -1, 2, 0.5, -2.5, 1e21, -1e21, 1e308, -1e308, 5e-324, 2 ** 31, 2 ** 32, 2 ** 53 + 2, 1024, 4096, 100000];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
const ODD_STRINGS = ['', ' ', 'a', '\u0000', '\n', '\r\n', '\u2028', '\ud800', '\u00e9', '\u{1F600}', 'x'.repeat(300), '%s%n', '../../etc/passwd', '${HOME}'];
const MAX_SLOTS = 400;

export function jsonMutator(vocabulary: JsonVocabulary): StructureMutator {
  const keys = [...vocabulary.keys, ...PROTO_KEYS];
  const strings = [...vocabulary.strings, ...ODD_STRINGS];

  const randomScalar = (rng: Rng): Json => {
    switch (rng.below(6)) {
      case 0:
        return null;
      case 1:
        return rng.oneIn(2);
      case 2:
        return rng.pick(NUMBERS);
      case 3:
        return rng.below(1000) - 100;
      default:
        return rng.pick(strings);
    }
  };

  const randomValue = (rng: Rng, graft: () => Json | undefined): Json => {
    switch (rng.below(8)) {
      case 0:
        return [];
      case 1:
        return {};
      case 2:
        return [randomScalar(rng)];
      case 3:
        return { [rng.pick(keys)]: randomScalar(rng) };
      case 4:
        return nest(rng.below(70) + 1, rng.oneIn(2), randomScalar(rng));
      case 5:
      case 6:
        return graft() ?? randomScalar(rng);
      default:
        return randomScalar(rng);
    }
  };

  return (input, rng, other) => {
    const root = parse(input);
    if (root === undefined) return undefined;
    const holder: Record<string, Json> = { root };
    const slots = collectSlots(holder, 'root');
    const graft = () => {
      const donor = parse(other());
      if (donor === undefined) return undefined;
      const donorSlots = collectSlots({ root: donor }, 'root');
      const slot = rng.pick(donorSlots);
      return (slot.parent as Record<string | number, Json>)[slot.key];
    };
    for (let n = rng.smallCount(); n > 0; n--) {
      const slot = rng.pick(slots);
      // an earlier edit may have removed it; reading a removed `__proto__` slot would reach Object.prototype
      if (!Object.hasOwn(slot.parent, slot.key)) continue;
      const target = (slot.parent as Record<string | number, Json>)[slot.key] as Json;
      mutateSlot(slot, target, rng, keys, strings, () => randomValue(rng, graft));
    }
    return Buffer.from(JSON.stringify(holder.root) ?? 'null', 'utf8');
  };
}

function mutateSlot(slot: Slot, value: Json, rng: Rng, keys: string[], strings: string[], random: () => Json): void {
  const set = (v: Json) => setKey(slot.parent, slot.key, v);
  switch (rng.below(9)) {
    case 0:
    case 1:
      return set(random());
    case 2: // delete
      if (Array.isArray(slot.parent)) slot.parent.splice(Number(slot.key), 1);
      else if (slot.key !== 'root') delete slot.parent[slot.key];
      return;
    case 3: // add a field or an element
      if (Array.isArray(value)) value.splice(rng.below(value.length + 1), 0, rng.oneIn(2) && value.length > 0 ? clone(rng.pick(value)) : random());
      else if (isRecord(value)) setKey(value, rng.pick(keys), random());
      else set(random());
      return;
    case 4: // change the type while keeping the content
      if (typeof value === 'number') return set(String(value));
      if (typeof value === 'string') return set(Number.isNaN(Number(value)) ? [value] : Number(value));
      return set(rng.oneIn(2) ? [value] : { [rng.pick(keys)]: value });
    case 5: // edit a string
      if (typeof value === 'string') return set(editString(value, rng, strings));
      return set(rng.pick(strings));
    case 6: // an edge number
      return set(rng.pick(NUMBERS));
    case 7: // rename a key
      if (!Array.isArray(slot.parent) && slot.key !== 'root') {
        delete slot.parent[slot.key];
        setKey(slot.parent, rng.pick(keys), value);
      }
      return;
    default: // nest deeper
      return set(nest(rng.below(8) + 1, rng.oneIn(2), value));
  }
}

function editString(value: string, rng: Rng, strings: string[]): string {
  switch (rng.below(5)) {
    case 0:
      return value + rng.pick(strings);
    case 1:
      return rng.pick(strings) + value;
    case 2:
      return value.slice(0, rng.below(value.length + 1));
    case 3:
      return value.toUpperCase();
    default: {
      const i = rng.below(value.length + 1);
      return value.slice(0, i) + String.fromCharCode(rng.below(0x80)) + value.slice(i);
    }
  }
}

function nest(depth: number, asArray: boolean, leaf: Json): Json {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
}

function parse(input: Buffer): Json | undefined {
  try {
    return JSON.parse(input.toString('utf8')) as Json;
  } catch {
    return undefined;
  }
}

/** Every place in the tree a value sits, breadth first, at most MAX_SLOTS. */
function collectSlots(holder: Record<string, Json>, rootKey: string): Slot[] {
  const slots: Slot[] = [{ parent: holder, key: rootKey }];
  for (let i = 0; i < slots.length && slots.length < MAX_SLOTS; i++) {
    const { parent, key } = slots[i] as Slot;
    const v = (parent as Record<string | number, Json>)[key];
    if (Array.isArray(v)) v.forEach((_, k) => slots.push({ parent: v, key: k }));
    else if (isRecord(v)) for (const k of Object.keys(v)) slots.push({ parent: v, key: k });
  }
  return slots.slice(0, MAX_SLOTS);
}

function isRecord(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Sets an own property, `__proto__` included (plain assignment would change the prototype instead). */
function setKey(target: Json[] | Record<string, Json>, key: string | number, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function clone(v: Json | undefined): Json {
  return v === undefined ? null : (JSON.parse(JSON.stringify(v)) as Json);
}
