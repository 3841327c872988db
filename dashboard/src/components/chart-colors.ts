/** Series colours: distinguishable with the common colour-vision deficiencies, legible on light and dark. */
export const PALETTE = ['#2563eb', '#d97706', '#059669', '#db2777', '#7c3aed', '#0891b2', '#dc2626', '#65a30d', '#64748b', '#a16207'];

export function colorAt(i: number): string {
  return PALETTE[i % PALETTE.length]!;
}

/** A CSS custom property of the page (the theme's axis and grid colours). */
export function cssVar(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

/** Series whose meaning has a colour of its own keep it on every chart. */
const NAMED: Record<string, string> = {
  actual: '#2563eb',
  baseline: '#64748b',
  saved: '#059669',
  ok: '#059669',
  error: '#dc2626',
  unknown: '#94a3b8',
};

export function colorFor(name: string, i: number): string {
  return NAMED[name] ?? colorAt(i);
}
