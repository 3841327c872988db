import { closestNames } from '../../text/closest-names.js';
import { developerSlug } from './developer-name.js';
import { COUNTRY_CODE_MIXUPS, ISO_COUNTRIES } from './iso-countries.js';
import { killTargetText, parseKillTarget, type KillSwitch, type KillTarget, type KillTargetKind } from './kill-switch.js';
import { canonicalDeveloper, type KillVocabulary } from './kill-vocabulary.js';

export type KillTargetCheck =
  | { ok: true; target: KillTarget }
  /** `unknown`: the name is well formed but not known yet, so forcing would store it. */
  | { ok: false; message: string; unknown: boolean };

/**
 * A kill target as typed, checked against what the catalog and config know and written in its one
 * canonical spelling (so `developer:moonshot` and `developer:"Moonshot AI"` are one switch). A switch on a
 * name nothing knows would stop nothing, silently; `force` stores such a name anyway (a provider or model
 * about to be added), still canonicalised.
 */
export function validateKillTarget(text: string, vocabulary: KillVocabulary, force = false): KillTargetCheck {
  const parsed = parseKillTarget(text);
  if (typeof parsed === 'string') return { ok: false, message: parsed, unknown: false };
  const { kind, value } = parsed;
  if (kind === 'origin' && !/^[A-Z]{2}$/.test(value)) {
    return { ok: false, message: `'${value}' is not a country code: origin:<ISO 3166-1 alpha-2 code>, such as origin:CN, or origin:EU.`, unknown: false };
  }
  if (kind === 'developer' && canonicalDeveloper(value) === '') {
    return { ok: false, message: `'${value}' is not a developer name: it has no letters or digits.`, unknown: false };
  }
  const canonical = canonicalValue(kind, value, vocabulary);
  if (canonical !== undefined) return { ok: true, target: { kind, value: canonical } };
  // a country code is a fact, not a name still to come; a configured model name would match nothing
  const forceable = kind !== 'origin' && !vocabulary.configuredOnly.has(value.toLowerCase());
  if (force && forceable) return { ok: true, target: { kind, value: forcedValue(kind, value) } };
  return { ok: false, message: unknownMessage(kind, value, vocabulary), unknown: forceable };
}

/** The switch in force on the same thing as `target`, however either was spelled (one stored before canonical spellings included). */
export function findSwitch(kills: readonly KillSwitch[], target: KillTarget, vocabulary: KillVocabulary): KillSwitch | undefined {
  const key = sameKey(target, vocabulary);
  return kills.find((s) => s.target.kind === target.kind && sameKey(s.target, vocabulary) === key);
}

/** The canonical value of a known name; undefined when the name is not known. */
function canonicalValue(kind: KillTargetKind, value: string, v: KillVocabulary): string | undefined {
  switch (kind) {
    case 'provider':
      return v.providers.has(value.toLowerCase()) ? value.toLowerCase() : undefined;
    case 'developer':
      return v.developers.get(developerSlug(value));
    case 'origin':
      return ISO_COUNTRIES.has(value) || v.origins.has(value) ? value : undefined;
    case 'model':
      return v.models.get(value.toLowerCase());
  }
}

function forcedValue(kind: KillTargetKind, value: string): string {
  if (kind === 'origin') return value.toUpperCase();
  return kind === 'developer' ? canonicalDeveloper(value) : value.toLowerCase();
}

/** What two spellings of one target share: the canonical value when known, else what the kill set compares. */
function sameKey(t: KillTarget, v: KillVocabulary): string {
  if (t.kind === 'developer') return developerSlug(t.value);
  return canonicalValue(t.kind, t.value, v) ?? forcedValue(t.kind, t.value);
}

function unknownMessage(kind: KillTargetKind, value: string, v: KillVocabulary): string {
  const target = killTargetText({ kind, value });
  switch (kind) {
    case 'provider': {
      const known = [...v.providers].sort();
      return `${target} names no provider: neither a provider id in the config nor a provider type.${hint(value, known)} Known: ${known.join(', ')}.`;
    }
    case 'developer': {
      const known = [...v.developers.values()].sort();
      return `${target} names no developer the catalog or the config knows.${hint(value, known)} Known: ${known.join(', ')}.`;
    }
    case 'origin': {
      const meant = COUNTRY_CODE_MIXUPS[value];
      return `${target}: '${value}' is not an ISO 3166-1 alpha-2 country code.${meant ? ` Did you mean origin:${meant}?` : ''} Use a code such as CN, US, FR, or EU for the European Union's members.`;
    }
    case 'model': {
      const served = v.configuredOnly.get(value.toLowerCase());
      if (served) {
        return `${target} is a model name of the config, and a kill switch matches the model a deployment serves, not the name clients ask for: kill ${served.map((m) => `model:${m}`).join(' or ')} (or their providers).`;
      }
      return `${target} names no model the catalog or the config knows (a catalog id or alias, or a provider's model name).${hint(value, v.models.keys())} \`switchyard catalog\` lists the catalog's models.`;
    }
  }
}

function hint(value: string, known: Iterable<string>): string {
  const near = closestNames(value, known);
  return near.length > 0 ? ` Did you mean ${near.map((n) => `'${n}'`).join(' or ')}?` : '';
}
