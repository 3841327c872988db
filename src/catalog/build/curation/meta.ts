import type { DeveloperCuration } from '../curation-types.js';

const fw = (name: string) => `accounts/fireworks/models/${name}`;

export const META: DeveloperCuration = {
  developer: 'Meta',
  origin: 'US',
  epochOrganization: 'Meta AI',
  models: [
    {
      id: 'llama-4-maverick',
      name: 'Llama 4 Maverick',
      openWeights: true,
      license: 'Llama 4 Community License',
      openrouter: 'meta-llama/llama-4-maverick',
      offers: {
        groq: 'meta-llama/llama-4-maverick-17b-128e-instruct',
        together: 'meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8',
        fireworks: fw('llama4-maverick-instruct-basic'),
      },
      aliases: ['llama4:maverick'],
    },
    {
      id: 'llama-4-scout',
      name: 'Llama 4 Scout',
      openWeights: true,
      license: 'Llama 4 Community License',
      openrouter: 'meta-llama/llama-4-scout',
      offers: {
        groq: 'meta-llama/llama-4-scout-17b-16e-instruct',
        together: 'meta-llama/Llama-4-Scout-17B-16E-Instruct',
        fireworks: fw('llama4-scout-instruct-basic'),
      },
      aliases: ['llama4:scout'],
    },
    {
      id: 'llama-3.3-70b-instruct',
      name: 'Llama 3.3 70B Instruct',
      openWeights: true,
      license: 'Llama 3.3 Community License',
      openrouter: 'meta-llama/llama-3.3-70b-instruct',
      offers: {
        groq: 'llama-3.3-70b-versatile',
        together: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
        fireworks: fw('llama-v3p3-70b-instruct'),
      },
      aliases: ['llama3.3:70b', 'llama3.3'],
    },
    {
      id: 'llama-3.1-405b-instruct',
      name: 'Llama 3.1 405B Instruct',
      openWeights: true,
      license: 'Llama 3.1 Community License',
      offers: { together: 'meta-llama/Meta-Llama-3.1-405B-Instruct-Turbo', fireworks: fw('llama-v3p1-405b-instruct') },
      aliases: ['meta-llama/Llama-3.1-405B-Instruct', 'meta-llama/Meta-Llama-3.1-405B-Instruct', 'llama3.1:405b'],
      contextLength: 131072,
    },
    {
      id: 'llama-3.1-70b-instruct',
      name: 'Llama 3.1 70B Instruct',
      openWeights: true,
      license: 'Llama 3.1 Community License',
      openrouter: 'meta-llama/llama-3.1-70b-instruct',
      offers: { together: 'meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo', fireworks: fw('llama-v3p1-70b-instruct') },
      aliases: ['meta-llama/Llama-3.1-70B-Instruct', 'llama3.1:70b'],
    },
    {
      id: 'llama-3.1-8b-instruct',
      name: 'Llama 3.1 8B Instruct',
      openWeights: true,
      license: 'Llama 3.1 Community License',
      openrouter: 'meta-llama/llama-3.1-8b-instruct',
      offers: {
        groq: 'llama-3.1-8b-instant',
        together: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo',
        fireworks: fw('llama-v3p1-8b-instruct'),
      },
      aliases: ['meta-llama/Llama-3.1-8B-Instruct', 'llama3.1:8b', 'llama3.1'],
    },
    {
      id: 'llama-3.2-3b-instruct',
      name: 'Llama 3.2 3B Instruct',
      openWeights: true,
      license: 'Llama 3.2 Community License',
      openrouter: 'meta-llama/llama-3.2-3b-instruct',
      offers: { fireworks: fw('llama-v3p2-3b-instruct') },
      aliases: ['llama3.2:3b', 'llama3.2'],
    },
    {
      id: 'llama-3.2-1b-instruct',
      name: 'Llama 3.2 1B Instruct',
      openWeights: true,
      license: 'Llama 3.2 Community License',
      openrouter: 'meta-llama/llama-3.2-1b-instruct',
      offers: { fireworks: fw('llama-v3p2-1b-instruct') },
      aliases: ['llama3.2:1b'],
    },
  ],
};
