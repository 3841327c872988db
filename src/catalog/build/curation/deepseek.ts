import type { DeveloperCuration } from '../curation-types.js';

const fw = (name: string) => `accounts/fireworks/models/${name}`;

export const DEEPSEEK: DeveloperCuration = {
  developer: 'DeepSeek',
  origin: 'CN',
  epochOrganization: 'DeepSeek',
  models: [
    {
      id: 'deepseek-v4-pro',
      name: 'DeepSeek V4 Pro',
      openWeights: true,
      license: 'MIT',
      openrouter: 'deepseek/deepseek-v4-pro',
      offers: { deepseek: 'deepseek-v4-pro', fireworks: fw('deepseek-v4-pro') },
    },
    {
      id: 'deepseek-v4-flash',
      name: 'DeepSeek V4 Flash',
      openWeights: true,
      license: 'MIT',
      openrouter: 'deepseek/deepseek-v4-flash',
      offers: { deepseek: 'deepseek-v4-flash', fireworks: fw('deepseek-v4-flash') },
    },
    {
      // DeepSeek's API serves V3.2 as `deepseek-chat` (non-thinking) and `deepseek-reasoner` (thinking).
      id: 'deepseek-v3.2',
      name: 'DeepSeek V3.2',
      openWeights: true,
      license: 'MIT',
      openrouter: 'deepseek/deepseek-v3.2',
      offers: { deepseek: ['deepseek-chat', 'deepseek-reasoner'], fireworks: fw('deepseek-v3p2') },
    },
    {
      id: 'deepseek-v3.2-exp',
      name: 'DeepSeek V3.2 Exp',
      openWeights: true,
      license: 'MIT',
      openrouter: 'deepseek/deepseek-v3.2-exp',
    },
    {
      id: 'deepseek-v3.1-terminus',
      name: 'DeepSeek V3.1 Terminus',
      openWeights: true,
      license: 'MIT',
      openrouter: 'deepseek/deepseek-v3.1-terminus',
      offers: { fireworks: fw('deepseek-v3p1-terminus') },
    },
    {
      id: 'deepseek-v3.1',
      name: 'DeepSeek V3.1',
      openWeights: true,
      license: 'MIT',
      openrouter: 'deepseek/deepseek-chat-v3.1',
      offers: { together: 'deepseek-ai/DeepSeek-V3.1', fireworks: fw('deepseek-v3p1') },
      aliases: ['deepseek-v3.1:671b'],
    },
    {
      id: 'deepseek-r1-0528',
      name: 'DeepSeek R1 0528',
      openWeights: true,
      license: 'MIT',
      openrouter: 'deepseek/deepseek-r1-0528',
      offers: { together: 'deepseek-ai/DeepSeek-R1-0528-tput', fireworks: fw('deepseek-r1-0528') },
    },
    {
      id: 'deepseek-r1',
      name: 'DeepSeek R1',
      openWeights: true,
      license: 'MIT',
      openrouter: 'deepseek/deepseek-r1',
      offers: { together: 'deepseek-ai/DeepSeek-R1', fireworks: fw('deepseek-r1') },
    },
    {
      id: 'deepseek-v3-0324',
      name: 'DeepSeek V3 0324',
      openWeights: true,
      license: 'MIT',
      openrouter: 'deepseek/deepseek-chat-v3-0324',
      offers: { fireworks: fw('deepseek-v3-0324') },
    },
    {
      id: 'deepseek-v3',
      name: 'DeepSeek V3',
      openWeights: true,
      license: 'DeepSeek License',
      openrouter: 'deepseek/deepseek-chat',
      offers: { together: 'deepseek-ai/DeepSeek-V3', fireworks: fw('deepseek-v3') },
    },
  ],
};
