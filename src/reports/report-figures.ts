/** Small helpers the reports share: shares, stable ordering, and sentences on what figures leave out. */

/** part / total, or null when the total is 0. */
export function share(part: number, total: number): number | null {
  return total > 0 ? part / total : null;
}

/** Sentences on what a report's figures leave out. */
export function describeGaps(g: { unknownCostRequests?: number; estimatedCostRequests?: number; unknownTokenRequests?: number }): string[] {
  const notes: string[] = [];
  if (g.unknownCostRequests) {
    const are = g.unknownCostRequests === 1 ? 'is' : 'are';
    notes.push(`${plural(g.unknownCostRequests, 'request')} had an unknown cost (no price known) and ${are} not in the cost figures.`);
  }
  if (g.estimatedCostRequests) {
    const were = g.estimatedCostRequests === 1 ? 'was' : 'were';
    notes.push(`${plural(g.estimatedCostRequests, 'cost')} ${were} estimated from a token count of the text (the provider reported no usage).`);
  }
  if (g.unknownTokenRequests) {
    notes.push(`${plural(g.unknownTokenRequests, 'request')} had unknown token counts: only known counts are in the token figures.`);
  }
  return notes;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** By code point (not locale), so the order is the same on every machine; nulls (no team, no key) last. */
export function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
