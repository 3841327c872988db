import type { DeveloperCuration } from '../curation-types.js';

// `grok-code-fast-1` was deprecated on xAI's API on 2026-05-15 (LiteLLM); `grok-code-fast` is the live name.
export const XAI: DeveloperCuration = {
  developer: 'xAI',
  origin: 'US',
  epochOrganization: 'xAI',
  models: [
    {
      id: 'grok-4.5',
      name: 'Grok 4.5',
      openWeights: false,
      license: 'proprietary',
      openrouter: 'x-ai/grok-4.5',
      offers: { xai: ['grok-4.5', 'grok-4.5-latest'] },
    },
    {
      id: 'grok-4.3',
      name: 'Grok 4.3',
      openWeights: false,
      license: 'proprietary',
      openrouter: 'x-ai/grok-4.3',
      offers: { xai: ['grok-4.3', 'grok-4.3-latest'] },
    },
    {
      id: 'grok-4',
      name: 'Grok 4',
      openWeights: false,
      license: 'proprietary',
      offers: { xai: ['grok-4', 'grok-4-latest'] },
      // Grok 4 always reasons, reads images and follows JSON schemas; the price list's flags predate that.
      capabilities: { vision: true, jsonOutput: true, reasoning: true },
    },
    {
      id: 'grok-4.1-fast',
      name: 'Grok 4.1 Fast',
      openWeights: false,
      license: 'proprietary',
      offers: { xai: 'grok-4-1-fast' },
    },
    {
      id: 'grok-code-fast',
      name: 'Grok Code Fast',
      openWeights: false,
      license: 'proprietary',
      offers: { xai: 'grok-code-fast' },
      aliases: ['grok-code-fast-1'],
    },
  ],
};
