import type { DeveloperCuration } from './curation-types.js';

const COUNTRY_CODES: Readonly<Record<string, string>> = {
  China: 'CN',
  'United States of America': 'US',
  France: 'FR',
  'United Kingdom of Great Britain and Northern Ireland': 'GB',
  Canada: 'CA',
  Germany: 'DE',
  Israel: 'IL',
  Japan: 'JP',
  'Korea (Republic of)': 'KR',
  Singapore: 'SG',
};

/**
 * Check each curated developer's origin against Epoch AI's notable-models list: the country most often given
 * first for rows whose organisation is exactly that developer. Returns the problems found (empty when all agree).
 */
export function checkOriginsAgainstEpoch(
  rows: ReadonlyArray<Record<string, string>>,
  developers: readonly DeveloperCuration[],
): string[] {
  const problems: string[] = [];
  for (const dev of developers) {
    if (!dev.epochOrganization) continue;
    const counts = new Map<string, number>();
    for (const row of rows) {
      if (row['Organization'] !== dev.epochOrganization) continue;
      const code = COUNTRY_CODES[(row['Country (of organization)'] ?? '').split(',')[0]?.trim() ?? ''];
      if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    const top = [...counts].sort((a, b) => b[1] - a[1])[0];
    if (!top) problems.push(`${dev.developer}: Epoch AI has no rows for organization "${dev.epochOrganization}"`);
    else if (top[0] !== dev.origin) {
      problems.push(`${dev.developer}: curated origin ${dev.origin} but Epoch AI says ${top[0]} (${top[1]} rows)`);
    }
  }
  return problems;
}
