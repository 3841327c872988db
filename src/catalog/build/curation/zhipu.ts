import type { DeveloperCuration } from '../curation-types.js';

const fw = (name: string) => `accounts/fireworks/models/${name}`;

// GLM-4.7-Flash is free on Z.ai's own API (a 0/0 price, not a production rate), so only hosts list it here.
export const ZHIPU: DeveloperCuration = {
  developer: 'Zhipu AI',
  origin: 'CN',
  epochOrganization: 'Zhipu AI',
  models: [
    {
      id: 'glm-5.1',
      name: 'GLM-5.1',
      openWeights: true,
      license: 'MIT',
      openrouter: 'z-ai/glm-5.1',
      offers: { zai: 'glm-5.1', fireworks: fw('glm-5p1') },
    },
    { id: 'glm-5', name: 'GLM-5', openWeights: true, license: 'MIT', openrouter: 'z-ai/glm-5', offers: { zai: 'glm-5' } },
    {
      id: 'glm-4.7',
      name: 'GLM-4.7',
      openWeights: true,
      license: 'MIT',
      openrouter: 'z-ai/glm-4.7',
      offers: { zai: 'glm-4.7', together: 'zai-org/GLM-4.7', fireworks: fw('glm-4p7') },
    },
    { id: 'glm-4.7-flash', name: 'GLM-4.7 Flash', openWeights: true, license: 'MIT', openrouter: 'z-ai/glm-4.7-flash' },
    { id: 'glm-4.6v', name: 'GLM-4.6V', openWeights: true, license: 'MIT', openrouter: 'z-ai/glm-4.6v' },
    {
      id: 'glm-4.6',
      name: 'GLM-4.6',
      openWeights: true,
      license: 'MIT',
      openrouter: 'z-ai/glm-4.6',
      offers: { zai: 'glm-4.6', together: 'zai-org/GLM-4.6', fireworks: fw('glm-4p6') },
    },
    {
      id: 'glm-4.5v',
      name: 'GLM-4.5V',
      openWeights: true,
      license: 'MIT',
      openrouter: 'z-ai/glm-4.5v',
      offers: { zai: 'glm-4.5v' },
    },
    {
      id: 'glm-4.5',
      name: 'GLM-4.5',
      openWeights: true,
      license: 'MIT',
      openrouter: 'z-ai/glm-4.5',
      offers: { zai: 'glm-4.5', fireworks: fw('glm-4p5') },
    },
    {
      id: 'glm-4.5-air',
      name: 'GLM-4.5 Air',
      openWeights: true,
      license: 'MIT',
      openrouter: 'z-ai/glm-4.5-air',
      offers: { zai: 'glm-4.5-air', together: 'zai-org/GLM-4.5-Air-FP8', fireworks: fw('glm-4p5-air') },
    },
  ],
};
