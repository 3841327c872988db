import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigSchema } from '../../src/config/config-schema.js';
import { repoRoot } from '../support/run-cli.js';
import { exampleKeyPaths, schemaKeys, type SchemaNode } from './config-key-paths.js';

/**
 * docs/configuration.md against the config's JSON Schema (the one `switchyard config-schema` prints):
 * its YAML blocks, each a piece of a config file from the top level, show every key the schema accepts,
 * and each is accepted by the schema (no stale key, no value of the wrong shape).
 */
const doc = readFileSync(join(repoRoot, 'docs', 'configuration.md'), 'utf8');
const blocks = [...doc.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
const schema = ConfigSchema as unknown as SchemaNode;
const examples: unknown[] = blocks.map((text) => parse(text));
const documented = new Set(examples.flatMap((e) => [...exampleKeyPaths(e, schema)]));

describe('docs/configuration.md', () => {
  it('has YAML examples to read', () => {
    expect(blocks.length).toBeGreaterThan(0);
    expect(documented.size).toBeGreaterThan(0);
  });

  it('shows every config key in a YAML example', () => {
    const missing = schemaKeys(schema)
      .filter((key) => !key.paths.some((p) => documented.has(p)))
      .map((key) => key.paths[0]);
    expect(missing).toEqual([]);
  });

  it('shows only what the schema accepts', () => {
    const errors = examples.flatMap((e, i) => [...Value.Errors(ConfigSchema, e)].map((err) => `block ${i + 1}: ${err.path} ${err.message}`));
    expect(errors).toEqual([]);
  });
});
