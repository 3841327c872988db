/**
 * Names close to a misspelt one, for "did you mean" hints: at most `limit`, nearest first, each within an
 * edit distance of a third of the name's length (at least 1, at most 3). Case is ignored.
 */
export function closestNames(name: string, known: Iterable<string>, limit = 3): string[] {
  const wanted = name.toLowerCase();
  const most = Math.min(3, Math.max(1, Math.floor(wanted.length / 3)));
  const near: Array<{ name: string; d: number }> = [];
  for (const k of new Set(known)) {
    const d = editDistance(wanted, k.toLowerCase(), most);
    if (d <= most) near.push({ name: k, d });
  }
  return near.sort((a, b) => a.d - b.d || a.name.localeCompare(b.name)).slice(0, limit).map((n) => n.name);
}

/** Levenshtein distance, cut short (returning more than `most`) once it cannot be `most` or less. */
function editDistance(a: string, b: string, most: number): number {
  if (Math.abs(a.length - b.length) > most) return most + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(v);
      if (v < best) best = v;
    }
    if (best > most) return most + 1;
    prev = row;
  }
  return prev[b.length]!;
}
