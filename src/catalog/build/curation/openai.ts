import type { CuratedModel, DeveloperCuration } from '../curation-types.js';

const fw = (name: string) => `accounts/fireworks/models/${name}`;

/** A closed OpenAI model on OpenAI's API (under its name and any dated snapshots) and on OpenRouter. */
function api(id: string, name: string, snapshots: string[] = []): CuratedModel {
  return {
    id,
    name,
    openWeights: false,
    license: 'proprietary',
    openrouter: `openai/${id}`,
    offers: { openai: [id, ...snapshots] },
  };
}

export const OPENAI: DeveloperCuration = {
  developer: 'OpenAI',
  origin: 'US',
  epochOrganization: 'OpenAI',
  models: [
    {
      id: 'gpt-oss-120b',
      name: 'gpt-oss-120b',
      openWeights: true,
      license: 'Apache-2.0',
      openrouter: 'openai/gpt-oss-120b',
      offers: {
        groq: 'openai/gpt-oss-120b',
        together: 'openai/gpt-oss-120b',
        fireworks: fw('gpt-oss-120b'),
      },
      aliases: ['gpt-oss:120b'],
    },
    {
      id: 'gpt-oss-20b',
      name: 'gpt-oss-20b',
      openWeights: true,
      license: 'Apache-2.0',
      openrouter: 'openai/gpt-oss-20b',
      offers: {
        groq: 'openai/gpt-oss-20b',
        together: 'openai/gpt-oss-20b',
        fireworks: fw('gpt-oss-20b'),
      },
      aliases: ['gpt-oss:20b'],
    },
    {
      id: 'gpt-oss-safeguard-20b',
      name: 'gpt-oss-safeguard-20b',
      openWeights: true,
      license: 'Apache-2.0',
      openrouter: 'openai/gpt-oss-safeguard-20b',
      offers: { groq: 'openai/gpt-oss-safeguard-20b' },
    },
    api('gpt-5.5', 'GPT-5.5', ['gpt-5.5-2026-04-23']),
    api('gpt-5.4', 'GPT-5.4', ['gpt-5.4-2026-03-05']),
    api('gpt-5.4-mini', 'GPT-5.4 mini', ['gpt-5.4-mini-2026-03-17']),
    api('gpt-5.4-nano', 'GPT-5.4 nano', ['gpt-5.4-nano-2026-03-17']),
    api('gpt-5.2', 'GPT-5.2', ['gpt-5.2-2025-12-11']),
    api('gpt-5.1', 'GPT-5.1', ['gpt-5.1-2025-11-13']),
    api('gpt-5', 'GPT-5', ['gpt-5-2025-08-07']),
    api('gpt-5-mini', 'GPT-5 mini', ['gpt-5-mini-2025-08-07']),
    api('gpt-5-nano', 'GPT-5 nano', ['gpt-5-nano-2025-08-07']),
    api('gpt-4.1', 'GPT-4.1', ['gpt-4.1-2025-04-14']),
    api('gpt-4.1-mini', 'GPT-4.1 mini', ['gpt-4.1-mini-2025-04-14']),
    api('gpt-4.1-nano', 'GPT-4.1 nano', ['gpt-4.1-nano-2025-04-14']),
    api('gpt-4o', 'GPT-4o', ['gpt-4o-2024-08-06', 'gpt-4o-2024-11-20']),
    api('gpt-4o-mini', 'GPT-4o mini', ['gpt-4o-mini-2024-07-18']),
    api('o3', 'o3', ['o3-2025-04-16']),
    api('o4-mini', 'o4-mini', ['o4-mini-2025-04-16']),
    api('o3-mini', 'o3-mini', ['o3-mini-2025-01-31']),
  ],
};
