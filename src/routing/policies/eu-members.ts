/** The European Union's member states (ISO 3166-1 alpha-2), so that a policy may say `EU`. */
export const EU_MEMBERS: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE',
  'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
]);

/** Whether a country is named by a list entry: the country itself, or `EU` for a member state. */
export function countryMatches(entry: string, country: string): boolean {
  return entry === country || (entry === 'EU' && EU_MEMBERS.has(country));
}
