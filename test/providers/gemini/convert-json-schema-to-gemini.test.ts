import { describe, expect, it } from 'vitest';
import { convertJsonSchemaToGemini } from '../../../src/providers/gemini/convert-json-schema-to-gemini.js';
import { parseJsonPath } from '../../../src/providers/gemini/apply-partial-arg.js';

describe('convertJsonSchemaToGemini', () => {
  it('drops keywords Gemini rejects and keeps the ones its Schema has', () => {
    expect(
      convertJsonSchemaToGemini({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: 'urn:x',
        title: 'Args',
        type: 'object',
        additionalProperties: false,
        properties: {
          q: { type: 'string', description: 'query', minLength: 1, maxLength: 80, pattern: '^[a-z]+$', examples: ['x'] },
          n: { type: 'integer', minimum: 1, exclusiveMaximum: 50, default: 10, multipleOf: 1 },
          tags: { type: 'array', items: { type: 'string', format: 'uuid' }, minItems: 1, uniqueItems: true },
          meta: { type: 'object', patternProperties: { '^x-': { type: 'string' } } },
        },
        required: ['q', 'missing'],
      }),
    ).toEqual({
      title: 'Args',
      type: 'object',
      properties: {
        q: { type: 'string', description: 'query', minLength: 1, maxLength: 80, pattern: '^[a-z]+$' },
        n: { type: 'integer', minimum: 1, maximum: 50, default: 10 },
        tags: { type: 'array', items: { type: 'string', format: 'uuid' }, minItems: 1 },
        meta: { type: 'object' },
      },
      required: ['q'],
    });
  });

  it('turns null unions into nullable and oneOf into anyOf', () => {
    const out = convertJsonSchemaToGemini({
      type: 'object',
      properties: {
        a: { anyOf: [{ type: 'string' }, { type: 'null' }], description: 'maybe text' },
        b: { oneOf: [{ type: 'string' }, { type: 'number' }] },
        c: { type: ['integer', 'string'] },
        d: { const: 'fixed' },
        e: { enum: [1, 2, 3] },
        f: { enum: [0.5, 1] },
      },
    });
    expect(out?.properties).toEqual({
      a: { type: 'string', nullable: true, description: 'maybe text' },
      b: { anyOf: [{ type: 'string' }, { type: 'number' }] },
      c: { anyOf: [{ type: 'integer' }, { type: 'string' }] },
      d: { type: 'string', enum: ['fixed'] },
      e: { type: 'integer' },
      f: { type: 'number' },
    });
  });

  it('inlines local $refs and merges allOf; a recursive reference becomes a bare object', () => {
    const out = convertJsonSchemaToGemini({
      type: 'object',
      $defs: {
        Address: { type: 'object', properties: { street: { type: 'string' } }, required: ['street'] },
        Node: { type: 'object', properties: { child: { $ref: '#/$defs/Node' } } },
      },
      properties: {
        home: { $ref: '#/$defs/Address', description: 'where they live' },
        work: { allOf: [{ $ref: '#/$defs/Address' }, { properties: { floor: { type: 'integer' } } }] },
        tree: { $ref: '#/$defs/Node' },
      },
    });
    expect(out?.properties).toEqual({
      home: { type: 'object', description: 'where they live', properties: { street: { type: 'string' } }, required: ['street'] },
      work: { type: 'object', properties: { street: { type: 'string' }, floor: { type: 'integer' } }, required: ['street'] },
      tree: { type: 'object', properties: { child: { type: 'object' } } },
    });
  });

  it('returns undefined for schemas without parameters', () => {
    expect(convertJsonSchemaToGemini(undefined)).toBeUndefined();
    expect(convertJsonSchemaToGemini({ type: 'object', properties: {}, additionalProperties: false })).toBeUndefined();
    expect(convertJsonSchemaToGemini({ type: 'object' })).toBeUndefined();
  });
});

describe('parseJsonPath', () => {
  it('reads dotted, indexed and quoted segments', () => {
    expect(parseJsonPath('$.a.b[2].c')).toEqual(['a', 'b', 2, 'c']);
    expect(parseJsonPath("$['x y'][0]")).toEqual(['x y', 0]);
    expect(parseJsonPath('$')).toEqual([]);
    expect(parseJsonPath('a.b')).toBeUndefined();
    expect(parseJsonPath('$.a[')).toBeUndefined();
  });
});
