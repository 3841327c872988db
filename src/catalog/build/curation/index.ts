import type { DeveloperCuration } from '../curation-types.js';
import { ANTHROPIC } from './anthropic.js';
import { DEEPSEEK } from './deepseek.js';
import { GOOGLE } from './google.js';
import { META } from './meta.js';
import { MINIMAX } from './minimax.js';
import { MISTRAL } from './mistral.js';
import { MOONSHOT } from './moonshot.js';
import { OPENAI } from './openai.js';
import { QWEN } from './qwen.js';
import { XAI } from './xai.js';
import { ZHIPU } from './zhipu.js';

/** Every curated developer, in the order the catalog lists them. */
export const CURATED_DEVELOPERS: readonly DeveloperCuration[] = [
  DEEPSEEK,
  QWEN,
  MOONSHOT,
  ZHIPU,
  MINIMAX,
  MISTRAL,
  META,
  OPENAI,
  ANTHROPIC,
  GOOGLE,
  XAI,
];
