import { CODE_FEATURE_NAMES } from './code-features.js';

/** How prompts become feature vectors; stored in the model file so scoring uses exactly what training used. */
export interface FeatureConfig {
  version: 1;
  /** The hashed part has 2^dimBits signed buckets. */
  dimBits: number;
  /** Character n-gram length (over lowercased text, digits folded to 0). */
  charN: number;
  /** Only the first headChars and the last tailChars of a long prompt are hashed (the statistics see it all). */
  headChars: number;
  tailChars: number;
}

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = Object.freeze({ version: 1, dimBits: 15, charN: 4, headChars: 1024, tailChars: 512 });

/** Names of the dense features, in vector order. */
export const DENSE_FEATURE_NAMES = [
  'log_chars',
  'log_words',
  'log_last_user_chars',
  'user_turns',
  'messages',
  'system_prompt',
  'log_system_chars',
  'tools_requested',
  'json_requested',
  'code_fence',
  'code_tokens',
  'math_markup',
  'digit_share',
  'operator_share',
  'question_marks',
  'multiple_choice',
  'non_ascii_share',
  'cjk_share',
  'cyrillic_share',
  'other_script_share',
  'newline_share',
  'upper_share',
  'mean_word_length',
  'numbers',
] as const;

/**
 * Math and code structure statistics, computed after the ones above. Only boosted trees (kind gbt) use them; the
 * linear models (lr, mlp) read the first DENSE_DIM values, so their model files are unchanged by these.
 */
export const STRUCTURE_FEATURE_NAMES = [
  'nesting_depth',
  'max_number_digits',
  'latex_commands',
  'equals_signs',
  'code_lines',
  'loops',
  'branches',
  'indent_depth',
  'method_calls',
  'slices',
] as const;

export const DENSE_DIM = DENSE_FEATURE_NAMES.length;

/** Every dense statistic, in vector order: what boosted trees see. */
export const TREE_FEATURE_NAMES = [...DENSE_FEATURE_NAMES, ...STRUCTURE_FEATURE_NAMES] as const;
export const TREE_DENSE_DIM = TREE_FEATURE_NAMES.length;

/** What the lr + gbt ensemble (kind ens) sees: the dense statistics, then the code statistics (code-features.ts). */
export const ENSEMBLE_FEATURE_NAMES = [...TREE_FEATURE_NAMES, ...CODE_FEATURE_NAMES] as const;
export const ENSEMBLE_DENSE_DIM = ENSEMBLE_FEATURE_NAMES.length;

export function checkFeatureConfig(c: FeatureConfig): void {
  if (c.version !== 1) throw new Error(`feature config version ${String(c.version)} is not supported`);
  if (!Number.isInteger(c.dimBits) || c.dimBits < 4 || c.dimBits > 24) throw new Error('feature config dimBits must be 4..24');
  if (!Number.isInteger(c.charN) || c.charN < 2 || c.charN > 4) throw new Error('feature config charN must be 2..4');
  if (!(c.headChars >= 0 && c.tailChars >= 0)) throw new Error('feature config headChars/tailChars must be >= 0');
}
