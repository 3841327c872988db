import type { DeveloperCuration } from '../curation-types.js';

const fw = (name: string) => `accounts/fireworks/models/${name}`;

// Moonshot retired kimi-k2-0711/0905-preview, kimi-k2-thinking(-turbo) and kimi-k2-turbo-preview on its own
// API on 2026-05-25 (LiteLLM's deprecation dates); those models stay listed through the hosts still serving them.
export const MOONSHOT: DeveloperCuration = {
  developer: 'Moonshot AI',
  origin: 'CN',
  epochOrganization: 'Moonshot',
  models: [
    {
      id: 'kimi-k2.6',
      name: 'Kimi K2.6',
      openWeights: true,
      license: 'Modified MIT',
      openrouter: 'moonshotai/kimi-k2.6',
      offers: { moonshot: 'kimi-k2.6', fireworks: fw('kimi-k2p6') },
    },
    {
      id: 'kimi-k2.5',
      name: 'Kimi K2.5',
      openWeights: true,
      license: 'Modified MIT',
      openrouter: 'moonshotai/kimi-k2.5',
      offers: { moonshot: 'kimi-k2.5', together: 'moonshotai/Kimi-K2.5', fireworks: fw('kimi-k2p5') },
    },
    {
      id: 'kimi-k2-thinking',
      name: 'Kimi K2 Thinking',
      openWeights: true,
      license: 'Modified MIT',
      openrouter: 'moonshotai/kimi-k2-thinking',
      offers: { fireworks: fw('kimi-k2-thinking') },
    },
    {
      id: 'kimi-k2-0905',
      name: 'Kimi K2 0905',
      openWeights: true,
      license: 'Modified MIT',
      openrouter: 'moonshotai/kimi-k2-0905',
      offers: {
        together: 'moonshotai/Kimi-K2-Instruct-0905',
        fireworks: fw('kimi-k2-instruct-0905'),
        groq: 'moonshotai/kimi-k2-instruct-0905',
      },
    },
    {
      id: 'kimi-k2',
      name: 'Kimi K2',
      openWeights: true,
      license: 'Modified MIT',
      openrouter: 'moonshotai/kimi-k2',
      offers: { together: 'moonshotai/Kimi-K2-Instruct', fireworks: fw('kimi-k2-instruct') },
    },
  ],
};
