/**
 * Key paths of the config, read from its JSON Schema and from YAML examples, in one notation:
 * `limits.max_header_bytes`, `*` for a name the user chooses (`providers.*.base_url`), `[]` for an item
 * of a list (`concentration[].by`).
 */
export interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
}

/** A key of one object shape, and every path at which that shape puts it. */
export interface SchemaKey {
  paths: string[];
}

const variants = (s: SchemaNode): SchemaNode[] => s.anyOf ?? [s];

/** The named keys of an object schema, and `*` for a record's entries. */
function children(s: SchemaNode): Array<[string, SchemaNode]> {
  return [...Object.entries(s.properties ?? {}), ...Object.values(s.patternProperties ?? {}).map((c): [string, SchemaNode] => ['*', c])];
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/**
 * Every key the schema accepts. A key of an object shape that appears in several places (one policy at
 * `policies.global`, `policies.teams.*` and `policies.keys.*`) is one key with several paths: a reader who
 * has seen the shape once knows it everywhere, so documenting it at one of them is enough.
 */
export function schemaKeys(root: SchemaNode): SchemaKey[] {
  const byShape = new Map<string, SchemaKey>();
  const visit = (node: SchemaNode, path: string) => {
    for (const v of variants(node)) {
      if (v.items) visit(v.items, `${path}[]`);
      const shape = JSON.stringify(v);
      for (const [key, child] of children(v)) {
        const id = `${shape}\u0000${key}`;
        const entry = byShape.get(id) ?? { paths: [] };
        byShape.set(id, entry);
        const p = join(path, key);
        entry.paths.push(p);
        visit(child, p);
      }
    }
  };
  visit(root, '');
  return [...byShape.values()];
}

/**
 * The key paths a YAML example (parsed) uses, walked beside the schema so that a name the user chose
 * (`providers: { deepseek: ... }`) reads as `*`. Keys the schema does not know are left out (validating
 * the example against the schema reports them).
 */
export function exampleKeyPaths(example: unknown, root: SchemaNode): Set<string> {
  const paths = new Set<string>();
  const visit = (value: unknown, node: SchemaNode, path: string) => {
    if (Array.isArray(value)) {
      const items = variants(node).find((v) => v.items)?.items;
      if (items) for (const item of value) visit(item, items, `${path}[]`);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const objects = variants(node).filter((v) => v.properties || v.patternProperties);
    for (const [key, child] of Object.entries(value)) {
      const named = objects.find((v) => v.properties?.[key]);
      const record = objects.find((v) => v.patternProperties);
      const next = named?.properties?.[key] ?? (record && Object.values(record.patternProperties!)[0]);
      if (!next) continue;
      const p = join(path, named ? key : '*');
      paths.add(p);
      visit(child, next, p);
    }
  };
  visit(example, root, '');
  return paths;
}
