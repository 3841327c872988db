import type { Price } from '../catalog-types.js';
import type { PriceCorrection } from './curation-types.js';

/**
 * A listed price with the curation's correction applied: the corrected numbers, and a source that names the
 * list, what it said, and the evidence for the replacement. A correction that no longer changes anything
 * (the list has been fixed) is an error, so that it is removed rather than kept as a stale claim.
 */
export function correctPrice(listed: Price, correction: PriceCorrection): Price {
  const changes: string[] = [];
  const corrected: Price = { ...listed };
  for (const side of ['input', 'output'] as const) {
    const value = correction[side];
    if (value === undefined || value === listed[side]) continue;
    if (!(Number.isFinite(value) && value > 0)) throw new Error(`price correction: ${side} must be a positive number, got ${value}`);
    changes.push(`${side} ${listed[side]} corrected to ${value}`);
    corrected[side] = value;
  }
  if (changes.length === 0) throw new Error(`price correction changes nothing (${listed.input}/${listed.output}): remove it`);
  return { ...corrected, source: `${listed.source}; ${changes.join(', ')} by the curation: ${correction.evidence}` };
}
