/**
 * JSON with every object's keys in sorted order and `undefined` members left out, so two requests that
 * differ only in key order (a tool's JSON schema written another way round) give the same text.
 */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : stableJson(v))).join(',')}]`;
  const keys = Object.keys(value).sort();
  const parts: string[] = [];
  for (const k of keys) {
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined) continue;
    parts.push(`${JSON.stringify(k)}:${stableJson(v)}`);
  }
  return `{${parts.join(',')}}`;
}
