import { loadDefaultCatalog } from '../catalog/load-catalog.js';
import { ConfigError } from '../config/config-error.js';
import { loadConfigFile } from '../config/load-config.js';
import type { ControlStore, KillTarget } from '../routing/policies/kill-switch.js';
import { killVocabulary, type KillVocabulary } from '../routing/policies/kill-vocabulary.js';
import { findSwitch, validateKillTarget } from '../routing/policies/validate-kill-target.js';

/**
 * The target `switchyard kill|unkill` acts on: checked against the config (when one is named) and the
 * catalog, in its canonical spelling, or the spelling of the switch already in force on the same thing.
 * A number is the exit code after the reason was printed: 2 for a name nothing knows (kill it anyway with
 * --force), 1 for a config that cannot be read. Releasing needs no known name: a switch may outlive the
 * provider it stopped.
 */
export async function checkKillTarget(
  action: 'kill' | 'unkill',
  text: string,
  opts: { force?: boolean },
  configPath: string | undefined,
  control: ControlStore,
): Promise<KillTarget | number> {
  const lenient = action === 'unkill' || opts.force === true;
  let vocabulary: KillVocabulary;
  try {
    vocabulary = loadKillVocabulary(configPath);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    if (!lenient) {
      console.error(`${err.message}\nThe kill target is checked against this config: correct it, or pass --force to skip the check.`);
      return 1;
    }
    vocabulary = loadKillVocabulary(undefined);
  }
  const checked = validateKillTarget(text, vocabulary, lenient);
  if (!checked.ok) {
    console.error(checked.unknown ? `${checked.message}\nTo kill a name that is not known yet, pass --force.` : checked.message);
    return 2;
  }
  return findSwitch(await control.listKills(), checked.target, vocabulary)?.target ?? checked.target;
}

/**
 * The names in the config and the catalog. Only names matter here, so the secrets a config refers to
 * (`${DEEPSEEK_API_KEY}`) need not be set in the shell that pulls a switch: they are left unresolved.
 */
function loadKillVocabulary(configPath: string | undefined): KillVocabulary {
  if (!configPath) return killVocabulary(loadDefaultCatalog());
  const config = loadConfigFile(configPath, process.env, { offline: true });
  return killVocabulary(loadDefaultCatalog(config.catalogOverrides), config);
}
