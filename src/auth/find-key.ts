import type { KeyRecord } from './key-record.js';

/** What a key reference (an id, a prefix as `keys list` prints it, or the whole key) names among the stored keys. */
export interface KeyMatch {
  /** The one key it names. */
  found?: KeyRecord;
  /** The keys it could name, when several answer to it. */
  ambiguous?: KeyRecord[];
  /** The one key whose prefix it is the start of, when it names none: offered, never taken. */
  nearest?: KeyRecord;
}

/**
 * The key a reference names: its id, its prefix (with or without the "…" `keys list` prints), or the
 * whole key (which starts with its prefix). A reference that several keys answer to is ambiguous; one that
 * is only the start of a single key's prefix names nothing, but that key is offered as the nearest.
 */
export function findKey(reference: string, keys: readonly KeyRecord[]): KeyMatch {
  const wanted = reference.trim().replace(/…$/, '');
  if (wanted === '') return {};
  const matches = keys.filter((k) => k.id === wanted || k.prefix === wanted || (wanted.length >= k.prefix.length && wanted.startsWith(k.prefix)));
  if (matches.length === 1) return { found: matches[0]! };
  if (matches.length > 1) return { ambiguous: matches };
  const starts = keys.filter((k) => k.prefix.startsWith(wanted) || k.id.startsWith(wanted));
  if (starts.length > 1) return { ambiguous: starts };
  return starts.length === 1 ? { nearest: starts[0]! } : {};
}

/** Why a reference names no single key, in words: for a CLI line or an admin error message. */
export function keyMatchProblem(reference: string, match: Omit<KeyMatch, 'found'>): string {
  if (match.ambiguous) {
    const shown = match.ambiguous.slice(0, 10).map(describeKey).join('; ');
    const more = match.ambiguous.length > 10 ? `; and ${match.ambiguous.length - 10} more` : '';
    return `'${reference}' is ambiguous: it matches ${match.ambiguous.length} keys (${shown}${more}). Give the key's id or its whole prefix.`;
  }
  const nearest = match.nearest ? ` Did you mean ${describeKey(match.nearest)}? Give its id or its whole prefix.` : ' See `switchyard keys list`.';
  return `No key with id or prefix '${reference}'.${nearest}`;
}

/** `sy-3fa9c2x… 'ci' (team search, id …)`: a key as people recognise it. */
export function describeKey(k: KeyRecord): string {
  return `${k.prefix}…${k.name !== undefined ? ` '${k.name}'` : ''} (team ${k.team}, id ${k.id}${k.revokedAt !== undefined ? ', revoked' : ''})`;
}
