import { findKey, keyMatchProblem } from './find-key.js';
import type { KeyRecord, Principal, TeamBudget } from './key-record.js';

/** Thrown for a key or team that names no caller the gateway would serve. */
export class CallerError extends Error {}

/**
 * The principal the gateway would authenticate for a key (its id, or the prefix `keys list` prints, with or
 * without the "…") or for a team; undefined for an unrestricted caller (the master key, an open gateway).
 * The team's shared budget, among `teamBudgets`, comes with it, as the gateway's authenticator adds it.
 */
export function callerOf(who: { key?: string; team?: string }, keys: readonly KeyRecord[], teamBudgets: readonly TeamBudget[] = []): Principal | undefined {
  const budgetOf = (team: string) => {
    const teamBudget = teamBudgets.find((b) => b.team === team);
    return teamBudget && { teamBudget };
  };
  if (who.key === undefined) return who.team === undefined ? undefined : { team: who.team, master: false, ...budgetOf(who.team) };
  const match = findKey(who.key, keys);
  if (!match.found) throw new CallerError(keyMatchProblem(who.key, match));
  const record = match.found;
  if (record.revokedAt !== undefined) throw new CallerError(`Key ${record.prefix}… is revoked: the gateway answers 401 to it.`);
  if (record.expiresAt !== undefined && record.expiresAt <= Date.now()) {
    throw new CallerError(`Key ${record.prefix}… expired at ${new Date(record.expiresAt).toISOString()}: the gateway answers 401 to it.`);
  }
  if (who.team !== undefined && who.team !== record.team) throw new CallerError(`Key ${record.prefix}… belongs to team '${record.team}', not '${who.team}'.`);
  return { keyId: record.id, team: record.team, master: false, record, ...budgetOf(record.team) };
}
