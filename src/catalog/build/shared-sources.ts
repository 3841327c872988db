import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from './parse-csv.js';

/** A public data file in ../shared/catalog, named `<what>@<owner>_<repo>_<commit>_<date>.<ext>`. */
export interface SourceFile {
  path: string;
  /** `owner/repo` of the repository the snapshot was taken from. */
  repo: string;
  commit: string;
  /** YYYY-MM-DD, or YYYY-MM for monthly snapshots. */
  date: string;
}

/** The fields of LiteLLM's price file the catalog reads (USD per token). */
export interface LiteLLMEntry {
  litellm_provider?: string;
  mode?: string;
  max_input_tokens?: number;
  max_output_tokens?: number;
  input_cost_per_token?: number;
  output_cost_per_token?: number;
  cache_read_input_token_cost?: number;
  cache_creation_input_token_cost?: number;
  output_cost_per_reasoning_token?: number;
  tiered_pricing?: Array<{
    input_cost_per_token?: number;
    output_cost_per_token?: number;
    cache_read_input_token_cost?: number;
    range?: [number, number];
  }>;
  input_cost_per_token_above_128k_tokens?: number;
  input_cost_per_token_above_200k_tokens?: number;
  input_cost_per_token_above_256k_tokens?: number;
  input_cost_per_token_above_272k_tokens?: number;
  supports_function_calling?: boolean;
  supports_vision?: boolean;
  supports_reasoning?: boolean;
  supports_response_schema?: boolean;
  deprecation_date?: string;
}

/** The fields of an OpenRouter `/api/v1/models` entry the catalog reads (prices are USD-per-token strings). */
export interface OpenRouterEntry {
  id: string;
  hugging_face_id?: string | null;
  context_length?: number;
  architecture?: { input_modalities?: string[] };
  pricing?: Record<string, unknown>;
  top_provider?: { max_completion_tokens?: number | null };
  supported_parameters?: string[];
}

export interface SharedCatalogSources {
  litellm: { file: SourceFile; entries: Readonly<Record<string, LiteLLMEntry>> };
  openrouter: { file: SourceFile; entries: ReadonlyMap<string, OpenRouterEntry> };
  epoch: { file: SourceFile; rows: ReadonlyArray<Record<string, string>> };
}

const NAME = /^([^@]+)@([^_]+)_(.+)_([0-9a-f]{7,40})_(\d{4}-\d{2}(?:-\d{2})?)\.[a-z]+$/;

/** Parse a shared file name into where the snapshot came from and when. */
export function describeSourceFile(dir: string, name: string): SourceFile & { what: string } {
  const m = NAME.exec(name);
  if (!m) throw new Error(`unexpected file name in the shared catalog data: ${name}`);
  const [, what, owner, repo, commit, date] = m as unknown as [string, string, string, string, string, string];
  return { what, path: join(dir, name), repo: `${owner}/${repo}`, commit, date };
}

/** The newest snapshot whose name starts with `what@` (file names sort by date within a source). */
function findSource(dir: string, what: string): SourceFile {
  const found = readdirSync(dir)
    .filter((name) => name.startsWith(`${what}@`))
    .map((name) => describeSourceFile(dir, name))
    .sort((a, b) => a.date.localeCompare(b.date));
  const newest = found.at(-1);
  if (!newest) throw new Error(`no ${what}@… file in ${dir}`);
  return newest;
}

/** Read the three public sources the catalog is built from. */
export function readSharedCatalogSources(dir: string): SharedCatalogSources {
  const litellmFile = findSource(dir, 'litellm_model_prices_and_context_window');
  const openrouterFile = findSource(dir, 'openrouter_api_v1_models');
  const epochFile = findSource(dir, 'epoch_notable_ai_models');
  const litellm = JSON.parse(readFileSync(litellmFile.path, 'utf8')) as Record<string, LiteLLMEntry>;
  const openrouter = JSON.parse(readFileSync(openrouterFile.path, 'utf8')) as { data: OpenRouterEntry[] };
  return {
    litellm: { file: litellmFile, entries: litellm },
    openrouter: { file: openrouterFile, entries: new Map(openrouter.data.map((e) => [e.id, e])) },
    epoch: { file: epochFile, rows: parseCsv(readFileSync(epochFile.path, 'utf8')) },
  };
}
