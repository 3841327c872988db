import type { CuratedModel, DeveloperCuration } from '../curation-types.js';

/**
 * A Claude model: the catalog and OpenRouter write versions with a dot (`claude-sonnet-4.5`), Anthropic's
 * API with a dash (`claude-sonnet-4-5`), plus dated snapshot names.
 */
function claude(id: string, name: string, apiNames: string[] = [id.replace(/\./g, '-')]): CuratedModel {
  return {
    id,
    name,
    openWeights: false,
    license: 'proprietary',
    openrouter: `anthropic/${id}`,
    offers: apiNames.length > 0 ? { anthropic: apiNames } : {},
  };
}

// Claude Sonnet 4 and Opus 4.1's dated names were retired on Anthropic's API before this snapshot;
// Sonnet 4 stays listed through OpenRouter.
export const ANTHROPIC: DeveloperCuration = {
  developer: 'Anthropic',
  origin: 'US',
  epochOrganization: 'Anthropic',
  models: [
    claude('claude-fable-5', 'Claude Fable 5'),
    claude('claude-opus-5', 'Claude Opus 5'),
    claude('claude-sonnet-5', 'Claude Sonnet 5'),
    claude('claude-opus-4.8', 'Claude Opus 4.8'),
    claude('claude-opus-4.7', 'Claude Opus 4.7', ['claude-opus-4-7', 'claude-opus-4-7-20260416']),
    claude('claude-opus-4.6', 'Claude Opus 4.6', ['claude-opus-4-6', 'claude-opus-4-6-20260205']),
    claude('claude-sonnet-4.6', 'Claude Sonnet 4.6'),
    claude('claude-opus-4.5', 'Claude Opus 4.5', ['claude-opus-4-5', 'claude-opus-4-5-20251101']),
    claude('claude-sonnet-4.5', 'Claude Sonnet 4.5', ['claude-sonnet-4-5', 'claude-sonnet-4-5-20250929']),
    claude('claude-haiku-4.5', 'Claude Haiku 4.5', ['claude-haiku-4-5', 'claude-haiku-4-5-20251001']),
    claude('claude-opus-4.1', 'Claude Opus 4.1'),
    claude('claude-sonnet-4', 'Claude Sonnet 4', []),
    claude('claude-3-haiku', 'Claude 3 Haiku', ['claude-3-haiku-20240307']),
  ],
};
