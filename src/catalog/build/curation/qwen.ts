import type { CuratedModel, DeveloperCuration } from '../curation-types.js';

const fw = (name: string) => `accounts/fireworks/models/${name}`;

/** An open-weight Qwen model under Apache-2.0 (every Qwen3-generation open release). */
function open(model: Omit<CuratedModel, 'openWeights' | 'license'>): CuratedModel {
  return { ...model, openWeights: true, license: 'Apache-2.0' };
}

function closed(model: Omit<CuratedModel, 'openWeights' | 'license'>): CuratedModel {
  return { ...model, openWeights: false, license: 'proprietary' };
}

export const QWEN: DeveloperCuration = {
  developer: 'Alibaba',
  origin: 'CN',
  epochOrganization: 'Alibaba',
  models: [
    closed({ id: 'qwen3-max', name: 'Qwen3 Max', openrouter: 'qwen/qwen3-max', offers: { qwen: 'qwen3-max' } }),
    closed({ id: 'qwen3.6-plus', name: 'Qwen3.6 Plus', openrouter: 'qwen/qwen3.6-plus' }),
    closed({ id: 'qwen3.5-plus', name: 'Qwen3.5 Plus', offers: { qwen: 'qwen3.5-plus' } }),
    closed({ id: 'qwen-plus', name: 'Qwen Plus', openrouter: 'qwen/qwen-plus', offers: { qwen: 'qwen-plus' } }),
    closed({
      id: 'qwen-flash',
      name: 'Qwen Flash',
      offers: { qwen: 'qwen-flash' },
      capabilities: { jsonOutput: true },
    }),
    closed({ id: 'qwen-turbo', name: 'Qwen Turbo', offers: { qwen: 'qwen-turbo' }, capabilities: { jsonOutput: true } }),
    closed({
      id: 'qwen3-coder-plus',
      name: 'Qwen3 Coder Plus',
      openrouter: 'qwen/qwen3-coder-plus',
      offers: { qwen: 'qwen3-coder-plus' },
    }),
    closed({
      id: 'qwen3-coder-flash',
      name: 'Qwen3 Coder Flash',
      openrouter: 'qwen/qwen3-coder-flash',
      offers: { qwen: 'qwen3-coder-flash' },
    }),
    open({ id: 'qwen3.6-35b-a3b', name: 'Qwen3.6 35B A3B', openrouter: 'qwen/qwen3.6-35b-a3b' }),
    open({
      id: 'qwen3.5-397b-a17b',
      name: 'Qwen3.5 397B A17B',
      openrouter: 'qwen/qwen3.5-397b-a17b',
      offers: { together: 'Qwen/Qwen3.5-397B-A17B' },
    }),
    open({ id: 'qwen3.5-122b-a10b', name: 'Qwen3.5 122B A10B', openrouter: 'qwen/qwen3.5-122b-a10b' }),
    open({ id: 'qwen3.5-35b-a3b', name: 'Qwen3.5 35B A3B', openrouter: 'qwen/qwen3.5-35b-a3b' }),
    open({ id: 'qwen3.5-27b', name: 'Qwen3.5 27B', openrouter: 'qwen/qwen3.5-27b' }),
    open({
      id: 'qwen3-235b-a22b-instruct-2507',
      name: 'Qwen3 235B A22B Instruct 2507',
      openrouter: 'qwen/qwen3-235b-a22b-2507',
      offers: {
        together: {
          model: 'Qwen/Qwen3-235B-A22B-Instruct-2507-tput',
          // LiteLLM lists 0.2/6; its own sibling entries put the 6 ten times too high.
          correction: {
            output: 0.6,
            evidence:
              "LiteLLM's output price of 6 is ten times its siblings' (Together's own Qwen3 235B A22B fp8-tput 0.2/0.6, " +
              'Fireworks 0.22/0.88 for this model, OpenRouter 0.09/0.55), a misplaced decimal point; 0.6 is the sibling rate',
          },
        },
        fireworks: fw('qwen3-235b-a22b-instruct-2507'),
      },
    }),
    open({
      id: 'qwen3-235b-a22b-thinking-2507',
      name: 'Qwen3 235B A22B Thinking 2507',
      openrouter: 'qwen/qwen3-235b-a22b-thinking-2507',
      offers: { together: 'Qwen/Qwen3-235B-A22B-Thinking-2507', fireworks: fw('qwen3-235b-a22b-thinking-2507') },
    }),
    open({
      id: 'qwen3-235b-a22b',
      name: 'Qwen3 235B A22B',
      openrouter: 'qwen/qwen3-235b-a22b',
      offers: { together: 'Qwen/Qwen3-235B-A22B-fp8-tput', fireworks: fw('qwen3-235b-a22b') },
      aliases: ['qwen3:235b'],
    }),
    open({
      id: 'qwen3-32b',
      name: 'Qwen3 32B',
      openrouter: 'qwen/qwen3-32b',
      offers: { groq: 'qwen/qwen3-32b', fireworks: fw('qwen3-32b') },
      aliases: ['qwen3:32b'],
    }),
    open({
      id: 'qwen3-30b-a3b',
      name: 'Qwen3 30B A3B',
      openrouter: 'qwen/qwen3-30b-a3b',
      offers: { fireworks: fw('qwen3-30b-a3b') },
    }),
    open({
      id: 'qwen3-30b-a3b-instruct-2507',
      name: 'Qwen3 30B A3B Instruct 2507',
      openrouter: 'qwen/qwen3-30b-a3b-instruct-2507',
      offers: { fireworks: fw('qwen3-30b-a3b-instruct-2507') },
    }),
    open({
      id: 'qwen3-30b-a3b-thinking-2507',
      name: 'Qwen3 30B A3B Thinking 2507',
      openrouter: 'qwen/qwen3-30b-a3b-thinking-2507',
      offers: { fireworks: fw('qwen3-30b-a3b-thinking-2507') },
    }),
    open({
      id: 'qwen3-14b',
      name: 'Qwen3 14B',
      openrouter: 'qwen/qwen3-14b',
      offers: { fireworks: fw('qwen3-14b') },
      aliases: ['qwen3:14b'],
    }),
    open({
      id: 'qwen3-8b',
      name: 'Qwen3 8B',
      openrouter: 'qwen/qwen3-8b',
      offers: { fireworks: fw('qwen3-8b') },
      aliases: ['qwen3:8b'],
    }),
    open({
      id: 'qwen3-coder-480b-a35b-instruct',
      name: 'Qwen3 Coder 480B A35B Instruct',
      openrouter: 'qwen/qwen3-coder',
      offers: { together: 'Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8', fireworks: fw('qwen3-coder-480b-a35b-instruct') },
      aliases: ['qwen3-coder:480b'],
    }),
    open({
      id: 'qwen3-coder-30b-a3b-instruct',
      name: 'Qwen3 Coder 30B A3B Instruct',
      openrouter: 'qwen/qwen3-coder-30b-a3b-instruct',
      offers: { fireworks: fw('qwen3-coder-30b-a3b-instruct') },
      aliases: ['qwen3-coder:30b'],
    }),
    open({
      id: 'qwen3-next-80b-a3b-instruct',
      name: 'Qwen3 Next 80B A3B Instruct',
      openrouter: 'qwen/qwen3-next-80b-a3b-instruct',
      offers: { qwen: 'qwen3-next-80b-a3b-instruct', together: 'Qwen/Qwen3-Next-80B-A3B-Instruct' },
    }),
    open({
      id: 'qwen3-next-80b-a3b-thinking',
      name: 'Qwen3 Next 80B A3B Thinking',
      openrouter: 'qwen/qwen3-next-80b-a3b-thinking',
      offers: { qwen: 'qwen3-next-80b-a3b-thinking', together: 'Qwen/Qwen3-Next-80B-A3B-Thinking' },
    }),
    open({
      id: 'qwen3-vl-235b-a22b-instruct',
      name: 'Qwen3 VL 235B A22B Instruct',
      openrouter: 'qwen/qwen3-vl-235b-a22b-instruct',
      offers: { qwen: 'qwen3-vl-235b-a22b-instruct', fireworks: fw('qwen3-vl-235b-a22b-instruct') },
    }),
    open({
      id: 'qwen3-vl-235b-a22b-thinking',
      name: 'Qwen3 VL 235B A22B Thinking',
      openrouter: 'qwen/qwen3-vl-235b-a22b-thinking',
      offers: { qwen: 'qwen3-vl-235b-a22b-thinking', fireworks: fw('qwen3-vl-235b-a22b-thinking') },
    }),
    open({
      id: 'qwen3-vl-32b-instruct',
      name: 'Qwen3 VL 32B Instruct',
      openrouter: 'qwen/qwen3-vl-32b-instruct',
      offers: { qwen: 'qwen3-vl-32b-instruct' },
    }),
    open({
      id: 'qwen3-vl-30b-a3b-instruct',
      name: 'Qwen3 VL 30B A3B Instruct',
      openrouter: 'qwen/qwen3-vl-30b-a3b-instruct',
      offers: { fireworks: fw('qwen3-vl-30b-a3b-instruct') },
    }),
    {
      id: 'qwen2.5-72b-instruct',
      name: 'Qwen2.5 72B Instruct',
      openWeights: true,
      license: 'Qwen License',
      openrouter: 'qwen/qwen-2.5-72b-instruct',
      offers: { fireworks: fw('qwen2p5-72b-instruct') },
      aliases: ['qwen2.5:72b'],
    },
    open({
      id: 'qwen2.5-coder-32b-instruct',
      name: 'Qwen2.5 Coder 32B Instruct',
      openrouter: 'qwen/qwen-2.5-coder-32b-instruct',
      aliases: ['qwen2.5-coder:32b'],
    }),
    open({
      id: 'qwen2.5-7b-instruct',
      name: 'Qwen2.5 7B Instruct',
      openrouter: 'qwen/qwen-2.5-7b-instruct',
      aliases: ['qwen2.5:7b'],
    }),
  ],
};
