import { closestNames } from '../../text/closest-names.js';
import { printable } from '../admin/reject-unknown-fields.js';
import { invalid, type Obj } from './read-fields.js';

/**
 * The rule for the closed objects inside a request (`provider`, `provider.max_price`, `router`): a key the
 * gateway does not read is a 400 naming it (`provider.orderr`), never dropped in silence, since a misspelt
 * preference would otherwise route as if it had not been asked for. `unapplied` names keys that mean
 * something elsewhere (OpenRouter's preferences this gateway does not implement), so the answer says that
 * rather than calling them misspellings.
 */
export function rejectUnknownKeys(obj: Obj, path: string, known: readonly string[], unapplied: readonly string[] = []): void {
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue;
    const param = `${path}.${printable(key)}`;
    if (unapplied.includes(key)) {
      throw invalid(param, `an OpenRouter preference this gateway does not apply; remove it. '${path}' takes: ${known.join(', ')}.`);
    }
    const meant = closestNames(key, known, 1)[0];
    throw invalid(param, `unknown field${meant ? ` (did you mean '${meant}'?)` : ''}; '${path}' takes: ${known.join(', ')}.`);
  }
}
