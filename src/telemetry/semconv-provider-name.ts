/**
 * `gen_ai.provider.name` for each provider type whose vendor the OpenTelemetry GenAI semantic conventions
 * name (their list of well-known values must be used where one applies). Data, not code: every other type
 * (qwen, moonshot, vllm, openai-compatible...) is reported under its own type name.
 */
const WELL_KNOWN: Readonly<Record<string, string>> = Object.freeze({
  openai: 'openai',
  anthropic: 'anthropic',
  gemini: 'gcp.gemini',
  deepseek: 'deepseek',
  'deepseek-anthropic': 'deepseek',
  groq: 'groq',
  mistral: 'mistral_ai',
  xai: 'x_ai',
});

/** The semantic conventions' provider name for a provider type ('' when there is none). */
export function semconvProviderName(providerType: string | undefined): string {
  if (!providerType) return '';
  return WELL_KNOWN[providerType] ?? providerType;
}
