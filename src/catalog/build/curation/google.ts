import type { CuratedModel, DeveloperCuration } from '../curation-types.js';

function gemini(id: string, name: string, apiNames: string[] = [id]): CuratedModel {
  return { id, name, openWeights: false, license: 'proprietary', openrouter: `google/${id}`, offers: { gemini: apiNames } };
}

// Gemma on the Gemini API is free of charge (no production price), so Gemma offers come from hosts.
export const GOOGLE: DeveloperCuration = {
  developer: 'Google',
  origin: 'US',
  epochOrganization: 'Google',
  models: [
    gemini('gemini-3.1-pro-preview', 'Gemini 3.1 Pro Preview'),
    gemini('gemini-3.6-flash', 'Gemini 3.6 Flash'),
    gemini('gemini-3.5-flash', 'Gemini 3.5 Flash'),
    gemini('gemini-3-flash-preview', 'Gemini 3 Flash Preview'),
    gemini('gemini-3.5-flash-lite', 'Gemini 3.5 Flash-Lite'),
    gemini('gemini-3.1-flash-lite', 'Gemini 3.1 Flash-Lite', ['gemini-3.1-flash-lite', 'gemini-3.1-flash-lite-preview']),
    gemini('gemini-2.5-pro', 'Gemini 2.5 Pro'),
    gemini('gemini-2.5-flash', 'Gemini 2.5 Flash'),
    gemini('gemini-2.5-flash-lite', 'Gemini 2.5 Flash-Lite'),
    { id: 'gemma-4-31b-it', name: 'Gemma 4 31B', openWeights: true, license: 'Apache-2.0', openrouter: 'google/gemma-4-31b-it' },
    {
      id: 'gemma-4-26b-a4b-it',
      name: 'Gemma 4 26B A4B',
      openWeights: true,
      license: 'Apache-2.0',
      openrouter: 'google/gemma-4-26b-a4b-it',
    },
    {
      id: 'gemma-3-27b-it',
      name: 'Gemma 3 27B',
      openWeights: true,
      license: 'Gemma Terms of Use',
      openrouter: 'google/gemma-3-27b-it',
      offers: { fireworks: 'accounts/fireworks/models/gemma-3-27b-it' },
      aliases: ['gemma3:27b'],
    },
    {
      id: 'gemma-3-12b-it',
      name: 'Gemma 3 12B',
      openWeights: true,
      license: 'Gemma Terms of Use',
      openrouter: 'google/gemma-3-12b-it',
      aliases: ['gemma3:12b'],
    },
    {
      id: 'gemma-3-4b-it',
      name: 'Gemma 3 4B',
      openWeights: true,
      license: 'Gemma Terms of Use',
      openrouter: 'google/gemma-3-4b-it',
      aliases: ['gemma3:4b'],
    },
    {
      id: 'gemma-3n-e4b-it',
      name: 'Gemma 3n E4B',
      openWeights: true,
      license: 'Gemma Terms of Use',
      openrouter: 'google/gemma-3n-e4b-it',
      aliases: ['gemma3n:e4b'],
    },
  ],
};
