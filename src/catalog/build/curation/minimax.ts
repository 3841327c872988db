import type { DeveloperCuration } from '../curation-types.js';

const fw = (name: string) => `accounts/fireworks/models/${name}`;

// Not in Epoch AI's list (up to May 2025): origin from the shared README (MiniMax, Shanghai, China).
// M2.5 and M2.7 are left out: their licence terms could not be confirmed.
export const MINIMAX: DeveloperCuration = {
  developer: 'MiniMax',
  origin: 'CN',
  models: [
    {
      id: 'minimax-m3',
      name: 'MiniMax M3',
      openWeights: true,
      license: 'MiniMax Community License',
      openrouter: 'minimax/minimax-m3',
      offers: { minimax: 'MiniMax-M3', fireworks: fw('minimax-m3') },
    },
    {
      id: 'minimax-m2.1',
      name: 'MiniMax M2.1',
      openWeights: true,
      license: 'Modified MIT',
      openrouter: 'minimax/minimax-m2.1',
      offers: { minimax: ['MiniMax-M2.1', 'MiniMax-M2.1-lightning'], fireworks: fw('minimax-m2p1') },
    },
    {
      id: 'minimax-m2',
      name: 'MiniMax M2',
      openWeights: true,
      license: 'MIT',
      openrouter: 'minimax/minimax-m2',
      offers: { minimax: 'MiniMax-M2' },
    },
    {
      id: 'minimax-m1',
      name: 'MiniMax M1',
      openWeights: true,
      license: 'Apache-2.0',
      openrouter: 'minimax/minimax-m1',
      aliases: ['MiniMaxAI/MiniMax-M1-80k'],
    },
  ],
};
